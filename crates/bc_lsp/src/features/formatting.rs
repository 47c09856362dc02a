//! `textDocument/formatting`, `rangeFormatting` and `onTypeFormatting`, all through
//! `bc_lint::format` (the same layout as `bclint fmt`).

use bc_lint::Edit;
use bc_syntax::{Item, Parse, Span};
use tower_lsp_server::ls_types::TextEdit;

use crate::document::Document;
use crate::features::code_action::{minimal_edit, text_edits};

/// The edits formatting the whole document (none when it is already formatted).
pub fn format_document(doc: &Document) -> Vec<TextEdit> {
    let Some(parse) = doc.parse.as_ref() else {
        return Vec::new();
    };
    let formatted = bc_lint::format(parse);
    if formatted == doc.text {
        return Vec::new();
    }
    text_edits(doc.text(), &[minimal_edit(&doc.text, &formatted)])
}

/// The edits formatting the items (commands, comments) that intersect `range`: they are cut out,
/// formatted on their own and put back, so the rest of the file is untouched.
pub fn format_range(doc: &Document, range: Span) -> Vec<TextEdit> {
    let (Some(parse), Some(kind)) = (doc.parse.as_ref(), doc.file_kind()) else {
        return Vec::new();
    };
    let touched: Vec<&Item> = parse
        .items()
        .iter()
        .filter(|item| !matches!(item, Item::Blank(_)))
        .filter(|item| {
            let span = item_span(doc, parse, item);
            span.start <= range.end && range.start <= span.end
        })
        .collect();
    let (Some(first), Some(last)) = (touched.first(), touched.last()) else {
        return Vec::new();
    };
    let start = item_span(doc, parse, first).start;
    let end = item_span(doc, parse, last).end;
    let region = &doc.text[start..end];
    let formatted = bc_lint::format(&bc_syntax::parse(region, kind));
    let formatted = formatted.trim_end_matches(['\n', '\r']);
    if formatted == region {
        return Vec::new();
    }
    let edit = minimal_edit(region, formatted);
    let edit = Edit::replace(
        Span::new(start + edit.span.start, start + edit.span.end),
        edit.replacement,
    );
    text_edits(doc.text(), &[edit])
}

/// The span of an item from the start of its first line to the end of its last (so indentation
/// and trailing blanks are included).
fn item_span(doc: &Document, parse: &Parse, item: &Item) -> Span {
    match item {
        Item::Command(command) => doc.extent(parse.command(command).line_start(), command.span.end),
        other => {
            let span = other.span();
            let (line_start, _) = doc.text().line_at(span.start);
            doc.extent(line_start, span.end)
        }
    }
}

/// After a newline typed at `offset`: when the previous line ends with `\`, indent the new line
/// as a continuation (four spaces).
pub fn on_type(doc: &Document, offset: usize, ch: &str) -> Vec<TextEdit> {
    if ch != "\n" || doc.parse.is_none() {
        return Vec::new();
    }
    let text = doc.text();
    let line = text.line_of(offset);
    if line == 0 {
        return Vec::new();
    }
    let (start, current) = text.line_at(offset);
    let Some(prev_start) = text.line_start(line - 1) else {
        return Vec::new();
    };
    let previous = doc.text[prev_start..start].trim_end_matches(['\n', '\r']);
    if !previous.trim_end().ends_with('\\') || previous.trim_start().starts_with('#') {
        return Vec::new();
    }
    let indent = current.len() - current.trim_start().len();
    if &current[..indent] == "    " {
        return Vec::new();
    }
    text_edits(
        text,
        &[Edit::replace(Span::new(start, start + indent), "    ")],
    )
}
