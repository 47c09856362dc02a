//! `textDocument/foldingRange`: continued commands, blocks of comment lines, manifest tables.

use bc_syntax::Item;
use bc_workspace::files::SourceKind;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

use crate::document::Document;

/// The folding ranges of a document, in line order.
pub fn folding_ranges(doc: &Document) -> Vec<FoldingRange> {
    let text = doc.text();
    let mut out = Vec::new();
    let range = |start: u32, end: u32, kind: Option<FoldingRangeKind>| FoldingRange {
        start_line: start,
        end_line: end,
        kind,
        ..FoldingRange::default()
    };
    match doc.kind {
        SourceKind::Template(_) => {
            let Some(parse) = doc.parse.as_ref() else {
                return out;
            };
            let mut comment_block: Option<(u32, u32)> = None;
            for item in parse.items() {
                match item {
                    Item::Comment(comment) => {
                        let line = text.line_of(comment.span.start);
                        comment_block = match comment_block {
                            Some((start, end)) if end + 1 == line => Some((start, line)),
                            other => {
                                if let Some((start, end)) = other.filter(|(s, e)| e > s) {
                                    out.push(range(start, end, Some(FoldingRangeKind::Comment)));
                                }
                                Some((line, line))
                            }
                        };
                        continue;
                    }
                    Item::Command(command) if parse.command(command).is_continued() => {
                        let start = text.line_of(parse.command(command).line_start());
                        let end = text.line_of(command.span.end);
                        if end > start {
                            out.push(range(start, end, None));
                        }
                    }
                    _ => {}
                }
                if let Some((start, end)) = comment_block.take().filter(|(s, e)| e > s) {
                    out.push(range(start, end, Some(FoldingRangeKind::Comment)));
                }
            }
            if let Some((start, end)) = comment_block.filter(|(s, e)| e > s) {
                out.push(range(start, end, Some(FoldingRangeKind::Comment)));
            }
            out.sort_by_key(|r| r.start_line);
        }
        SourceKind::Embedded(_) => {}
        SourceKind::Manifest | SourceKind::ComponentManifest => {
            // A table runs from its header to the last non-blank line before the next header.
            let mut open: Option<u32> = None;
            let mut last_content = 0;
            for (i, line) in doc.text.lines().enumerate() {
                let trimmed = line.trim();
                let i = i as u32;
                if trimmed.starts_with('[') {
                    if let Some(start) = open.take().filter(|s| last_content > *s) {
                        out.push(range(start, last_content, None));
                    }
                    open = Some(i);
                }
                if !trimmed.is_empty() {
                    last_content = i;
                }
            }
            if let Some(start) = open.filter(|s| last_content > *s) {
                out.push(range(start, last_content, None));
            }
        }
        // YAML folds by indentation, which editors do on their own.
        SourceKind::YamlComponent => {}
    }
    out
}
