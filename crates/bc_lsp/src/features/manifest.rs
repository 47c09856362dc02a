//! `imagepipeline.toml` support: linting through bc_pipeline, and the templates a manifest
//! references. (Which manifests name a template, the project index answers: `crate::projects`.)

use std::path::{Path, PathBuf};

use bc_lint::Config;
use bc_pipeline::component::ContentFile;
use bc_pipeline::{Templates, ValueKind};
use bc_syntax::Span;
use bc_workspace::manifest::{load_component_content, load_templates};
use bc_workspace::repository;
use bc_workspace::settings::{Discovery, Overrides};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, Documentation, Hover, InsertTextFormat,
    MarkupContent, MarkupKind, Range, TextEdit, Uri,
};

use crate::document::Document;

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

/// Lints a manifest with bc_pipeline, loading the templates it names the way the command line
/// does (open documents win over the disk), so both refuse the same files and give the same
/// findings.
pub fn lint(
    uri: &Uri,
    text: &str,
    config: &Config,
    open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<bc_lint::Diagnostic> {
    let templates = match path_of(uri) {
        Some(manifest_path) => {
            let allow_outside = allows_outside_repository(&manifest_path);
            load_templates(&manifest_path, text, allow_outside, open).0
        }
        None => Templates::default(),
    };
    bc_pipeline::lint_manifest(text, &templates, config)
}

/// Lints a Terraform or ROS file: the findings of its image resources only.
pub fn lint_embedded(
    uri: &Uri,
    host: bc_embedded::Host,
    text: &str,
    config: &Config,
    open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<bc_lint::Diagnostic> {
    let Some(path) = path_of(uri) else {
        let extraction = bc_embedded::extract(host, text);
        return bc_embedded::lint(host, text, &extraction, config, &|_| None);
    };
    let allow_outside = allows_outside_repository(&path);
    bc_workspace::embedded::lint_host(&path, host, text, config, allow_outside, open).diagnostics
}

/// Lints a component manifest (`*.imagecomponent.toml`) with the content file it describes, as
/// `bclint check` does. The content is read from disk: the index's overlays only record facts.
pub fn lint_component_manifest(uri: &Uri, text: &str, config: &Config) -> Vec<bc_lint::Diagnostic> {
    let content = match path_of(uri) {
        Some(manifest_path) => {
            let allow_outside = allows_outside_repository(&manifest_path);
            load_component_content(&manifest_path, text, allow_outside).0
        }
        None => ContentFile::Unreadable("the manifest is not saved to a file".to_owned()),
    };
    bc_pipeline::component::lint_component_manifest(text, &content, config)
}

/// Whether the `bclint.toml` governing `manifest` lets it name files outside the repository. The
/// settings are read afresh (a small file, once per manifest analysis), so an edit applies at
/// once; a bad settings file counts as "no", and is reported with the rule levels.
fn allows_outside_repository(manifest: &Path) -> bool {
    let dir = repository::parent(manifest).to_path_buf();
    Discovery::new(Overrides::default(), dir)
        .settings_for(manifest)
        .is_ok_and(|settings| settings.allow_outside_repository)
}

/// The template paths a manifest's text references, with the spans of their contents.
pub fn referenced(text: &str, dir: &Path) -> Vec<TemplateRef> {
    bc_pipeline::referenced_templates(text)
        .into_iter()
        .map(|(_, written, span)| {
            let quoted = span.text(text);
            let span = if quoted.len() >= 2 && quoted.starts_with(['"', '\'']) {
                Span::new(span.start + 1, span.end - 1)
            } else {
                span
            };
            TemplateRef {
                span,
                path: dir.join(written),
            }
        })
        .collect()
}

/// The templates a manifest document references.
pub fn template_refs(doc: &Document) -> Vec<TemplateRef> {
    let Some(path) = path_of(&doc.uri) else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new("/"));
    referenced(&doc.text, dir)
}

/// The `[table]` (or `[[table]]`) the line at `offset` belongs to, `""` for the top level.
fn table_at(text: &str, offset: usize) -> String {
    text[..offset]
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('['))
        .map(|line| line.trim_matches(['[', ']']).trim().to_owned())
        .unwrap_or_default()
}

/// Completion in a manifest: the keys of the current table at the start of a line, and the
/// allowed values after `key = ` for enumerated keys.
pub fn complete(doc: &Document, offset: usize) -> Vec<CompletionItem> {
    let text = doc.text();
    let (line_start, line) = text.line_at(offset);
    let before = &line[..(offset - line_start).min(line.len())];
    let table = table_at(&doc.text, line_start);
    let trimmed = before.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with('[') {
        return Vec::new();
    }
    if let Some((key, value)) = trimmed.split_once('=') {
        let key = key.trim();
        let path = if table.is_empty() {
            key.to_owned()
        } else {
            format!("{table}.{key}")
        };
        let Some(meta) = bc_pipeline::find_key(&path) else {
            return Vec::new();
        };
        let typed = value.trim_start();
        let start = offset - typed.len();
        let range = Range::new(text.position(start), text.position(offset));
        return meta
            .values
            .iter()
            .map(|v| CompletionItem {
                label: (*v).to_owned(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some(meta.api.to_owned()),
                filter_text: Some(format!("\"{v}\"")),
                text_edit: Some(TextEdit::new(range, format!("\"{v}\"")).into()),
                ..CompletionItem::default()
            })
            .collect();
    }
    let start = offset - trimmed.len();
    let range = Range::new(text.position(start), text.position(offset));
    bc_pipeline::MANIFEST_KEYS
        .iter()
        .filter(|key| key.table() == table)
        .map(|key| {
            let snippet = match key.kind {
                _ if !key.values.is_empty() => {
                    format!("{} = \"${{1|{}|}}\"", key.name(), key.values.join(","))
                }
                ValueKind::String => format!("{} = \"$1\"", key.name()),
                ValueKind::StringArray | ValueKind::IntegerArray => {
                    format!("{} = [$1]", key.name())
                }
                ValueKind::Table | ValueKind::StringTable => format!("[{}]\n$0", key.path),
                ValueKind::TableArray => format!("[[{}]]\n$0", key.path),
                _ => format!("{} = $1", key.name()),
            };
            CompletionItem {
                label: key.name().to_owned(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: Some(format!(
                    "{}{}",
                    if key.api.is_empty() { "" } else { key.api },
                    if key.required { " (required)" } else { "" }
                )),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: key_markdown(key),
                })),
                insert_text_format: Some(InsertTextFormat::SNIPPET),
                text_edit: Some(TextEdit::new(range, snippet).into()),
                tags: key.deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
                sort_text: Some(format!(
                    "{}{}{}",
                    u8::from(!key.required),
                    u8::from(key.deprecated),
                    key.name()
                )),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn key_markdown(key: &bc_pipeline::ManifestKey) -> String {
    let mut out = format!(
        "**{}** — {}\n\n{}",
        key.path,
        key.kind.describe(),
        key.description
    );
    if !key.api.is_empty() {
        out.push_str(&format!("\n\nCreateImagePipeline parameter: `{}`", key.api));
    }
    if !key.values.is_empty() {
        out.push_str(&format!(
            "\n\nValues: {}",
            key.values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// Hover in a manifest: a finding's rule docs, else the documentation of the key on the line.
pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    let markdown =
        |value: String, span: Span| crate::features::hover::markdown_hover(doc, value, span);
    if let Some(finding) = doc.diagnostics.iter().find(|d| d.span.touches(offset))
        && let Some(rule) = crate::registry::find_rule(finding.code)
    {
        return Some(markdown(
            crate::features::hover::rule_markdown(rule),
            finding.span,
        ));
    }
    let (line_start, line) = doc.text().line_at(offset);
    let (key, _) = line.split_once('=')?;
    let lead = key.len() - key.trim_start().len();
    let key_span = Span::new(line_start + lead, line_start + key.trim_end().len());
    if !key_span.touches(offset) {
        return None;
    }
    let name = key.trim().trim_matches('"');
    let table = table_at(&doc.text, line_start);
    let path = if table.is_empty() {
        name.to_owned()
    } else {
        format!("{table}.{name}")
    };
    let meta = bc_pipeline::find_key(&path)?;
    Some(markdown(key_markdown(meta), key_span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_with_spans() {
        let text = "region = \"cn-hangzhou\"\nbuild = \"templates/build.buildcontent\"\ntest=\"t.testcontent\"\n[image_options]\nimage_name = \"no\"\n";
        let refs = referenced(text, Path::new("/p"));
        assert_eq!(refs.len(), 2);
        assert_eq!(&text[refs[0].span.range()], "templates/build.buildcontent");
        assert_eq!(refs[0].path, Path::new("/p/templates/build.buildcontent"));
        assert_eq!(&text[refs[1].span.range()], "t.testcontent");
    }
}
