//! `textDocument/codeLens`: "Submit to Image Builder" and "Render".

use std::path::Path;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams};

use crate::features::code_lens;
use crate::guard::guard;
use crate::session::Session;

pub fn code_lens(session: &Session, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    guard("textDocument/codeLens", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let open = |path: &Path| session.state.open_text(path);
        Ok(Some(code_lens::code_lenses(&doc, &open)))
    })
}
