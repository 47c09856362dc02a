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
///
/// Columns in UTF-16 units or characters come from the byte column minus what the non-ASCII
/// characters before the offset on its line add in bytes, found by binary search in [`Wide`]:
/// no conversion scans its line, so a long line with many findings stays linear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
    /// The text's non-ASCII characters, in order.
    wide: Vec<Wide>,
    /// What all of them add over their UTF-16 length, and over one character, in bytes.
    total: Extra,
}

/// Bytes that characters take beyond their UTF-16 units and beyond one character each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Extra {
    utf16: usize,
    chars: usize,
}

/// One non-ASCII character: where it starts, its length in bytes, and what the non-ASCII
/// characters before it add (see [`Extra`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    offset: usize,
    len: u8,
    before: Extra,
}

impl Wide {
    /// UTF-16 units of the character (a four-byte character is a surrogate pair).
    fn len_utf16(self) -> usize {
        if self.len == 4 { 2 } else { 1 }
    }
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut wide = Vec::new();
        let mut total = Extra::default();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                byte if byte >= 0xC0 => {
                    // A leading byte (the text is UTF-8, so continuation bytes follow).
                    let len: u8 = match byte {
                        0xC0..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        _ => 4,
                    };
                    let char = Wide {
                        offset: i,
                        len,
                        before: total,
                    };
                    total.utf16 += usize::from(len) - char.len_utf16();
                    total.chars += usize::from(len) - 1;
                    wide.push(char);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
            wide,
            total,
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
        let (line, start, end) = self.line_and_boundary(text, offset);
        let extra = self.extra_before(end).utf16 - self.extra_before(start).utf16;
        LineCol {
            line,
            col: (end - start - extra) as u32,
        }
    }

    /// Line and character (Unicode scalar) column of `offset`, as terminals count them.
    pub fn line_col_chars(&self, text: &str, offset: usize) -> LineCol {
        let (line, start, end) = self.line_and_boundary(text, offset);
        let extra = self.extra_before(end).chars - self.extra_before(start).chars;
        LineCol {
            line,
            col: (end - start - extra) as u32,
        }
    }

    /// The line of `offset`, the line's start, and `offset` clamped to the text and floored to a
    /// character boundary.
    fn line_and_boundary(&self, text: &str, offset: usize) -> (u32, usize, usize) {
        let LineCol { line, col } = self.line_col(offset);
        let start = self.line_starts[line as usize];
        (line, start, floor_char_boundary(text, start + col as usize))
    }

    /// What the non-ASCII characters starting before `offset` add.
    fn extra_before(&self, offset: usize) -> Extra {
        let next = self.wide.partition_point(|char| char.offset < offset);
        self.wide.get(next).map_or(self.total, |char| char.before)
    }

    /// The byte offset of a line and UTF-16 column. A column past the end of the line clamps to
    /// the line's end (before its terminator), a column inside a surrogate pair to the character's
    /// start, and a line past the end of the text gives `None`.
    pub fn offset_utf16(&self, text: &str, pos: LineCol) -> Option<usize> {
        let start = self.line_start(pos.line)?;
        let end = self.line_content_end(text, pos.line as usize);
        let col = pos.col as usize;
        // The line's non-ASCII characters, and the UTF-16 column each starts at.
        let first = self.wide.partition_point(|char| char.offset < start);
        let last = self.wide.partition_point(|char| char.offset < end);
        let line_extra = self.extra_before(start).utf16;
        let column = |char: &Wide| char.offset - start - (char.before.utf16 - line_extra);
        // The last one starting before `col`; ASCII, one unit per byte, follows it up to `col`.
        let before = self.wide[first..last].partition_point(|char| column(char) < col);
        let offset = match before.checked_sub(1).map(|i| self.wide[first + i]) {
            None => start + col,
            Some(char) if col < column(&char) + char.len_utf16() => char.offset,
            Some(char) => {
                char.offset + usize::from(char.len) + col - column(&char) - char.len_utf16()
            }
        };
        Some(offset.min(end))
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

    /// Conversions on one long line with non-ASCII characters throughout, which used to scan the
    /// line from its start each time.
    #[test]
    fn long_line_with_wide_characters() {
        let text = format!("RUN{}\n", " a名😀".repeat(50_000));
        let index = LineIndex::new(&text);
        let end = text.len() - 1;
        // "RUN" 3 + each piece: space 1 + a 1 + 名 1 + 😀 2.
        let units = 3 + 5 * 50_000;
        assert_eq!(
            index.line_col_utf16(&text, end),
            LineCol {
                line: 0,
                col: units
            }
        );
        assert_eq!(index.line_col_chars(&text, end).col, 3 + 4 * 50_000);
        let position = LineCol {
            line: 0,
            col: units - 2,
        };
        assert_eq!(index.offset_utf16(&text, position), Some(end - 4));
        assert_eq!(
            index.offset_utf16(
                &text,
                LineCol {
                    line: 0,
                    col: units - 1
                }
            ),
            Some(end - 4)
        );
        assert_eq!(
            index.offset_utf16(&text, LineCol { line: 1, col: 0 }),
            Some(text.len())
        );
    }
}
