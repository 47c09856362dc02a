//! `textDocument/codeLens`: "Submit to Image Builder" and "Dry run" at the top of every pipeline
//! or component manifest and of every template a pipeline manifest references.

use std::path::PathBuf;

use bc_workspace::files::SourceKind;
use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command, Range, Uri};

use crate::document::Document;
use crate::workspace_commands::SUBMIT;

/// The lenses of a document. `referencing` are the manifests naming it, nearest first, if it is
/// a template.
pub fn code_lenses(doc: &Document, referencing: &[PathBuf]) -> Vec<CodeLens> {
    let manifests: Vec<(Uri, String)> = match doc.kind {
        SourceKind::Manifest | SourceKind::ComponentManifest => {
            vec![(doc.uri.clone(), String::new())]
        }
        SourceKind::Template(kind) if kind.is_template() => referencing
            .iter()
            .filter_map(|m| {
                let name = m.file_name()?.to_string_lossy().into_owned();
                Some((Uri::from_file_path(m)?, format!(" ({name})")))
            })
            .collect(),
        _ => Vec::new(),
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
