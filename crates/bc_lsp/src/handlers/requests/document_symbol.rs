//! `textDocument/documentSymbol`: the outline.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse};

use crate::features::symbols;
use crate::guard::guard;
use crate::session::Session;

pub fn document_symbol(
    session: &Session,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    guard("textDocument/documentSymbol", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols::symbols(&doc))))
    })
}
