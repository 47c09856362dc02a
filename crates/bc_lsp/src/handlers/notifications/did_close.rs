//! `textDocument/didClose`: clears the pushed diagnostics; open manifests read the file from disk
//! again.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::document::DocKind;
use crate::guard::lock;
use crate::session::Session;

pub async fn did_close(session: &Session, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let closed = lock(&session.state.docs).remove(uri.as_str());
    lock(&session.state.tokens).remove(uri.as_str());
    session.state.online.forget(uri.as_str());
    if !lock(&session.state.caps).pull_diagnostics {
        session
            .client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
    }
    // Manifests now read the template from the disk, which may differ from the editor.
    if closed.is_some_and(|open| open.kind() != DocKind::Manifest) {
        session.relint_manifests_of(&[&uri]).await;
    }
}
