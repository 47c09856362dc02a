//! `textDocument/formatting`, `rangeFormatting` and `onTypeFormatting`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams,
    TextEdit,
};

use crate::features::formatting;
use crate::guard::{guard, invalid_params};
use crate::session::Session;

pub fn formatting(
    session: &Session,
    params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    guard("textDocument/formatting", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        Ok(Some(formatting::format_document(&doc)))
    })
}

pub fn range_formatting(
    session: &Session,
    params: DocumentRangeFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    guard("textDocument/rangeFormatting", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let span = doc
            .text()
            .span(params.range)
            .map_err(|e| invalid_params(e.to_string()))?;
        Ok(Some(formatting::format_range(&doc, span)))
    })
}

pub fn on_type_formatting(
    session: &Session,
    params: DocumentOnTypeFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    guard("textDocument/onTypeFormatting", || {
        let position = params.text_document_position;
        let doc = session.state.doc(&position.text_document.uri)?;
        let offset = doc.offset_of(position.position)?;
        Ok(Some(formatting::on_type(&doc, offset, &params.ch)))
    })
}
