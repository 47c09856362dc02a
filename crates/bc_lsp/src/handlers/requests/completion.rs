//! `textDocument/completion`: keywords, rule codes and component parameters in templates, keys
//! and values in manifests.

use bc_workspace::files::SourceKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CompletionParams, CompletionResponse};

use crate::features::completion;
use crate::features::component;
use crate::features::manifest;
use crate::guard::guard;
use crate::session::Session;

pub async fn completion(
    session: &Session,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    let project = session.project_ready(&position.text_document.uri).await;
    guard("textDocument/completion", || {
        let doc = session.state.doc(&position.text_document.uri)?;
        let offset = doc.offset_of(position.position)?;
        let items = match doc.kind {
            SourceKind::Template(_) => match &project {
                Some(project) => project
                    .with(|index| completion::complete(&doc, offset, Some(index)))
                    .unwrap_or_default(),
                None => completion::complete(&doc, offset, None),
            },
            SourceKind::YamlComponent => component::completion::complete(&doc, offset),
            SourceKind::Manifest => manifest::complete(&doc, offset),
            SourceKind::ComponentManifest => Vec::new(),
            SourceKind::Embedded(_) => Vec::new(),
        };
        Ok(Some(CompletionResponse::Array(items)))
    })
}
