//! `textDocument/didSave`.

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

use crate::guard::lock;
use crate::session::Session;

pub async fn did_save(session: &Session, params: DidSaveTextDocumentParams) {
    if lock(&session.state.docs).contains_key(params.text_document.uri.as_str()) {
        session.schedule_publish(&params.text_document.uri);
    }
}
