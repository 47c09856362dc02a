//! `textDocument/codeLens`: "Submit to Image Builder" and "Dry run" at the top of every manifest
//! and of every template a manifest references.

use std::path::Path;

use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command, Range, Uri};

use crate::document::{DocKind, Document};
use crate::features::manifest;
use crate::workspace_commands::SUBMIT;

/// The lenses of a document. `open` gives the text of open documents by path.
pub fn code_lenses(doc: &Document, open: &dyn Fn(&Path) -> Option<String>) -> Vec<CodeLens> {
    let manifests: Vec<(Uri, String)> = match doc.kind {
        DocKind::Manifest => vec![(doc.uri.clone(), String::new())],
        DocKind::Template(kind) if kind.is_template() => {
            let Some(path) = manifest::path_of(&doc.uri) else {
                return Vec::new();
            };
            manifest::manifests_referencing(&path, open)
                .into_iter()
                .filter_map(|m| {
                    let name = m.file_name()?.to_string_lossy().into_owned();
                    Some((Uri::from_file_path(&m)?, format!(" ({name})")))
                })
                .collect()
        }
        DocKind::Template(_) | DocKind::Embedded(_) => Vec::new(),
    };
    let mut out = Vec::new();
    for (uri, suffix) in manifests {
        for (title, dry_run) in [("Submit to Image Builder", false), ("Dry run", true)] {
            out.push(CodeLens {
                range: Range::default(),
                command: Some(Command {
                    title: format!("{title}{suffix}"),
                    command: SUBMIT.to_owned(),
                    arguments: Some(vec![json!({ "uri": uri.as_str(), "dryRun": dry_run })]),
                }),
                data: None,
            });
        }
    }
    out
}
