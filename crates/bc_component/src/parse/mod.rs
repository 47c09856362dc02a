//! Builds the [`Node`] tree from saphyr's events, with byte spans.
//!
//! Parsing never fails: at the first YAML error the parser stops, every collection still open is
//! closed with what it holds so far, and the error is recorded where saphyr found it.
//!
//! Most components are plain block-style YAML, which [`block`] reads several times faster than
//! saphyr's character-at-a-time scanner. It feeds the same [`Builder`], so the tree is the same;
//! on anything it does not fully handle (and on every error) it gives up and saphyr reads the
//! text, so errors and unusual YAML get saphyr's exact behaviour.

use bc_syntax::Span;
use saphyr_parser::{Event, Parser};

use crate::tree::{Node, NodeKind};

mod block;
mod builder;

pub(crate) use builder::Parsed;
use builder::{Builder, Frame, line_end, matching_brace};
pub use builder::{MAX_DEPTH, SyntaxError};

/// Character offsets (what saphyr's markers count) to byte offsets.
struct Offsets {
    /// The byte offset of every character and of the end, when the text is not ASCII.
    bytes: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        let bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(at, _)| at)
                .chain([text.len()])
                .collect()
        });
        Offsets {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.bytes {
            Some(bytes) => bytes.get(char_index).copied().unwrap_or(self.len),
            None => char_index.min(self.len),
        }
    }
}

/// Parses `text`: with the block-style reader when it can, else with saphyr.
pub(crate) fn parse(text: &str) -> Parsed {
    block::parse(text).unwrap_or_else(|| parse_events(text))
}

/// Parses `text` with the block-style reader, or `None` where it gives up.
pub(crate) fn parse_block(text: &str) -> Option<Parsed> {
    block::parse(text)
}

/// Parses `text` with saphyr's event parser.
pub(crate) fn parse_events(text: &str) -> Parsed {
    let offsets = Offsets::new(text);
    let mut builder = Builder::new(text);
    let mut documents = 0;
    let mut complete = false;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(next) => next,
            Err(error) => {
                let at = offsets.byte(error.marker().index());
                builder.scan_error(at, error.info());
                break;
            }
        };
        let span = Span::new(
            offsets.byte(span.start.index()),
            offsets.byte(span.end.index()),
        );
        let span = Span::new(span.start, span.end.max(span.start));
        if let Some(Frame::Braces { depth, start }) = builder.stack.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
                Event::MappingEnd | Event::SequenceEnd if *depth > 1 => *depth -= 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    let start = *start;
                    builder.stack.pop();
                    let end = matching_brace(text, start).unwrap_or(span.end);
                    builder.braces_value(Span::new(start, end));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    builder.error(
                        Span::new(span.start, line_end(text, span.start)),
                        "a component is one YAML document; this starts a second one",
                    );
                    break;
                }
            }
            Event::StreamEnd => {
                complete = true;
                break;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let decorated = anchor != 0 || tag.is_some();
                builder.scalar(value.into_owned(), style, span, decorated);
            }
            Event::Alias(_) => builder.complete(Node {
                span,
                kind: NodeKind::Alias,
            }),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if builder.stack.len() >= MAX_DEPTH {
                    builder.error(
                        Span::new(span.start, line_end(text, span.start)),
                        format!("collections are nested more than {MAX_DEPTH} levels deep"),
                    );
                    break;
                }
                let flow = !span.is_empty();
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Sequence {
                        start: span.start,
                        end: span.end,
                        flow,
                        items: Vec::new(),
                    }
                } else if flow && text[span.start..].starts_with("{{") {
                    Frame::Braces {
                        start: span.start,
                        depth: 1,
                    }
                } else {
                    Frame::Mapping {
                        start: span.start,
                        end: span.end,
                        flow,
                        entries: Vec::new(),
                        key: None,
                    }
                };
                builder.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                // saphyr's span of a closing bracket runs on over a comment after it.
                let end = match text.as_bytes().get(span.start) {
                    Some(b'}' | b']') => span.start + 1,
                    _ => span.end,
                };
                builder.close(Some(end));
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    builder.finish(complete)
}
