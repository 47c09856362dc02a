//! `textDocument/didClose`: clears the pushed diagnostics; the project index, and the open
//! documents that depend on the file, read it from the disk again.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::features::manifest;
use crate::guard::lock;
use crate::session::Session;

pub async fn did_close(session: &Session, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    lock(&session.state.docs).remove(uri.as_str());
    lock(&session.state.tokens).remove(uri.as_str());
    session.state.online.forget(uri.as_str());
    if !lock(&session.state.caps).pull_diagnostics {
        session
            .client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
    }
    // The disk's text, which may differ from the editor's, counts again.
    let Some(path) = manifest::path_of(&uri) else {
        return;
    };
    let project = session.state.project_of(&path);
    project.ready().await;
    if let Some(dependents) = project.with(|index| index.remove_overlay(&path)) {
        session.relint(&dependents, Some(&path)).await;
    }
}
