//! `textDocument/definition`: from `{{ name }}` in a YAML component to its declaration, and
//! from a template's `COMPONENT` reference to the local component files it calls.

use bc_workspace::files::SourceKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use crate::features::component::navigation;
use crate::guard::guard;
use crate::session::Session;

pub async fn definition(
    session: &Session,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let position = params.text_document_position_params;
    let uri = position.text_document.uri;
    let project = session.project_ready(&uri).await;
    guard("textDocument/definition", || {
        let doc = session.state.doc(&uri)?;
        let offset = doc.offset_of(position.position)?;
        let locations = match doc.kind {
            SourceKind::YamlComponent => navigation::definition(&doc, offset)
                .map(|span| vec![Location::new(uri.clone(), doc.text().range(span))])
                .unwrap_or_default(),
            SourceKind::Template(_) => project
                .and_then(|project| {
                    project.with(|index| navigation::called_components(&doc, offset, index))
                })
                .unwrap_or_default(),
            SourceKind::Manifest | SourceKind::ComponentManifest | SourceKind::Embedded(_) => {
                Vec::new()
            }
        };
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    })
}
