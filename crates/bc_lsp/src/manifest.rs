//! `imagepipeline.toml` support: linting through bc_pipeline, the templates a manifest references,
//! and the manifests that reference a template.

use std::path::{Path, PathBuf};

use bc_lint::Config;
use bc_syntax::Span;
use tower_lsp_server::ls_types::{CompletionItem, Hover, Uri};

use crate::document::{Document, is_manifest_name};

/// A template path in a manifest (`build = "…"`, `test = "…"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRef {
    /// The string's contents in the manifest.
    pub span: Span,
    /// The path, resolved against the manifest's directory.
    pub path: PathBuf,
}

/// The local path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Lints a manifest.
pub fn lint(
    _uri: &Uri,
    _text: &str,
    _config: &Config,
    _open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<bc_lint::Diagnostic> {
    Vec::new()
}

/// Completion in a manifest: keys and enumerated values.
pub fn complete(_doc: &Document, _offset: usize) -> Vec<CompletionItem> {
    Vec::new()
}

/// Hover in a manifest: the documentation of a key.
pub fn hover(_doc: &Document, _offset: usize) -> Option<Hover> {
    None
}

/// The template paths a manifest's text references, with their spans.
pub fn referenced(text: &str, dir: &Path) -> Vec<TemplateRef> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        if let Some((key, value)) = trimmed.split_once('=')
            && matches!(key.trim(), "build" | "test")
        {
            let value_start = offset + (line.len() - trimmed.len()) + key.len() + 1;
            let value_trimmed = value.trim_start();
            let lead = value.len() - value_trimmed.len();
            if let Some(rest) = value_trimmed.strip_prefix('"')
                && let Some(end) = rest.find('"')
            {
                let start = value_start + lead + 1;
                out.push(TemplateRef {
                    span: Span::new(start, start + end),
                    path: dir.join(&rest[..end]),
                });
            }
        }
        offset += line.len();
    }
    out
}

/// The templates a manifest document references.
pub fn template_refs(doc: &Document) -> Vec<TemplateRef> {
    let Some(path) = path_of(&doc.uri) else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new("/"));
    referenced(&doc.text, dir)
}

/// Manifests on disk (in the template's directory and up to three parents) that reference
/// `template`. `open` gives the text of open documents, which wins over the disk.
pub fn manifests_referencing(template: &Path, open: &dyn Fn(&Path) -> Option<String>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let target = normalize(template);
    let mut dir = template.parent();
    for _ in 0..4 {
        let Some(current) = dir else { break };
        if let Ok(entries) = std::fs::read_dir(current) {
            let mut names: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_manifest_name))
                .collect();
            names.sort();
            for manifest in names {
                let text = open(&manifest).or_else(|| std::fs::read_to_string(&manifest).ok());
                let Some(text) = text else { continue };
                if referenced(&text, current).iter().any(|r| normalize(&r.path) == target) {
                    found.push(manifest);
                }
            }
        }
        dir = current.parent();
    }
    found
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_with_spans() {
        let text = "region = \"cn-hangzhou\"\nbuild = \"templates/build.buildcontent\"\ntest=\"t.testcontent\"\n[image_options]\nbuild = \"no\"\n";
        let refs = referenced(text, Path::new("/p"));
        assert_eq!(refs.len(), 2);
        assert_eq!(&text[refs[0].span.range()], "templates/build.buildcontent");
        assert_eq!(refs[0].path, Path::new("/p/templates/build.buildcontent"));
        assert_eq!(&text[refs[1].span.range()], "t.testcontent");
    }
}
