//! `textDocument/codeAction`: quick fixes, suppressions and "fix all".

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeActionParams, CodeActionResponse};

use crate::features::code_action;
use crate::guard::{guard, invalid_params};
use crate::session::Session;

pub fn code_action(
    session: &Session,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    guard("textDocument/codeAction", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let actions =
            code_action::code_actions(&doc, &params).map_err(|e| invalid_params(e.to_string()))?;
        Ok(Some(actions))
    })
}
