//! A fast reader for the block-style YAML components are written in: block mappings and
//! sequences, plain keys, one-line plain and quoted scalars, `|` and `>` blocks, and comments.
//!
//! It reads bytes a line at a time and feeds the [`Builder`] what saphyr's events would, at the
//! same places, so the tree is the one saphyr's path builds. It also reads one-line flow
//! collections of scalars (`{Type: Number, DefaultValue: 8080}`). Anything else (nested or
//! multi-line flow collections, anchors, aliases, tags, directives, document markers, tabs,
//! escapes, multi-line plain or quoted scalars, quoted keys, explicit block indentation, …) and
//! every error make it give up, and the caller parses the text with saphyr instead. A
//! differential test and a fuzz target check that both paths agree wherever this one does not
//! give up.

use std::cell::Cell;

use bc_syntax::Span;
use saphyr_parser::ScalarStyle;

use super::builder::{Builder, Frame, MAX_DEPTH, Parsed};

/// The reader gave up: the text is left to saphyr.
struct GiveUp;

type Read<T> = Result<T, GiveUp>;

/// A line holding something other than blanks and a comment.
#[derive(Clone, Copy)]
struct Line {
    /// Where its first character after the indentation is.
    content: usize,
    /// Its indentation in spaces.
    indent: usize,
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The start and end of the last line [`Reader::line_end`] found: the reader asks for the
    /// same line's end several times.
    line: Cell<(usize, usize)>,
    /// The start of the first line not read yet.
    next: usize,
    builder: Builder<'t>,
}

/// Parses `text` if it is in the block-style subset, else `None`.
pub(super) fn parse(text: &str) -> Option<Parsed> {
    if !plain_characters(text) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        line: Cell::new((0, 0)),
        next: 0,
        builder: Builder::new(text),
    };
    reader.document().ok()?;
    Some(reader.builder.finish(true))
}

/// Whether the text holds only characters the reader handles the way saphyr does: no tabs,
/// carriage returns, other control characters, byte order marks or Unicode line separators.
fn plain_characters(text: &str) -> bool {
    // Without branches, so that it compiles to vector instructions.
    let controls = text.bytes().fold(false, |found, b| {
        found | ((b < b' ') & (b != b'\n')) | (b == 0x7f)
    });
    !controls
        && (text.is_ascii()
            || !text.chars().any(|c| {
                matches!(
                    c,
                    '\u{80}'
                        ..='\u{9f}'
                            | '\u{2028}'
                            | '\u{2029}'
                            | '\u{feff}'
                            | '\u{fffe}'
                            | '\u{ffff}'
                )
            }))
}

impl<'t> Reader<'t> {
    fn document(&mut self) -> Read<()> {
        let line = self.peek()?.ok_or(GiveUp)?;
        if line.indent != 0 {
            return Err(GiveUp);
        }
        self.collection(line, false)?;
        match self.peek()? {
            Some(_) => Err(GiveUp),
            None => Ok(()),
        }
    }

    /// The next line with content, from `self.next` on, skipping blank and comment lines.
    fn peek(&self) -> Read<Option<Line>> {
        let bytes = self.bytes;
        let mut start = self.next;
        while start < bytes.len() {
            let end = self.line_end(start);
            let indent = bytes[start..end].iter().take_while(|&&b| b == b' ').count();
            let content = start + indent;
            if content < end && bytes[content] != b'#' {
                let line = &bytes[content..end];
                if indent == 0 && (line.starts_with(b"---") || line.starts_with(b"...")) {
                    return Err(GiveUp);
                }
                return Ok(Some(Line { content, indent }));
            }
            start = end + 1;
        }
        Ok(None)
    }

    /// The end of the line `at` is on (its `\n`, or the end of the text).
    fn line_end(&self, at: usize) -> usize {
        let (start, end) = self.line.get();
        if (start..=end).contains(&at) && start != end {
            return end;
        }
        let end = self.text[at..]
            .find('\n')
            .map_or(self.bytes.len(), |offset| at + offset);
        self.line.set((at, end));
        end
    }

    /// Whether `at` is the end of its line.
    fn is_line_end(&self, at: usize) -> bool {
        matches!(self.bytes.get(at), None | Some(b'\n'))
    }

    /// Reads the rest of a line after a value: blanks and an optional comment.
    fn end_line(&mut self, at: usize) -> Read<()> {
        let end = self.line_end(at);
        let rest = &self.bytes[at..end];
        let blanks = rest.iter().take_while(|&&b| b == b' ').count();
        let separated = blanks > 0 || self.bytes[at - 1] == b' ';
        if blanks < rest.len() && !(rest[blanks] == b'#' && separated) {
            return Err(GiveUp);
        }
        self.next = end + 1;
        Ok(())
    }

    /// A block mapping or sequence starting at `line`'s content (which may follow `- ` on its
    /// line); `indentless` for a sequence written at its parent key's indentation.
    fn collection(&mut self, line: Line, indentless: bool) -> Read<()> {
        if self.builder.stack.len() >= MAX_DEPTH {
            return Err(GiveUp);
        }
        if self.is_entry(line.content) {
            self.sequence(line, indentless)
        } else {
            self.mapping(line)
        }
    }

    /// Whether a `- ` sequence entry starts at `at`.
    fn is_entry(&self, at: usize) -> bool {
        self.bytes[at] == b'-' && matches!(self.bytes.get(at + 1), None | Some(b' ' | b'\n'))
    }

    fn mapping(&mut self, mut line: Line) -> Read<()> {
        self.builder.stack.push(Frame::Mapping {
            start: line.content,
            end: line.content,
            flow: false,
            entries: Vec::new(),
            key: None,
        });
        loop {
            let colon = self.key(line.content)?;
            self.scalar(
                String::from(self.text(line.content, colon)),
                ScalarStyle::Plain,
                line.content,
                colon,
            );
            self.value(colon + 1, line.indent)?;
            match self.peek()? {
                Some(next) if next.indent == line.indent && !self.is_entry(next.content) => {
                    line = next;
                }
                Some(next) if next.indent >= line.indent => return Err(GiveUp),
                _ => break,
            }
        }
        self.builder.close(None);
        Ok(())
    }

    fn sequence(&mut self, mut line: Line, indentless: bool) -> Read<()> {
        let start = if indentless {
            // saphyr starts an indentless sequence where its first entry's value starts.
            // Only checked for values on the entry's line that are not `|` or `>` blocks.
            let value = self.skip_blanks(line.content + 1);
            if self.is_line_end(value) || matches!(self.bytes[value], b'#' | b'|' | b'>') {
                return Err(GiveUp);
            }
            value
        } else {
            line.content
        };
        self.builder.stack.push(Frame::Sequence {
            start,
            end: start,
            flow: false,
            items: Vec::new(),
        });
        loop {
            self.entry(line)?;
            match self.peek()? {
                Some(next) if next.indent == line.indent && self.is_entry(next.content) => {
                    line = next;
                }
                Some(next) if next.indent > line.indent => return Err(GiveUp),
                _ => break,
            }
        }
        self.builder.close(None);
        Ok(())
    }

    /// The value of the sequence entry whose `-` is at `line`'s content.
    fn entry(&mut self, line: Line) -> Read<()> {
        let at = self.skip_blanks(line.content + 1);
        if self.is_line_end(at) || self.bytes[at] == b'#' {
            self.end_line(line.content + 1)?;
            return self.nested(line.indent, false);
        }
        if self.is_entry(at) {
            return Err(GiveUp);
        }
        let inner = Line {
            content: at,
            indent: line.indent + (at - line.content),
        };
        if self.key(at).is_ok() {
            self.collection(inner, false)
        } else {
            self.inline(at, line.indent)
        }
    }

    /// The value after a key's colon at `at - 1`, in a mapping indented by `indent`.
    fn value(&mut self, at: usize, indent: usize) -> Read<()> {
        let value = self.skip_blanks(at);
        if self.is_line_end(value) || self.bytes[value] == b'#' {
            self.end_line(at)?;
            return self.nested(indent, true);
        }
        self.inline(value, indent)
    }

    /// The value on the lines after a key or `-` with nothing after it on its line: a collection
    /// indented deeper (or a sequence at a key's own indentation), else an empty value.
    fn nested(&mut self, indent: usize, in_mapping: bool) -> Read<()> {
        match self.peek()? {
            Some(line) if line.indent > indent => self.collection(line, false),
            Some(line) if in_mapping && line.indent == indent && self.is_entry(line.content) => {
                self.collection(line, true)
            }
            _ => {
                self.scalar(String::new(), ScalarStyle::Plain, 0, 0);
                Ok(())
            }
        }
    }

    /// A scalar starting at `at` on the line of its key or `-`; `indent` is the indentation
    /// of the collection it belongs to.
    fn inline(&mut self, at: usize, indent: usize) -> Read<()> {
        match self.bytes[at] {
            b'|' | b'>' => self.block_scalar(at, indent),
            b'\'' => {
                let end = self.single_quoted(at)?;
                self.end_line(end)
            }
            b'"' => {
                let end = self.double_quoted(at)?;
                self.end_line(end)
            }
            b'{' | b'[' if self.bytes.get(at + 1) != Some(&b'{') => {
                let end = self.flow(at)?;
                self.end_line(end)
            }
            _ => self.plain(at),
        }
    }

    /// A one-line flow mapping (`{Type: Number, DefaultValue: 8080}`) or sequence (`[a, b]`)
    /// of scalars, not empty and without a trailing comma. Returns where it ends.
    fn flow(&mut self, at: usize) -> Read<usize> {
        if self.builder.stack.len() >= MAX_DEPTH {
            return Err(GiveUp);
        }
        let mapping = self.bytes[at] == b'{';
        let (frame, closing) = if mapping {
            let frame = Frame::Mapping {
                start: at,
                end: at + 1,
                flow: true,
                entries: Vec::new(),
                key: None,
            };
            (frame, b'}')
        } else {
            let frame = Frame::Sequence {
                start: at,
                end: at + 1,
                flow: true,
                items: Vec::new(),
            };
            (frame, b']')
        };
        self.builder.stack.push(frame);
        let mut next = at + 1;
        loop {
            next = self.skip_blanks(next);
            if mapping {
                let colon = self.flow_plain(next, true)?;
                if self.bytes.get(colon) != Some(&b':') {
                    return Err(GiveUp);
                }
                next = self.skip_blanks(colon + 1);
            }
            let end = match self.bytes.get(next) {
                Some(b'\'') => self.single_quoted(next)?,
                Some(b'"') => self.double_quoted(next)?,
                _ => self.flow_plain(next, false)?,
            };
            next = self.skip_blanks(end);
            match self.bytes.get(next) {
                Some(b',') => next += 1,
                Some(&b) if b == closing => break,
                _ => return Err(GiveUp),
            }
        }
        self.builder.close(Some(next + 1));
        Ok(next + 1)
    }

    /// A plain scalar in a flow collection: a key (ending at `: `) or a value (ending at `,` or
    /// the closing bracket). Returns where it ends, blanks after it excluded.
    fn flow_plain(&mut self, at: usize, key: bool) -> Read<usize> {
        let bytes = self.bytes;
        if bytes.get(at).is_none_or(|&b| is_indicator(b)) {
            return Err(GiveUp);
        }
        let stop = bytes[at..]
            .iter()
            .position(|&b| matches!(b, b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'\n'))
            .map_or(bytes.len(), |offset| at + offset);
        let fits = match bytes.get(stop) {
            Some(b':') => key && bytes.get(stop + 1) == Some(&b' '),
            Some(b',' | b']' | b'}') => !key,
            _ => false,
        };
        // saphyr reports an error at a word `-` right before the `,` or closing bracket
        // (`[a -]`); errors are left to it.
        if !fits || self.text(at, stop).ends_with(" -") {
            return Err(GiveUp);
        }
        let value = self.text(at, stop).trim_end_matches(' ');
        self.scalar(value.to_owned(), ScalarStyle::Plain, at, at + value.len());
        Ok(if key { stop } else { at + value.len() })
    }

    /// The key starting at `at`: a one-line plain scalar followed by `: ` or a `:` ending the
    /// line. Returns where its colon is.
    fn key(&self, at: usize) -> Read<usize> {
        let bytes = self.bytes;
        if is_indicator(bytes[at]) {
            return Err(GiveUp);
        }
        let end = self.line_end(at);
        let mut colon = at;
        loop {
            colon += bytes[colon..end]
                .iter()
                .position(|&b| b == b':' || b == b'#')
                .ok_or(GiveUp)?;
            match bytes[colon] {
                b'#' if bytes[colon - 1] == b' ' => return Err(GiveUp),
                b':' if colon + 1 == end || bytes[colon + 1] == b' ' => break,
                _ => colon += 1,
            }
        }
        // saphyr limits implicit keys to 1024 characters; a blank before the colon would be
        // trimmed from the key's span.
        if colon - at > 1000 || bytes[colon - 1] == b' ' {
            return Err(GiveUp);
        }
        Ok(colon)
    }

    /// A one-line plain scalar.
    fn plain(&mut self, at: usize) -> Read<()> {
        let bytes = self.bytes;
        if is_indicator(bytes[at]) {
            return Err(GiveUp);
        }
        let line_end = self.line_end(at);
        let line = &bytes[at..line_end];
        let end = line
            .windows(2)
            .position(|pair| pair == b" #")
            .unwrap_or(line.len());
        let value = self.text(at, at + end).trim_end_matches(' ');
        // `a: b` or a value ending in `:` is a mapping where YAML allows none.
        if value.ends_with(':') || value.contains(": ") {
            return Err(GiveUp);
        }
        self.scalar(value.to_owned(), ScalarStyle::Plain, at, at + value.len());
        self.next = line_end + 1;
        Ok(())
    }

    /// A one-line `'…'` scalar. Returns where it ends.
    fn single_quoted(&mut self, at: usize) -> Read<usize> {
        let bytes = self.bytes;
        let line_end = self.line_end(at);
        let mut close = at + 1;
        loop {
            close += bytes[close..line_end]
                .iter()
                .position(|&b| b == b'\'')
                .ok_or(GiveUp)?;
            if bytes.get(close + 1) != Some(&b'\'') {
                break;
            }
            close += 2;
        }
        let value = self.text(at + 1, close).replace("''", "'");
        self.scalar(value, ScalarStyle::SingleQuoted, at, close + 1);
        Ok(close + 1)
    }

    /// A one-line `"…"` scalar without escapes. Returns where it ends.
    fn double_quoted(&mut self, at: usize) -> Read<usize> {
        let line_end = self.line_end(at);
        let inner = &self.bytes[at + 1..line_end];
        let close = at + 1 + inner.iter().position(|&b| b == b'"').ok_or(GiveUp)?;
        if inner[..close - at - 1].contains(&b'\\') {
            return Err(GiveUp);
        }
        let value = self.text(at + 1, close).to_owned();
        self.scalar(value, ScalarStyle::DoubleQuoted, at, close + 1);
        Ok(close + 1)
    }

    /// A `|` or `>` block (optionally `|-` or `>-`) of a collection indented by `indent`. Its
    /// content is indented as its first line is; blank lines inside must not be indented
    /// deeper, a `>` block's lines must not be indented further or end in blanks, and the block
    /// must end with a line break.
    fn block_scalar(&mut self, at: usize, indent: usize) -> Read<()> {
        let bytes = self.bytes;
        let literal = bytes[at] == b'|';
        let mut header = at + 1;
        let strip = bytes.get(header) == Some(&b'-');
        if strip {
            header += 1;
        }
        self.end_line(header)?;
        let first = self.next;
        if first >= bytes.len() {
            return Err(GiveUp);
        }
        let width = bytes[first..].iter().take_while(|&&b| b == b' ').count();
        if width <= indent || matches!(bytes.get(first + width), None | Some(b'\n')) {
            return Err(GiveUp);
        }
        let mut lines: Vec<&str> = Vec::new();
        let mut content_lines = 0;
        let mut line_start = first;
        let mut end = first;
        while line_start < bytes.len() {
            let Some(line_end) = self.text[line_start..]
                .find('\n')
                .map(|offset| line_start + offset)
            else {
                return Err(GiveUp);
            };
            let spaces = bytes[line_start..line_end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            if line_start + spaces == line_end {
                if spaces > width {
                    return Err(GiveUp);
                }
                lines.push("");
            } else if spaces < width {
                break;
            } else {
                let line = self.text(line_start + width, line_end);
                if !literal && (line.starts_with(' ') || line.ends_with(' ')) {
                    return Err(GiveUp);
                }
                lines.push(line);
                content_lines = lines.len();
                end = line_end;
            }
            line_start = line_end + 1;
        }
        lines.truncate(content_lines);
        self.next = end + 1;
        let mut value = String::with_capacity(end - first);
        if literal {
            for line in &lines {
                value.push_str(line);
                value.push('\n');
            }
        } else {
            fold(&lines, &mut value);
        }
        if strip {
            value.pop();
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.scalar(value, style, first + width, end);
        Ok(())
    }

    fn skip_blanks(&self, at: usize) -> usize {
        at + self.bytes[at..].iter().take_while(|&&b| b == b' ').count()
    }

    fn text(&self, start: usize, end: usize) -> &'t str {
        &self.text[start..end]
    }

    fn scalar(&mut self, value: String, style: ScalarStyle, start: usize, end: usize) {
        self.builder
            .scalar(value, style, Span::new(start, end), false);
    }
}

/// A `>` block's lines folded: lines next to each other are joined by a space, and `n` blank
/// lines between two lines become `n` line breaks; the last line ends with one.
fn fold(lines: &[&str], value: &mut String) {
    let mut blanks = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        if index > 0 {
            match blanks {
                0 => value.push(' '),
                _ => value.extend(std::iter::repeat_n('\n', blanks)),
            }
        }
        value.push_str(line);
        blanks = 0;
    }
    value.push('\n');
}

/// Whether a plain scalar cannot start with `b`: YAML's indicators (`-`, `?` and `:` included,
/// which only start one when followed by a non-blank, a case left to saphyr).
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}
