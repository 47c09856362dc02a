//! `textDocument/documentLink`: `COPY` URLs, and the template paths of a manifest.

use bc_syntax::KeywordKind;
use bc_workspace::files::SourceKind;
use tower_lsp_server::ls_types::{DocumentLink, Uri};

use crate::document::Document;
use crate::features::manifest;

/// The links of a document.
pub fn links(doc: &Document) -> Vec<DocumentLink> {
    let text = doc.text();
    match doc.kind {
        SourceKind::Template(_) => {
            let Some(parse) = doc.parse.as_ref() else {
                return Vec::new();
            };
            parse
                .commands()
                .filter(|c| c.keyword.kind == KeywordKind::Copy)
                .filter_map(|c| c.args().first())
                .filter_map(|word| {
                    let url = word.value(&doc.text);
                    if !(url.starts_with("http://") || url.starts_with("https://")) {
                        return None;
                    }
                    let target = url.parse::<Uri>().ok()?;
                    Some(DocumentLink {
                        range: text.range(word.span),
                        target: Some(target),
                        tooltip: Some("Open the URL COPY downloads".to_owned()),
                        data: None,
                    })
                })
                .collect()
        }
        SourceKind::Embedded(_) => Vec::new(),
        SourceKind::Manifest => manifest::template_refs(doc)
            .into_iter()
            .filter_map(|reference| {
                let target = Uri::from_file_path(&reference.path)?;
                Some(DocumentLink {
                    range: text.range(reference.span),
                    target: Some(target),
                    tooltip: Some(format!("Open {}", reference.span.text(&doc.text))),
                    data: None,
                })
            })
            .collect(),
        SourceKind::YamlComponent | SourceKind::ComponentManifest => Vec::new(),
    }
}
