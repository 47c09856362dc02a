//! `textDocument/hover`: command, rule and finding documentation.

use bc_workspace::files::SourceKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams};

use crate::features::component;
use crate::features::hover;
use crate::features::manifest;
use crate::guard::guard;
use crate::session::Session;

pub fn hover(session: &Session, params: HoverParams) -> Result<Option<Hover>> {
    guard("textDocument/hover", || {
        let position = params.text_document_position_params;
        let doc = session.state.doc(&position.text_document.uri)?;
        let offset = doc.offset_of(position.position)?;
        Ok(match doc.kind {
            // A resolved cloud component says more than the parts of its reference.
            SourceKind::Template(_) => session
                .state
                .online
                .hover(&doc, offset)
                .or_else(|| hover::hover(&doc, offset)),
            SourceKind::YamlComponent => component::hover::hover(&doc, offset),
            SourceKind::Manifest => manifest::hover(&doc, offset),
            SourceKind::ComponentManifest => None,
            SourceKind::Embedded(_) => hover::findings_hover(&doc, offset),
        })
    })
}
