//! `textDocument/completion`: keywords, rule codes and component parameters in templates, keys
//! and values in manifests.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CompletionParams, CompletionResponse};

use crate::document::DocKind;
use crate::features::completion;
use crate::features::manifest;
use crate::guard::{guard, lock};
use crate::session::Session;

pub fn completion(
    session: &Session,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let roots = lock(&session.state.roots).clone();
    guard("textDocument/completion", || {
        let position = params.text_document_position;
        let doc = session.state.doc(&position.text_document.uri)?;
        let offset = doc.offset_of(position.position)?;
        let items = match doc.kind {
            DocKind::Template(_) => completion::complete(&doc, offset, &roots),
            DocKind::Manifest => manifest::complete(&doc, offset),
            DocKind::Embedded(_) => Vec::new(),
        };
        Ok(Some(CompletionResponse::Array(items)))
    })
}
