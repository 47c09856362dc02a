//! `textDocument/foldingRange`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeParams};

use crate::features::folding;
use crate::guard::guard;
use crate::session::Session;

pub fn folding_range(
    session: &Session,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    guard("textDocument/foldingRange", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        Ok(Some(folding::folding_ranges(&doc)))
    })
}
