//! `textDocument/completion`: command snippets at the start of a line, the `--param` names of a
//! local component a `COMPONENT` line calls, and rule codes inside `# bclint: ignore=`.

use bc_component::ParameterType;
use bc_syntax::{Body, ComponentRefKind, KeywordKind};
use bc_workspace::index::ProjectIndex;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, Range, TextEdit,
};

use crate::document::Document;
use crate::features::hover::rule_markdown;
use crate::registry;
use bc_lint::commands::COMMAND_DOCS;

/// The completions at a byte offset of a template. `index` is the project index of its
/// repository, where the components `COMPONENT` lines call are looked up.
pub fn complete(
    doc: &Document,
    offset: usize,
    index: Option<&ProjectIndex>,
) -> Vec<CompletionItem> {
    let Some(kind) = doc.file_kind() else {
        return Vec::new();
    };
    if doc.parse.is_none() {
        return Vec::new();
    }
    let text = doc.text();
    let (line_start, line) = text.line_at(offset);
    let before = &line[..(offset - line_start).min(line.len())];
    let trimmed = before.trim_start();

    // Rule codes in a suppression comment.
    if let Some(list) = suppression_list(trimmed) {
        let typed = list.rsplit(',').next().unwrap_or_default().trim_start();
        let start = offset - typed.len();
        let range = Range::new(text.position(start), text.position(offset));
        return registry::all_rules()
            .into_iter()
            .map(|rule| CompletionItem {
                label: rule.code.to_owned(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(rule.name.to_owned()),
                documentation: Some(markdown(rule_markdown(rule))),
                text_edit: Some(TextEdit::new(range, rule.code.to_owned()).into()),
                filter_text: Some(format!("{} {}", rule.code, rule.name)),
                ..CompletionItem::default()
            })
            .collect();
    }
    if trimmed.starts_with('#') {
        return Vec::new();
    }

    let command = doc.command_at(offset);
    let continuation = command.is_some_and(|c| !c.lines()[0].touches(offset));

    // Keywords at the start of a line that does not continue a command.
    if !continuation && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        let start = offset - trimmed.len();
        let range = Range::new(text.position(start), text.position(offset));
        return COMMAND_DOCS
            .iter()
            .filter(|d| kind.is_template() || d.kind != KeywordKind::Component)
            .map(|d| {
                let keyword = d.kind.as_str();
                let deprecated = d.kind == KeywordKind::From;
                CompletionItem {
                    label: keyword.to_owned(),
                    kind: Some(CompletionItemKind::KEYWORD),
                    detail: Some(d.summary.to_owned()),
                    documentation: Some(markdown(d.markdown())),
                    insert_text_format: Some(InsertTextFormat::SNIPPET),
                    text_edit: Some(TextEdit::new(range, d.snippet.to_owned()).into()),
                    tags: deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
                    sort_text: Some(format!("{}{keyword}", u8::from(deprecated))),
                    ..CompletionItem::default()
                }
            })
            .collect();
    }

    // `--param` names of a COMPONENT whose ARN names a local component (design.md §1,
    // "component linkage"; `ic-` ids name none).
    if let Some(command) = command
        && let Body::Component(call) = &command.body
        && let Some(reference) = &call.reference
        && offset > reference.span.end
    {
        let word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default();
        if !(word.is_empty() || word.starts_with('-')) {
            return Vec::new();
        }
        let source = &doc.text;
        let ComponentRefKind::Arn(arn) = &reference.kind else {
            return Vec::new();
        };
        let Some(name) = arn.name.map(|name| name.text(source)) else {
            return Vec::new();
        };
        let Some(component) =
            index.and_then(|index| index.components_named(name).into_iter().next())
        else {
            return Vec::new();
        };
        let given: Vec<&str> = call.params.iter().filter_map(|p| p.name(source)).collect();
        let start = offset - word.len();
        let range = Range::new(text.position(start), text.position(offset));
        return component
            .parameters
            .iter()
            .filter(|p| !given.contains(&p.name.as_str()))
            .map(|p| {
                let ty = p.ty.map_or("String", ParameterType::as_str);
                let required = match &p.default {
                    Some(default) => format!(" = {default}"),
                    None => " (required)".to_owned(),
                };
                CompletionItem {
                    label: format!("--{}", p.name),
                    kind: Some(CompletionItemKind::FIELD),
                    detail: Some(format!("{ty}{required}")),
                    documentation: Some(markdown(format!(
                        "Parameter `{}` of the component in `{}`.",
                        p.name,
                        component.path.display()
                    ))),
                    insert_text_format: Some(InsertTextFormat::SNIPPET),
                    text_edit: Some(
                        TextEdit::new(
                            range,
                            format!(
                                "--{} ${{1:{}}}",
                                p.name,
                                p.default.as_deref().unwrap_or("value")
                            ),
                        )
                        .into(),
                    ),
                    sort_text: Some(format!("{}{}", u8::from(!p.is_required()), p.name)),
                    ..CompletionItem::default()
                }
            })
            .collect();
    }
    Vec::new()
}

/// The code list being typed after `# bclint: ignore=` or `ignore-file=`, if the cursor is there.
fn suppression_list(before: &str) -> Option<&str> {
    let body = before
        .strip_prefix('#')?
        .trim_start()
        .strip_prefix("bclint:")?
        .trim_start();
    let list = body
        .strip_prefix("ignore-file=")
        .or_else(|| body.strip_prefix("ignore="))?;
    (!list.contains("--")).then_some(list)
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}
