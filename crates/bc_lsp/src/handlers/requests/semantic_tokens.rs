//! `textDocument/semanticTokens/full` and `/full/delta`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticTokensDelta, SemanticTokensDeltaParams, SemanticTokensFullDeltaResult,
    SemanticTokensParams, SemanticTokensResult,
};

use crate::features::semantic_tokens;
use crate::guard::guard;
use crate::session::Session;

pub fn semantic_tokens_full(
    session: &Session,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    guard("textDocument/semanticTokens/full", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let (id, data, _) = session.state.fresh_tokens(&doc);
        Ok(Some(SemanticTokensResult::Tokens(semantic_tokens::full(
            id, data,
        ))))
    })
}

pub fn semantic_tokens_full_delta(
    session: &Session,
    params: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    guard("textDocument/semanticTokens/full/delta", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let (id, data, previous) = session.state.fresh_tokens(&doc);
        Ok(Some(match previous {
            Some((previous_id, old)) if previous_id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(id),
                    edits: semantic_tokens::delta(&old, &data),
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(semantic_tokens::full(id, data)),
        }))
    })
}
