//! Every conversion between LSP positions (line + UTF-16 column) and byte offsets lives here.
//!
//! The rest of the server speaks byte [`Span`]s, like bc_syntax and bc_lint; only this module knows
//! that editors count columns in UTF-16 code units.

use bc_syntax::{LineCol, LineIndex, Span};
use tower_lsp_server::ls_types::{Position, Range};

/// A text with its line index, the unit every conversion needs.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its line index.
    pub index: &'a LineIndex,
}

/// A position that does not exist in the document (a line past the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange(pub Position);

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position {}:{} is past the end of the document",
            self.0.line, self.0.character
        )
    }
}

impl<'a> Text<'a> {
    /// Pairs a text with its index.
    pub fn new(text: &'a str, index: &'a LineIndex) -> Text<'a> {
        Text { text, index }
    }

    /// The LSP position of a byte offset (clamped to the text, floored to a char boundary).
    pub fn position(self, offset: usize) -> Position {
        let LineCol { line, col } = self.index.line_col_utf16(self.text, offset);
        Position::new(line, col)
    }

    /// The LSP range of a byte span.
    pub fn range(self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position. A column past the end of its line clamps to the line's
    /// end (as the protocol asks); a line past the last one is an error, except the position just
    /// after the final character (`line == line_count`, column 0), which some clients send.
    pub fn offset(self, position: Position) -> Result<usize, OutOfRange> {
        let pos = LineCol {
            line: position.line,
            col: position.character,
        };
        match self.index.offset_utf16(self.text, pos) {
            Some(offset) => Ok(offset),
            None if position.line as usize == self.index.line_count()
                && position.character == 0 =>
            {
                Ok(self.text.len())
            }
            None => Err(OutOfRange(position)),
        }
    }

    /// The byte span of an LSP range; a reversed range is normalised.
    pub fn span(self, range: Range) -> Result<Span, OutOfRange> {
        let start = self.offset(range.start)?;
        let end = self.offset(range.end)?;
        Ok(Span::new(start.min(end), start.max(end)))
    }

    /// The byte offset where `line` starts, if it exists.
    pub fn line_start(self, line: u32) -> Option<usize> {
        self.index.line_start(line)
    }

    /// The zero-based line of a byte offset.
    pub fn line_of(self, offset: usize) -> u32 {
        self.index.line_col(offset).line
    }

    /// The text of the line holding `offset`, without its terminator, and the line's start offset.
    pub fn line_at(self, offset: usize) -> (usize, &'a str) {
        let line = self.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0);
        let end = self
            .index
            .line_start(line + 1)
            .unwrap_or(self.text.len())
            .max(start);
        (start, self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The UTF-16 length of a string, for token lengths.
    pub fn utf16_len(s: &str) -> u32 {
        s.chars().map(char::len_utf16).sum::<usize>() as u32
    }
}

/// Applies one incremental change (`range` replaced by `new_text`) to `text`. `None` for a whole
/// document replacement. Returns an error if the range does not exist in the text.
pub fn apply_change(
    text: &mut String,
    range: Option<Range>,
    new_text: &str,
) -> Result<(), OutOfRange> {
    let Some(range) = range else {
        new_text.clone_into(text);
        return Ok(());
    };
    let index = LineIndex::new(text);
    let span = Text::new(text, &index).span(range)?;
    text.replace_range(span.range(), new_text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn ascii_round_trip() {
        let text = "RUN a\nENV b\n";
        let index = LineIndex::new(text);
        let t = Text::new(text, &index);
        for offset in 0..=text.len() {
            assert_eq!(t.offset(t.position(offset)), Ok(offset), "offset {offset}");
        }
        assert_eq!(t.position(6), pos(1, 0));
        assert_eq!(t.range(Span::new(4, 5)), Range::new(pos(0, 4), pos(0, 5)));
    }

    #[test]
    fn chinese_and_emoji_columns() {
        let text = "LABEL 名称=\"值\" 😀x\nRUN echo 你好\n";
        let index = LineIndex::new(text);
        let t = Text::new(text, &index);
        let x = text.find('x').unwrap();
        // "LABEL " 6 + 名称 2 + =" 2 + 值 1 + " 1 + space 1 + 😀 2 = 15 UTF-16 units.
        assert_eq!(t.position(x), pos(0, 15));
        assert_eq!(t.offset(pos(0, 15)), Ok(x));
        let hao = text.find('好').unwrap();
        assert_eq!(t.position(hao), pos(1, 10));
        assert_eq!(t.offset(pos(1, 10)), Ok(hao));
        // Every char boundary survives a round trip.
        for (offset, _) in text.char_indices() {
            assert_eq!(t.offset(t.position(offset)), Ok(offset));
        }
        // Inside the surrogate pair of the emoji: the emoji's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(t.offset(pos(0, 14)), Ok(emoji));
        assert_eq!(Text::utf16_len("😀名"), 3);
    }

    #[test]
    fn positions_past_the_end() {
        let text = "RUN a\nRUN b";
        let index = LineIndex::new(text);
        let t = Text::new(text, &index);
        // A column past the line end clamps to the end of that line.
        assert_eq!(t.offset(pos(0, 99)), Ok(5));
        assert_eq!(t.offset(pos(1, 99)), Ok(text.len()));
        // The line after the last: only column 0 (end of file) is accepted.
        assert_eq!(t.offset(pos(2, 0)), Ok(text.len()));
        assert_eq!(t.offset(pos(2, 1)), Err(OutOfRange(pos(2, 1))));
        assert_eq!(t.offset(pos(9, 0)), Err(OutOfRange(pos(9, 0))));
    }

    #[test]
    fn crlf_lines() {
        let text = "RUN a\r\nRUN 😀b\r\n";
        let index = LineIndex::new(text);
        let t = Text::new(text, &index);
        let b = text.find('b').unwrap();
        assert_eq!(t.position(b), pos(1, 6));
        assert_eq!(t.offset(pos(1, 6)), Ok(b));
        assert_eq!(t.offset(pos(0, 50)), Ok(5));
        assert_eq!(t.line_at(b), (7, "RUN 😀b"));
    }

    #[test]
    fn incremental_changes() {
        let mut text = String::from("RUN 你好\nrun x\n");
        // Replace `你好` (UTF-16 columns 4..6) with `world`.
        apply_change(&mut text, Some(Range::new(pos(0, 4), pos(0, 6))), "world").unwrap();
        assert_eq!(text, "RUN world\nrun x\n");
        // Insert at the end of the document.
        apply_change(
            &mut text,
            Some(Range::new(pos(2, 0), pos(2, 0))),
            "RESTART\n",
        )
        .unwrap();
        assert_eq!(text, "RUN world\nrun x\nRESTART\n");
        // Delete across lines.
        apply_change(&mut text, Some(Range::new(pos(0, 9), pos(1, 5))), "").unwrap();
        assert_eq!(text, "RUN world\nRESTART\n");
        assert!(apply_change(&mut text, Some(Range::new(pos(7, 1), pos(7, 2))), "x").is_err());
        apply_change(&mut text, None, "ENV a=\"b\"\n").unwrap();
        assert_eq!(text, "ENV a=\"b\"\n");
    }
}
