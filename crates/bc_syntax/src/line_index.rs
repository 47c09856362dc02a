//! Byte offset ↔ line/column conversion, in UTF-8 bytes and UTF-16 code units.
//!
//! Editors speak UTF-16 columns (LSP's default) while everything else here speaks bytes; templates
//! often hold Chinese text in `ENV`/`LABEL` values, so the two differ on real files.

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column, in the unit of the function that produced it.
    pub col: u32,
}

/// Line starts of a text, for converting offsets. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where `line` starts, if it exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line as usize).copied()
    }

    /// Line and byte column of `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol {
            line: line as u32,
            col: (offset - self.line_starts[line]) as u32,
        }
    }

    /// Line and UTF-16 column of `offset` in `text` (the text this index was built from).
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> LineCol {
        let LineCol { line, col } = self.line_col(offset);
        let start = self.line_starts[line as usize];
        let end = floor_char_boundary(text, start + col as usize);
        let units: usize = text[start..end].chars().map(char::len_utf16).sum();
        LineCol {
            line,
            col: units as u32,
        }
    }

    /// Line and character (Unicode scalar) column of `offset`, as terminals count them.
    pub fn line_col_chars(&self, text: &str, offset: usize) -> LineCol {
        let LineCol { line, col } = self.line_col(offset);
        let start = self.line_starts[line as usize];
        let end = floor_char_boundary(text, start + col as usize);
        LineCol {
            line,
            col: text[start..end].chars().count() as u32,
        }
    }

    /// The byte offset of a line and UTF-16 column. A column past the end of the line clamps to
    /// the line's end (before its terminator), a column inside a surrogate pair to the character's
    /// start, and a line past the end of the text gives `None`.
    pub fn offset_utf16(&self, text: &str, pos: LineCol) -> Option<usize> {
        let start = self.line_start(pos.line)?;
        let end = self.line_content_end(text, pos.line as usize);
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            if units + c.len_utf16() > pos.col as usize {
                return Some(start + i);
            }
            units += c.len_utf16();
        }
        Some(end)
    }

    /// The end of `line`'s content, before its terminator.
    fn line_content_end(&self, text: &str, line: usize) -> usize {
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let content = text[self.line_starts[line]..end].trim_end_matches(['\n', '\r']);
        self.line_starts[line] + content.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_terminators() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(7), LineCol { line: 3, col: 0 });
        assert_eq!(index.line_col(4), LineCol { line: 1, col: 1 });
    }

    #[test]
    fn utf16_columns_after_chinese_and_emoji() {
        let text = "LABEL 名称=\"值\" 😀x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // "LABEL " 6 + 名称 2 + =" 2 + 值 1 + " 1 + space 1 + 😀 2 = 15 UTF-16 units.
        assert_eq!(index.line_col_utf16(text, x), LineCol { line: 0, col: 15 });
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 15 }),
            Some(x)
        );
        assert_eq!(index.line_col_chars(text, x), LineCol { line: 0, col: 14 });
        // Inside the surrogate pair clamps to the emoji's start; past the end clamps to the line end.
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 14 }),
            Some(emoji)
        );
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 99 }),
            Some(text.len() - 1)
        );
        assert_eq!(index.offset_utf16(text, LineCol { line: 5, col: 0 }), None);
    }
}
