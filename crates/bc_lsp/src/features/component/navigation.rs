//! Go to definition and the outline of a YAML component, and go to definition from a
//! template's `COMPONENT` line to the local component it calls.

use bc_syntax::{Body, ComponentRefKind, Span};
use bc_workspace::index::ProjectIndex;
use tower_lsp_server::ls_types::{DocumentSymbol, Location, Range, SymbolKind, Uri};

use super::cursor::reference_at;
use crate::document::Document;

/// Where the `{{ name }}` or `{{ task.stdout }}` at `offset` of a YAML component is declared:
/// the parameter's key, or the task's `Name` value.
pub fn definition(doc: &Document, offset: usize) -> Option<Span> {
    let component = doc.component.as_ref()?;
    let (line_start, line) = doc.text().line_at(offset);
    let (_, _, inner) = reference_at(line_start, line, offset)?;
    match inner.split_once('.') {
        None => component
            .parameters()
            .find(|parameter| parameter.name == inner)
            .map(|parameter| parameter.name_span),
        Some((task, _)) => component
            .tasks()
            .find(|candidate| candidate.name == Some(task.trim()))
            .and_then(|task| task.name_node)
            .map(|node| node.span),
    }
}

/// The component files a template's `COMPONENT` reference at `offset` calls: every local
/// version of the ARN's component name (an `ic-` id names none).
pub fn called_components(doc: &Document, offset: usize, index: &ProjectIndex) -> Vec<Location> {
    let Some(command) = doc.command_at(offset) else {
        return Vec::new();
    };
    let Body::Component(call) = &command.body else {
        return Vec::new();
    };
    let Some(reference) = call.reference.as_ref().filter(|r| r.span.touches(offset)) else {
        return Vec::new();
    };
    let ComponentRefKind::Arn(arn) = &reference.kind else {
        return Vec::new();
    };
    let Some(name) = arn.name.map(|name| name.text(&doc.text)) else {
        return Vec::new();
    };
    index
        .components_named(name)
        .into_iter()
        .filter_map(|component| {
            let uri = Uri::from_file_path(component.path)?;
            Some(Location::new(uri, Range::default()))
        })
        .collect()
}

/// The outline of a YAML component: its parameters, then its tasks (named by `Name`, detailed
/// by their action).
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn symbols(doc: &Document) -> Vec<DocumentSymbol> {
    let Some(component) = &doc.component else {
        return Vec::new();
    };
    let text = doc.text();
    let symbol =
        |name: String, detail: Option<String>, kind, span: Span, selection: Span| DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: text.range(span),
            selection_range: text.range(selection),
            children: None,
        };
    let mut out: Vec<DocumentSymbol> = component
        .parameters()
        .map(|parameter| {
            let ty = parameter.ty().map(|ty| ty.as_str().to_owned());
            let span = Span::new(parameter.name_span.start, parameter.declaration.span.end);
            symbol(
                parameter.name.to_owned(),
                ty,
                SymbolKind::VARIABLE,
                span.cover(parameter.name_span),
                parameter.name_span,
            )
        })
        .collect();
    for task in component.tasks() {
        let name = task
            .name
            .map_or_else(|| format!("task {}", task.index + 1), str::to_owned);
        let action = task
            .action_node
            .and_then(|node| node.as_str())
            .map(str::to_owned);
        let selection = task.name_node.map_or(task.node.span, |node| node.span);
        out.push(symbol(
            name,
            action,
            SymbolKind::FUNCTION,
            task.node.span.cover(selection),
            selection,
        ));
    }
    out
}
