//! Completion in a YAML component: action names after `Action:`, the properties of the task's
//! action under `Properties:`, parameter types after `Type:`, and inside `{{ … }}` the
//! parameters and the outputs of the tasks before the cursor.

use bc_component::{ACTIONS, Component, Output};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind, Range, TextEdit,
};

use super::cursor::{key_of, reference_at, task_at};
use crate::document::Document;

/// The completions at `offset` of a YAML component.
pub fn complete(doc: &Document, offset: usize) -> Vec<CompletionItem> {
    let Some(component) = &doc.component else {
        return Vec::new();
    };
    let text = doc.text();
    let (line_start, line) = text.line_at(offset);
    let before = &line[..(offset - line_start).min(line.len())];
    let item = |label: &str, kind, detail: String, docs: String, start: usize| CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail),
        documentation: (!docs.is_empty()).then_some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: docs,
        })),
        text_edit: Some(
            TextEdit::new(
                Range::new(text.position(start), text.position(offset)),
                label.to_owned(),
            )
            .into(),
        ),
        ..CompletionItem::default()
    };

    if let Some((open, _, _)) = reference_at(line_start, line, offset) {
        let start = offset - doc.text[open..offset].trim_start().len();
        return references(component, offset)
            .into_iter()
            .map(|(label, detail)| {
                item(
                    &label,
                    CompletionItemKind::VARIABLE,
                    detail,
                    String::new(),
                    start,
                )
            })
            .collect();
    }
    let typed_from = offset - before.len() + before.rfind([' ', ':']).map_or(0, |i| i + 1);
    match before.split_once(':') {
        Some((key, _)) if key.trim_start().trim_start_matches("- ").trim() == "Action" => ACTIONS
            .iter()
            .map(|action| {
                let docs = super::hover::action_markdown(action);
                item(
                    action.name,
                    CompletionItemKind::FUNCTION,
                    action.docs.to_owned(),
                    docs,
                    typed_from,
                )
            })
            .collect(),
        Some((key, _)) if key.trim() == "Type" && in_parameters(component, offset) => {
            ["String", "Number", "Boolean"]
                .into_iter()
                .map(|ty| {
                    item(
                        ty,
                        CompletionItemKind::ENUM_MEMBER,
                        "parameter type".to_owned(),
                        String::new(),
                        typed_from,
                    )
                })
                .collect()
        }
        Some(_) => Vec::new(),
        None => properties(doc, component, offset, before)
            .into_iter()
            .map(|(property, start)| {
                let required = if property.required { " (required)" } else { "" };
                let detail = format!("{}{required}", property.ty.as_str());
                let docs = super::hover::property_markdown(property);
                item(
                    property.name,
                    CompletionItemKind::PROPERTY,
                    detail,
                    docs,
                    start,
                )
            })
            .collect(),
    }
}

/// Whether `offset` lies in the top-level `Parameters` mapping.
fn in_parameters(component: &Component, offset: usize) -> bool {
    component.top("Parameters").is_some_and(|parameters| {
        parameters.span.start <= offset
            && component.top("Tasks").is_none_or(|tasks| {
                tasks.span.start > offset || tasks.span.start < parameters.span.start
            })
    })
}

/// The properties of the action of the task at `offset` not yet set, when the line is a key
/// being typed below that task's `Properties:`, each with where the typed key starts.
fn properties(
    doc: &Document,
    component: &Component,
    offset: usize,
    before: &str,
) -> Vec<(&'static bc_component::Property, usize)> {
    let Some(task) = task_at(component, offset) else {
        return Vec::new();
    };
    let Some(action) = task.action else {
        return Vec::new();
    };
    // Below the task's `Properties:` line, indented deeper than it.
    let properties_key = task.node.get("Properties").map(|entry| entry.key.span);
    let Some(key_span) = properties_key else {
        return Vec::new();
    };
    let text = doc.text();
    let (key_line_start, key_line) = text.line_at(key_span.start);
    let key_indent = key_span.start - key_line_start;
    let indent = before.len() - before.trim_start().len();
    if offset <= key_line_start + key_line.len() || indent <= key_indent {
        return Vec::new();
    }
    let set: Vec<&str> = task
        .properties
        .and_then(|node| node.entries())
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| entry.key.as_str())
        .collect();
    let typed = key_of(before).map_or("", |(_, key)| key);
    action
        .properties
        .iter()
        .filter(|property| !set.contains(&property.name) || property.name == typed)
        .map(|property| (property, offset - typed.len()))
        .collect()
}

/// What `{{ … }}` may name at `offset`: every parameter, and `<task>.stdout` of each task
/// before the cursor's whose action leaves an output.
fn references(component: &Component, offset: usize) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = component
        .parameters()
        .map(|parameter| {
            let ty = parameter.ty().map_or("String", |ty| ty.as_str());
            (parameter.name.to_owned(), format!("parameter ({ty})"))
        })
        .collect();
    let current = task_at(component, offset).map(|task| task.index);
    for task in component.tasks() {
        if current.is_some_and(|current| task.index >= current) {
            break;
        }
        let leaves_output = task
            .action
            .is_none_or(|action| action.output != Output::None);
        if let (Some(name), true) = (task.name, leaves_output) {
            let action = task.action.map_or("task", |action| action.name);
            out.push((format!("{name}.stdout"), format!("output of {action}")));
        }
    }
    out
}
