//! What a code frame shows of a file: the lines a finding points at, each cut to a window around
//! the columns it points at, with control characters escaped. ariadne draws whole lines, so
//! handing it the file made every finding on a megabyte-long line print the megabyte; handing it
//! this view keeps each frame small and the work for all frames linear in the file's size.

use bc_syntax::LineIndex;

use crate::escape::escape_control;

/// The most characters of one line a frame shows.
const WIDTH: usize = 120;
/// How many characters a cut line keeps before the first column the finding points at.
const BEFORE: usize = 40;

/// The text a frame draws, and where the file's offsets fall in it.
pub struct View {
    /// Lines `first_line..` of the file, cut and escaped, one per line of the file.
    pub text: String,
    /// The zero-based number of the file's line that is the view's first.
    pub first_line: usize,
    /// Offsets in the file and in `text`, ascending.
    map: Vec<(usize, usize)>,
}

impl View {
    /// The view of `source` (indexed by `index`) that shows every offset in `points`.
    pub fn new(source: &str, index: &LineIndex, points: impl IntoIterator<Item = usize>) -> View {
        let mut points: Vec<usize> = points
            .into_iter()
            .map(|point| floor_char_boundary(source, point))
            .collect();
        points.sort_unstable();
        points.dedup();
        let line_of = |offset: usize| index.line_col(offset).line as usize;
        let first_line = points.first().map_or(0, |&point| line_of(point));
        let last_line = points.last().map_or(0, |&point| line_of(point));
        let mut view = View {
            text: String::new(),
            first_line,
            map: Vec::with_capacity(points.len()),
        };
        let mut pending = points.as_slice();
        let mut previous_shown = false;
        for line in first_line..=last_line {
            if line > first_line {
                view.text.push('\n');
            }
            let (start, end) = line_bounds(source, index, line);
            let here = pending.partition_point(|&point| line_of(point) == line);
            let (on_line, rest) = pending.split_at(here);
            pending = rest;
            if let Some(&low) = on_line.first() {
                view.push_window(source, start, end, low, on_line);
                previous_shown = true;
            } else if previous_shown {
                // ariadne shows the first line inside a multi-line label; later ones it skips,
                // so they stay empty here and cost nothing.
                view.push_window(source, start, end, start, &[]);
                previous_shown = false;
            }
        }
        view
    }

    /// Where `offset` of the file falls in the view: for an offset cut away, the nearest `…`.
    pub fn offset(&self, offset: usize) -> usize {
        let at = self.map.partition_point(|&(original, _)| original < offset);
        match self.map.get(at) {
            Some(&(original, shown)) if original == offset => shown,
            _ => at.checked_sub(1).map_or(0, |before| self.map[before].1),
        }
    }

    /// Appends the window of line `start..end` that starts a little before `low`, mapping
    /// `points` (the line's, ascending); points past the window map to its end.
    fn push_window(
        &mut self,
        source: &str,
        start: usize,
        end: usize,
        low: usize,
        points: &[usize],
    ) {
        let line = &source[start..end];
        let (from, to) = if line.char_indices().nth(WIDTH).is_none() {
            (start, end)
        } else {
            let low = low.clamp(start, end);
            let from = source[start..low]
                .char_indices()
                .rev()
                .nth(BEFORE - 1)
                .map_or(start, |(i, _)| start + i);
            let to = source[from..end]
                .char_indices()
                .nth(WIDTH)
                .map_or(end, |(i, _)| from + i);
            (from, to)
        };
        if from > start {
            self.text.push('…');
        }
        let mut points = points.iter().copied().peekable();
        for (i, c) in source[from..to].char_indices() {
            while let Some(point) = points.next_if(|&point| point <= from + i) {
                self.map.push((point, self.text.len()));
            }
            escape_control(&mut self.text, c);
        }
        for point in points {
            self.map.push((point, self.text.len()));
        }
        if to < end {
            self.text.push('…');
        }
    }
}

/// The byte range of line `line`'s content, without its terminator.
fn line_bounds(source: &str, index: &LineIndex, line: usize) -> (usize, usize) {
    let start = index.line_start(line as u32).unwrap_or(source.len());
    let next = index.line_start(line as u32 + 1).unwrap_or(source.len());
    let content = &source[start..next];
    let content = content.strip_suffix('\n').unwrap_or(content);
    let content = content.strip_suffix('\r').unwrap_or(content);
    (start, start + content.len())
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
