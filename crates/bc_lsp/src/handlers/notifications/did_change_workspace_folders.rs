//! `workspace/didChangeWorkspaceFolders`: the folders change, and an added one's project index
//! starts building.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{DidChangeWorkspaceFoldersParams, WorkspaceFolder};

use crate::features::manifest;
use crate::session::Session;

pub async fn did_change_workspace_folders(
    session: &Session,
    params: DidChangeWorkspaceFoldersParams,
) {
    let paths = |folders: &[WorkspaceFolder]| -> Vec<PathBuf> {
        folders
            .iter()
            .filter_map(|folder| manifest::path_of(&folder.uri))
            .collect()
    };
    let added = paths(&params.event.added);
    session
        .state
        .projects
        .change_folders(&added, &paths(&params.event.removed));
    for folder in &added {
        session.state.project_for_dir(folder);
    }
}
