//! `textDocument/codeLens`: "Submit to Image Builder" and "Dry run".

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams};

use crate::features::code_lens;
use crate::features::manifest;
use crate::guard::guard;
use crate::session::Session;

pub async fn code_lens(session: &Session, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let uri = params.text_document.uri;
    let project = session.project_ready(&uri).await;
    guard("textDocument/codeLens", || {
        let doc = session.state.doc(&uri)?;
        let manifests = match (&project, manifest::path_of(&uri)) {
            (Some(project), Some(path)) => project
                .with(|index| index.manifests_referencing(&path))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        Ok(Some(code_lens::code_lenses(&doc, &manifests)))
    })
}
