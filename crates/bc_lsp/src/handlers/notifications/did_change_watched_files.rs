//! `workspace/didChangeWatchedFiles`: settings files, templates, components and manifests
//! changed on disk (a checkout, another tool).

use tower_lsp_server::ls_types::{DidChangeWatchedFilesParams, FileChangeType};

use crate::document::file_name;
use crate::features::manifest;
use crate::guard::lock;
use crate::session::Session;

pub async fn did_change_watched_files(session: &Session, params: DidChangeWatchedFilesParams) {
    let settings_changed = params.changes.iter().any(|change| {
        let name = file_name(&change.uri);
        name == "bclint.toml" || name == ".bclint.toml"
    });
    if settings_changed {
        session.state.discovery.clear();
        lock(&session.state.reported).clear();
        session.relint_all().await;
    }
    // The project index reads each changed file again (an open one keeps the editor's text) and
    // names the open documents whose findings may change with it.
    for change in &params.changes {
        let Some(path) = manifest::path_of(&change.uri) else {
            continue;
        };
        let project = session.state.project_of(&path);
        project.ready().await;
        let dependents = project.with(|index| {
            if change.typ == FileChangeType::DELETED {
                index.remove(&path)
            } else {
                index.update(&path)
            }
        });
        if let Some(dependents) = dependents {
            session.relint(&dependents, None).await;
        }
    }
}
