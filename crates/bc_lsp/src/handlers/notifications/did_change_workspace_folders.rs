//! `workspace/didChangeWorkspaceFolders`.

use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;

use crate::features::manifest;
use crate::guard::lock;
use crate::session::Session;

pub async fn did_change_workspace_folders(
    session: &Session,
    params: DidChangeWorkspaceFoldersParams,
) {
    let mut roots = lock(&session.state.roots);
    for removed in &params.event.removed {
        if let Some(path) = manifest::path_of(&removed.uri) {
            roots.retain(|r| *r != path);
        }
    }
    roots.extend(
        params
            .event
            .added
            .iter()
            .filter_map(|f| manifest::path_of(&f.uri)),
    );
}
