//! Where the characters of a scalar's value are in the source, so findings inside a value (a
//! shell command, a URL, a placeholder) land exactly.
//!
//! The mapping is exact or absent: plain and quoted scalars map when their value is their text
//! (no escapes, no folded lines); `|` blocks map line by line. Otherwise callers report at the
//! whole value.

use bc_syntax::Span;

use crate::tree::{Node, Style};

/// Value offsets to source offsets, in pieces: each piece is a run of the value copied verbatim
/// from the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// `(value offset, source offset)` where each piece starts, in order.
    pieces: Vec<(usize, usize)>,
}

impl SourceMap {
    /// The map of a scalar node, if its value maps exactly onto the source.
    pub fn of(source: &str, node: &Node) -> Option<SourceMap> {
        let scalar = node.scalar()?;
        let written = node.span.text(source);
        let value = scalar.value.as_str();
        match scalar.style {
            Style::Plain if written == value => Some(SourceMap::single(node.span.start)),
            Style::SingleQuoted | Style::DoubleQuoted => {
                let inner = written.get(1..written.len().saturating_sub(1))?;
                (inner == value).then(|| SourceMap::single(node.span.start + 1))
            }
            Style::Literal => literal(source, node.span.start, value),
            _ => None,
        }
    }

    fn single(start: usize) -> SourceMap {
        SourceMap {
            pieces: vec![(0, start)],
        }
    }

    /// The source offset of value offset `at`.
    pub fn offset(&self, at: usize) -> usize {
        let piece = self
            .pieces
            .partition_point(|&(value, _)| value <= at)
            .saturating_sub(1);
        let (value, source) = self.pieces[piece];
        source + (at - value)
    }

    /// The source span of a value range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.offset(start), self.offset(end).max(self.offset(start)))
    }
}

/// A `|` block: each line of the value is the end of a line of the source (the indentation
/// removed), starting with the line `start` is on.
fn literal(source: &str, start: usize, value: &str) -> Option<SourceMap> {
    let mut line_start = source[..start].rfind('\n').map_or(0, |at| at + 1);
    let mut pieces = Vec::new();
    let mut value_at = 0;
    for line in value.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let rest = source.get(line_start..)?;
        let source_line_len = rest.find('\n').unwrap_or(rest.len());
        let source_line = rest[..source_line_len].trim_end_matches('\r');
        if !source_line.ends_with(content) {
            return None;
        }
        let indent = source_line.len() - content.len();
        if !source_line[..indent].bytes().all(|b| b == b' ') {
            return None;
        }
        pieces.push((value_at, line_start + indent));
        value_at += line.len();
        line_start += source_line_len + 1;
    }
    if pieces.is_empty() {
        pieces.push((0, start));
    }
    Some(SourceMap { pieces })
}
