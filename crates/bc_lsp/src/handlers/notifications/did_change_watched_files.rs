//! `workspace/didChangeWatchedFiles`: settings files and templates changed on disk.

use tower_lsp_server::ls_types::{DidChangeWatchedFilesParams, Uri};

use crate::document::file_name;
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
    // A template changed on disk (a checkout, another tool): the open manifests that read it
    // from there see the new text. Open templates are the editor's business.
    let templates: Vec<&Uri> = {
        let docs = lock(&session.state.docs);
        params
            .changes
            .iter()
            .map(|change| &change.uri)
            .filter(|uri| {
                bc_syntax::FileKind::from_file_name(file_name(uri))
                    .is_some_and(bc_syntax::FileKind::is_template)
                    && !docs.contains_key(uri.as_str())
            })
            .collect()
    };
    session.relint_manifests_of(&templates).await;
}
