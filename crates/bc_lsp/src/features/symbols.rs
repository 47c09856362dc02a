//! `textDocument/documentSymbol`: one symbol per command (a `COMPONENT` is named by its
//! component name or ID), `ENV`/`LABEL` keys as children; tables and keys of a manifest.

use bc_syntax::{Body, CommandRef, ComponentRefKind, KeywordKind, Span};
use bc_workspace::files::SourceKind;
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind, SymbolTag};

use crate::convert::Text;
use crate::document::Document;
use crate::features::component;

/// The outline of a document.
pub fn symbols(doc: &Document) -> Vec<DocumentSymbol> {
    match doc.kind {
        SourceKind::Template(_) => doc
            .parse
            .as_ref()
            .map(|parse| parse.commands().map(|c| command_symbol(doc, c)).collect())
            .unwrap_or_default(),
        SourceKind::YamlComponent => component::navigation::symbols(doc),
        SourceKind::Manifest | SourceKind::ComponentManifest => manifest_symbols(doc),
        SourceKind::Embedded(_) => Vec::new(),
    }
}

const MAX_NAME: usize = 60;

fn command_symbol(doc: &Document, command: CommandRef<'_>) -> DocumentSymbol {
    let source = &doc.text;
    let text = doc.text();
    let keyword = command.keyword.kind;
    let keyword_text = match keyword {
        KeywordKind::Unknown => command.keyword.span.text(source),
        kind => kind.as_str(),
    };
    let (name, kind) = match &command.body {
        Body::Component(call) => {
            let name = call
                .reference
                .as_ref()
                .map_or_else(String::new, |r| match &r.kind {
                    ComponentRefKind::Arn(arn) => {
                        let name = arn.name.map_or("", |n| n.text(source));
                        let version = arn
                            .version
                            .map_or(String::new(), |v| format!(" {}", v.text(source)));
                        format!("{name}{version}")
                    }
                    _ => r.span.text(source).to_owned(),
                });
            (name, SymbolKind::MODULE)
        }
        _ => (
            command.logical_args(),
            match keyword {
                KeywordKind::Env => SymbolKind::VARIABLE,
                KeywordKind::Label => SymbolKind::PROPERTY,
                KeywordKind::Restart => SymbolKind::EVENT,
                KeywordKind::Unknown => SymbolKind::NULL,
                _ => SymbolKind::FUNCTION,
            },
        ),
    };
    let name = shorten(&format!("{keyword_text} {name}"));
    let children = match &command.body {
        Body::Pairs(pairs) => pairs
            .iter()
            .map(|pair| {
                leaf(
                    text,
                    pair.key.text(source),
                    pair.value.map(|v| v.text(source)),
                    pair.span,
                    pair.key,
                    kind,
                )
            })
            .collect(),
        Body::EnvSpace { key, value } => vec![leaf(
            text,
            key.text(source),
            value.map(|v| v.text(source)),
            value.map_or(key.span, |v| key.span.cover(v)),
            key.span,
            SymbolKind::VARIABLE,
        )],
        _ => Vec::new(),
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: Some(keyword_text.to_owned()),
        kind,
        tags: (keyword == KeywordKind::From).then(|| vec![SymbolTag::DEPRECATED]),
        deprecated: None,
        range: text.range(Span::new(command.line_start(), command.span.end)),
        selection_range: text.range(command.keyword.span),
        children: (!children.is_empty()).then_some(children),
    }
}

fn leaf(
    text: Text<'_>,
    name: &str,
    detail: Option<&str>,
    span: Span,
    selection: Span,
    kind: SymbolKind,
) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: if name.is_empty() {
            "?".to_owned()
        } else {
            name.to_owned()
        },
        detail: detail.map(shorten),
        kind,
        tags: None,
        deprecated: None,
        range: text.range(span),
        selection_range: text.range(selection),
        children: None,
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_NAME {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_NAME - 1).collect();
    out.push('…');
    out
}

/// Manifest outline: `[table]` headers with the `key =` lines under them.
fn manifest_symbols(doc: &Document) -> Vec<DocumentSymbol> {
    let text = doc.text();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    let mut table: Option<DocumentSymbol> = None;
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let lead = content.len() - content.trim_start().len();
        let span = Span::new(offset + lead, offset + lead + trimmed.len());
        if trimmed.starts_with('[') && trimmed.contains(']') {
            if let Some(done) = table.take() {
                top.push(done);
            }
            let name = trimmed.trim_matches(['[', ']']).trim().to_owned();
            let mut symbol = leaf(text, &name, None, span, span, SymbolKind::NAMESPACE);
            symbol.children = Some(Vec::new());
            table = Some(symbol);
        } else if !trimmed.starts_with('#')
            && let Some((key, value)) = trimmed.split_once('=')
        {
            let key = key.trim().trim_matches('"');
            let symbol = leaf(text, key, Some(value.trim()), span, span, SymbolKind::FIELD);
            match table.as_mut() {
                Some(t) => {
                    t.range.end = symbol.range.end;
                    t.children.get_or_insert_with(Vec::new).push(symbol);
                }
                None => top.push(symbol),
            }
        }
        offset += line.len();
    }
    top.extend(table);
    top
}
