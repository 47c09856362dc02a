//! Where a finding is, as the output formats write it: a portable path, 1-based line and column.

use std::cell::Cell;

use bc_syntax::LineIndex;

/// 1-based line and column (in characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets of one file to positions.
pub struct Positions<'a> {
    source: &'a str,
    index: LineIndex,
    /// The offset asked for last and its position. Findings come in order, so the next column
    /// is counted from there: counted from the line's start, the columns of the findings on one
    /// long line cost time in the square of its length.
    last: Cell<(usize, Position)>,
}

impl<'a> Positions<'a> {
    pub fn new(source: &'a str) -> Positions<'a> {
        Positions {
            source,
            index: LineIndex::new(source),
            last: Cell::new((0, Position { line: 1, column: 1 })),
        }
    }

    pub fn at(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let lc = self.index.line_col(offset);
        let line_start = offset - lc.col as usize;
        let line = lc.line as usize + 1;
        let (last_offset, last) = self.last.get();
        let chars = |from: usize, to: usize| self.source[from..to].chars().count();
        let column = if last.line != line || offset - line_start <= offset.abs_diff(last_offset) {
            1 + chars(line_start, offset)
        } else if last_offset <= offset {
            last.column + chars(last_offset, offset)
        } else {
            last.column - chars(offset, last_offset)
        };
        let position = Position { line, column };
        self.last.set((offset, position));
        position
    }

    /// The line index of the file.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }
}

/// A path with forward slashes, as report formats expect.
pub fn portable_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}
