//! The tree builder both readers feed: saphyr's events and the block-style reader's calls
//! become the same [`Node`] tree, with byte spans, and the same errors.

use bc_syntax::Span;
use saphyr_parser::ScalarStyle;

use crate::tree::{Entry, Node, NodeKind, Scalar, Style};

/// Collections nested deeper than this end the parse with an error. Real components nest five
/// levels deep; the bound keeps the tree (and its recursive drop) shallow on hostile input.
pub const MAX_DEPTH: usize = 64;

/// A place where the text is not the YAML a component must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What to do, when there is specific advice.
    pub help: Option<String>,
    /// Another place the message refers to (the first of two duplicate keys).
    pub related: Option<Span>,
    /// The text that would repair it in place of `span`, when the repair is certain (quoting a
    /// `{{ … }}` value).
    pub replacement: Option<String>,
}

/// The tree of the first document and the errors found on the way.
pub(crate) struct Parsed {
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
    /// Whether the parse reached the end of the text.
    pub complete: bool,
}

pub(super) enum Frame {
    Mapping {
        start: usize,
        end: usize,
        flow: bool,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
    Sequence {
        start: usize,
        end: usize,
        flow: bool,
        items: Vec<Node>,
    },
    /// A plain value starting with `{{`, which YAML reads as a mapping inside a mapping: its
    /// events are skipped, and the text becomes a scalar, as the author meant it.
    Braces { start: usize, depth: usize },
}

pub(super) struct Builder<'t> {
    pub(super) text: &'t str,
    pub(super) stack: Vec<Frame>,
    pub(super) root: Option<Node>,
    pub(super) errors: Vec<SyntaxError>,
    /// The end of the last node completed, where an empty value is placed.
    pub(super) last_end: usize,
}

impl<'t> Builder<'t> {
    pub(super) fn new(text: &'t str) -> Builder<'t> {
        Builder {
            text,
            stack: Vec::new(),
            root: None,
            errors: Vec::new(),
            last_end: 0,
        }
    }

    pub(super) fn finish(mut self, complete: bool) -> Parsed {
        while !self.stack.is_empty() {
            self.close(None);
        }
        Parsed {
            root: self.root,
            errors: self.errors,
            complete,
        }
    }

    pub(super) fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
            help: None,
            related: None,
            replacement: None,
        });
    }

    pub(super) fn scan_error(&mut self, at: usize, info: &str) {
        let text = self.text;
        let width = text[at..].chars().next().map_or(0, char::len_utf8);
        // saphyr points after a tab used for indentation; point at the tab itself.
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let tab = text[line_start..at + width]
            .find('\t')
            .map(|tab| line_start + tab);
        match tab.filter(|_| info.contains("tab")) {
            Some(tab) => self.error(
                Span::new(tab, tab + 1),
                "a tab is used for indentation; YAML indents with spaces only",
            ),
            None if info.contains("recursion limit") => {
                self.error(
                    Span::new(at, at + width),
                    "collections are nested too deeply",
                );
            }
            None => self.error(Span::new(at, at + width), format!("invalid YAML: {info}")),
        }
        // A `{{ … }}` value that YAML could not even read as a mapping (text follows it).
        let braces = self.stack.iter().rev().find_map(|frame| match frame {
            Frame::Braces { start, .. } => Some(*start),
            _ => None,
        });
        if let Some(start) = braces {
            let end = line_end(text, start);
            let line = &text[start..end];
            let value = line
                .find(" #")
                .map_or(line, |comment| &line[..comment])
                .trim_end();
            let error = self.errors.last_mut().expect("just pushed");
            error.help = Some(braces_help(value));
            // Close the braces frame as text, so the rest of the tree is kept.
            while let Some(Frame::Braces { .. }) = self.stack.last() {
                self.stack.pop();
            }
            self.complete(Node {
                span: Span::new(start, start + value.len()),
                kind: NodeKind::Scalar(Scalar {
                    value: value.to_owned(),
                    style: Style::Plain,
                }),
            });
        }
    }

    /// A `{{ … }}` value YAML read as a mapping: reported, and kept as the text it was meant to be.
    pub(super) fn braces_value(&mut self, span: Span) {
        let value = span.text(self.text).to_owned();
        let quoted = quote(&value);
        self.errors.push(SyntaxError {
            span,
            message: format!("`{value}` is read as a YAML mapping, not as text"),
            help: Some(braces_help(&value)),
            related: None,
            replacement: Some(quoted),
        });
        self.complete(Node {
            span,
            kind: NodeKind::Scalar(Scalar {
                value,
                style: Style::Plain,
            }),
        });
    }

    pub(super) fn scalar(
        &mut self,
        value: String,
        style: ScalarStyle,
        span: Span,
        decorated: bool,
    ) {
        let style = match style {
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
            ScalarStyle::Plain => Style::Plain,
        };
        let text = self.text;
        let mut start = span.start;
        if decorated {
            // Skip `&anchor` and `!tag` before the value.
            while text[start..span.end].starts_with(['&', '!']) {
                let rest = &text[start..span.end];
                let word = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
                let blank = rest[word..].len() - rest[word..].trim_start().len();
                start += word + blank;
            }
        }
        let written = &text[start..span.end];
        let span = if style == Style::Plain && value.is_empty() {
            Span::empty(self.last_end)
        } else if let Some(end) = closing_quote(written, style) {
            // saphyr's span of a quoted scalar runs on over a comment after it.
            Span::new(start, start + end)
        } else {
            Span::new(start, start + written.trim_end().len())
        };
        self.complete(Node {
            span,
            kind: NodeKind::Scalar(Scalar { value, style }),
        });
    }

    /// Closes the innermost collection; `end` is where its closing event ends (for flow
    /// collections, after the bracket).
    pub(super) fn close(&mut self, end: Option<usize>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let node = match frame {
            Frame::Mapping {
                start,
                end: last,
                flow,
                mut entries,
                key,
            } => {
                if let Some(key) = key {
                    let value = Node {
                        span: Span::empty(key.span.end),
                        kind: NodeKind::Scalar(Scalar {
                            value: String::new(),
                            style: Style::Plain,
                        }),
                    };
                    entries.push(Entry { key, value });
                }
                self.duplicate_keys(&entries);
                Node {
                    span: Span::new(start, closing_end(flow, last, end)),
                    kind: NodeKind::Mapping(entries),
                }
            }
            Frame::Sequence {
                start,
                end: last,
                flow,
                items,
            } => Node {
                span: Span::new(start, closing_end(flow, last, end)),
                kind: NodeKind::Sequence(items),
            },
            Frame::Braces { start, .. } => {
                let end = end.unwrap_or_else(|| line_end(self.text, start));
                self.braces_value(Span::new(start, end));
                return;
            }
        };
        self.complete(node);
    }

    pub(super) fn duplicate_keys(&mut self, entries: &[Entry]) {
        fn key(entry: &Entry) -> Option<&str> {
            entry.key.scalar().map(|scalar| scalar.value.as_str())
        }
        // Most mappings are small and have no duplicates: find that out without allocating.
        let maybe_duplicate = entries.len() > 16
            || entries.iter().enumerate().any(|(i, entry)| {
                key(entry)
                    .is_some_and(|name| entries[..i].iter().any(|other| key(other) == Some(name)))
            });
        if !maybe_duplicate {
            return;
        }
        let mut keys: Vec<(&str, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| Some((entry.key.scalar()?.value.as_str(), i)))
            .collect();
        keys.sort_unstable();
        for pair in keys.windows(2) {
            let ((name, first), (other, second)) = (pair[0], pair[1]);
            if name == other {
                let (first, second) = (&entries[first].key, &entries[second].key);
                self.errors.push(SyntaxError {
                    span: second.span,
                    message: format!("duplicate key `{name}`"),
                    help: Some(
                        "YAML allows each key once per mapping; remove or rename one".to_owned(),
                    ),
                    related: Some(first.span),
                    replacement: None,
                });
            }
        }
    }

    /// Places a finished node in the collection being built, or makes it the root.
    pub(super) fn complete(&mut self, node: Node) {
        self.last_end = self.last_end.max(node.span.end);
        let node_end = node.span.end;
        match self.stack.last_mut() {
            Some(Frame::Mapping {
                entries, key, end, ..
            }) => {
                *end = (*end).max(node_end);
                match key.take() {
                    Some(key) => entries.push(Entry { key, value: node }),
                    None => *key = Some(node),
                }
            }
            Some(Frame::Sequence { items, end, .. }) => {
                *end = (*end).max(node_end);
                items.push(node);
            }
            Some(Frame::Braces { .. }) => {}
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }
}

fn closing_end(flow: bool, last: usize, end: Option<usize>) -> usize {
    match end {
        Some(end) if flow => end.max(last),
        _ => last,
    }
}

fn braces_help(value: &str) -> String {
    format!(
        "a plain value that starts with `{{{{` is a YAML mapping; quote the whole value: {}",
        quote(value)
    )
}

/// The value in single quotes, YAML-escaped.
fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The end of a quoted scalar written at the start of `written` (after its closing quote).
fn closing_quote(written: &str, style: Style) -> Option<usize> {
    let bytes = written.as_bytes();
    let mut at = 1;
    match style {
        Style::SingleQuoted => loop {
            at += bytes.get(at..)?.iter().position(|&b| b == b'\'')?;
            if bytes.get(at + 1) != Some(&b'\'') {
                return Some(at + 1);
            }
            at += 2;
        },
        Style::DoubleQuoted => loop {
            at += bytes
                .get(at..)?
                .iter()
                .position(|&b| b == b'"' || b == b'\\')?;
            if bytes[at] == b'"' {
                return Some(at + 1);
            }
            at += 2;
        },
        _ => None,
    }
}

/// The end of the `{…}` starting at `start` (after its closing brace), braces counted.
pub(super) fn matching_brace(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (at, b) in text[start..].bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + at + 1);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

pub(super) fn line_end(text: &str, from: usize) -> usize {
    text[from..]
        .find(['\n', '\r'])
        .map_or(text.len(), |at| from + at)
}
