//! `textDocument/documentLink`: the files a manifest names, and its templates' manifests.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams};

use crate::features::links;
use crate::guard::guard;
use crate::session::Session;

pub fn document_link(
    session: &Session,
    params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    guard("textDocument/documentLink", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        Ok(Some(links::links(&doc)))
    })
}
