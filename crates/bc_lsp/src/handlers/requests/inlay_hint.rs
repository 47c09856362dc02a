//! `textDocument/inlayHint`: the wire size.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InlayHint, InlayHintParams};

use crate::features::inlay;
use crate::guard::guard;
use crate::session::Session;

pub fn inlay_hint(session: &Session, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    guard("textDocument/inlayHint", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        Ok(Some(inlay::hints(&doc)))
    })
}
