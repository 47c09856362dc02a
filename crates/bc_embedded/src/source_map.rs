//! An embedded template's text as the service would receive it, and where each of its bytes is
//! written in the host file, so findings land on the host's exact line and column.
//!
//! The text is decoded from the host's own notation (quoted strings with escapes, heredocs
//! whose common indentation is stripped, JSON strings, YAML blocks) into pieces: a *verbatim*
//! piece is a run of bytes copied unchanged from the host, an *escape* is one decoded
//! character written otherwise (`\n`, `\u00e9`, `$${`), and a *placeholder* is an
//! interpolation (`${var.x}`, `%{ if … }`, a ROS `Fn::Sub` reference) whose value is unknown.
//! Placeholders are kept in the text as written, so the text has the shape the service will
//! see, and every rule can tell them apart by position.

use bc_syntax::Span;

/// How a piece of the text is written in the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    /// Copied unchanged: content and host bytes are the same.
    Verbatim,
    /// One decoded character written as an escape sequence.
    Escape,
    /// An interpolation, copied as written, whose value is unknown.
    Placeholder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in the text.
    content: usize,
    /// Where it is written in the host.
    host: Span,
    kind: PieceKind,
}

/// How the host writes the text, which decides how a fix's new text must be written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// An HCL quoted string (`"…"`): backslash escapes, `$${` and `%%{`.
    HclQuoted,
    /// An HCL heredoc: no backslash escapes; `$${` and `%%{`. `indented` for `<<-`.
    HclHeredoc {
        /// Whether the heredoc's common indentation is stripped (`<<-EOF`).
        indented: bool,
    },
    /// A JSON (or YAML double-quoted) string: backslash escapes.
    JsonQuoted,
    /// A YAML literal block (`|`), each line indented.
    YamlBlock,
    /// Any other notation: fixes are not offered.
    Other,
}

/// An embedded text and its map onto the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The decoded text, placeholders kept as written.
    pub content: String,
    pieces: Vec<Piece>,
    notation: Notation,
}

/// Builds a [`Text`] piece by piece.
pub(crate) struct Builder {
    text: Text,
}

impl Builder {
    pub(crate) fn new(notation: Notation) -> Builder {
        Builder {
            text: Text {
                content: String::new(),
                pieces: Vec::new(),
                notation,
            },
        }
    }

    fn push(&mut self, kind: PieceKind, host: Span, content: &str) {
        let text = &mut self.text;
        if content.is_empty() {
            return;
        }
        // Adjacent verbatim runs that are adjacent in the host too are one piece.
        if let Some(last) = text.pieces.last_mut()
            && kind == PieceKind::Verbatim
            && last.kind == PieceKind::Verbatim
            && last.host.end == host.start
        {
            last.host.end = host.end;
        } else {
            text.pieces.push(Piece {
                content: text.content.len(),
                host,
                kind,
            });
        }
        text.content.push_str(content);
    }

    /// Copies `host[span]` unchanged.
    pub(crate) fn verbatim(&mut self, host: &str, span: Span) {
        self.push(PieceKind::Verbatim, span, span.text(host));
    }

    /// Adds `decoded`, written as `host[span]`.
    pub(crate) fn escape(&mut self, span: Span, decoded: &str) {
        self.push(PieceKind::Escape, span, decoded);
    }

    /// Copies the interpolation `host[span]` as a placeholder.
    pub(crate) fn placeholder(&mut self, host: &str, span: Span) {
        self.push(PieceKind::Placeholder, span, span.text(host));
    }

    pub(crate) fn finish(self) -> Text {
        self.text
    }
}

impl Text {
    /// A text whose every byte is reported at `at` (a value bclint can read but not map, such
    /// as a YAML folded block): findings land on the value, and no fix is offered.
    pub fn unmapped(content: String, at: Span) -> Text {
        let pieces = vec![Piece {
            content: 0,
            host: at,
            kind: PieceKind::Escape,
        }];
        Text {
            content,
            pieces,
            notation: Notation::Other,
        }
    }

    /// A text copied unchanged from the host, one verbatim piece per entry of `lines`
    /// (`(text offset, host offset)`; each piece runs to the next).
    pub(crate) fn from_runs(content: String, runs: &[(usize, usize)], notation: Notation) -> Text {
        let mut pieces: Vec<Piece> = Vec::with_capacity(runs.len());
        for (i, &(at, host)) in runs.iter().enumerate() {
            let end = runs.get(i + 1).map_or(content.len(), |&(next, _)| next);
            pieces.push(Piece {
                content: at,
                host: Span::new(host, host + (end - at)),
                kind: PieceKind::Verbatim,
            });
        }
        Text {
            content,
            pieces,
            notation,
        }
    }

    /// Marks every `${…}` of the text (a ROS `Fn::Sub` string) as a placeholder.
    pub(crate) fn mark_substitutions(&mut self) {
        let mut ranges = Vec::new();
        let mut from = 0;
        while let Some(start) = self.content[from..].find("${").map(|at| from + at) {
            let Some(end) = self.content[start..].find('}').map(|at| start + at + 1) else {
                break;
            };
            ranges.push(Span::new(start, end));
            from = end;
        }
        if ranges.is_empty() {
            return;
        }
        let within = |at: usize| ranges.iter().find(|r| r.start <= at && at < r.end).copied();
        let mut pieces: Vec<Piece> = Vec::with_capacity(self.pieces.len() + 2 * ranges.len());
        for (i, piece) in self.pieces.iter().enumerate() {
            let end = self.piece_end(i);
            let mut cuts: Vec<usize> = ranges
                .iter()
                .flat_map(|r| [r.start, r.end])
                .filter(|&cut| piece.content < cut && cut < end)
                .collect();
            cuts.insert(0, piece.content);
            cuts.push(end);
            for segment in cuts.windows(2) {
                let (from, to) = (segment[0], segment[1]);
                let host = match piece.kind {
                    PieceKind::Verbatim => Span::new(
                        piece.host.start + (from - piece.content),
                        piece.host.start + (to - piece.content),
                    ),
                    PieceKind::Escape | PieceKind::Placeholder => piece.host,
                };
                let range = within(from);
                if let Some(range) = range
                    && let Some(last) = pieces.last_mut()
                    && last.kind == PieceKind::Placeholder
                    && range.start <= last.content
                {
                    last.host.end = host.end;
                    continue;
                }
                let kind = if range.is_some() {
                    PieceKind::Placeholder
                } else {
                    piece.kind
                };
                pieces.push(Piece {
                    content: from,
                    host,
                    kind,
                });
            }
        }
        self.pieces = pieces;
    }

    fn piece_at(&self, at: usize) -> usize {
        self.pieces
            .partition_point(|piece| piece.content <= at)
            .saturating_sub(1)
    }

    fn piece_end(&self, index: usize) -> usize {
        self.pieces
            .get(index + 1)
            .map_or(self.content.len(), |next| next.content)
    }

    /// Where text offset `at` is in the host: inside a verbatim piece, the same byte; inside
    /// an escape or a placeholder, where it starts; at the end, where the last piece ends.
    pub fn host_offset(&self, at: usize) -> usize {
        let Some(piece) = self.pieces.get(self.piece_at(at)) else {
            return 0;
        };
        if at >= self.content.len() {
            return self
                .pieces
                .last()
                .map_or(piece.host.end, |last| last.host.end);
        }
        match piece.kind {
            PieceKind::Verbatim => piece.host.start + (at - piece.content),
            PieceKind::Escape | PieceKind::Placeholder => piece.host.start,
        }
    }

    /// The host span of the text span `span`: its first byte's place to the end of its last
    /// byte's.
    pub fn span(&self, span: Span) -> Span {
        let start = self.host_offset(span.start);
        if span.is_empty() {
            return Span::empty(start);
        }
        let last = self.piece_at(span.end - 1);
        let piece = self.pieces[last];
        let end = match piece.kind {
            PieceKind::Verbatim => piece.host.start + (span.end - piece.content),
            PieceKind::Escape | PieceKind::Placeholder => piece.host.end,
        };
        Span::new(start, end.max(start))
    }

    /// The host span of `span` when its bytes are written unchanged, in one run, in the host,
    /// away from any placeholder: only then can an edit of the text be made on the host.
    pub fn exact(&self, span: Span) -> Option<Span> {
        let index = self.piece_at(span.start);
        let piece = self.pieces.get(index)?;
        let end = self.piece_end(index);
        (piece.kind == PieceKind::Verbatim && span.end <= end).then(|| {
            Span::new(
                self.host_offset(span.start),
                self.host_offset(span.start) + span.len(),
            )
        })
    }

    /// The new text `text` as the host must write it, if it can be written there.
    pub fn encode(&self, text: &str) -> Option<String> {
        let escaped = text.replace("${", "$${").replace("%{", "%%{");
        match self.notation {
            Notation::HclQuoted => Some(
                text.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
                    .replace("${", "$${")
                    .replace("%{", "%%{"),
            ),
            Notation::HclHeredoc { indented: false } => Some(escaped),
            Notation::HclHeredoc { indented: true } | Notation::YamlBlock => {
                (!text.contains('\n')).then(|| text.to_owned())
            }
            Notation::JsonQuoted => {
                let json = text
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n");
                Some(json)
            }
            Notation::Other => None,
        }
    }

    /// Whether `span` overlaps a placeholder (or touches an empty span at one's edge).
    pub fn touches_placeholder(&self, span: Span) -> bool {
        self.placeholders()
            .any(|p| span.start < p.end && p.start < span.end.max(span.start + 1))
    }

    /// The text ranges of the placeholders.
    pub fn placeholders(&self) -> impl Iterator<Item = Span> + '_ {
        self.pieces
            .iter()
            .enumerate()
            .filter(|(_, piece)| piece.kind == PieceKind::Placeholder)
            .map(|(i, piece)| Span::new(piece.content, self.piece_end(i)))
    }
}

/// Decodes a quoted string's inside, `host[body]`: backslash escapes, and for HCL `$${` and
/// `%%{`; `placeholders` are the host spans of its interpolations, in order.
pub(crate) fn decode_quoted(host: &str, body: Span, placeholders: &[Span], hcl: bool) -> Text {
    let notation = if hcl {
        Notation::HclQuoted
    } else {
        Notation::JsonQuoted
    };
    let mut builder = Builder::new(notation);
    let mut placeholders = placeholders.iter().peekable();
    let mut at = body.start;
    let mut run = at;
    while at < body.end {
        if let Some(p) = placeholders.next_if(|p| p.start == at) {
            builder.verbatim(host, Span::new(run, at));
            builder.placeholder(host, *p);
            at = p.end.min(body.end);
            run = at;
            continue;
        }
        let rest = &host[at..body.end];
        let escape = if rest.starts_with('\\') {
            backslash_escape(rest)
        } else if hcl && (rest.starts_with("$${") || rest.starts_with("%%{")) {
            Some((3, rest[1..3].to_owned()))
        } else {
            None
        };
        match escape {
            Some((len, decoded)) => {
                builder.verbatim(host, Span::new(run, at));
                builder.escape(Span::new(at, at + len), &decoded);
                at += len;
                run = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    builder.verbatim(host, Span::new(run, body.end));
    builder.finish()
}

/// The length and value of the escape sequence `rest` starts with.
fn backslash_escape(rest: &str) -> Option<(usize, String)> {
    let mut chars = rest[1..].chars();
    let simple = match chars.next()? {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'u' => return hex_escape(rest, 4),
        'U' => return hex_escape(rest, 8),
        _ => return None,
    };
    Some((2, simple.to_string()))
}

/// `\uXXXX` (with a following low surrogate, as JSON writes characters beyond the BMP) or
/// `\UXXXXXXXX`.
fn hex_escape(rest: &str, digits: usize) -> Option<(usize, String)> {
    let hex = |from: usize| {
        rest.get(from..from + digits)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let first = hex(2)?;
    if let Some(c) = char::from_u32(first) {
        return Some((2 + digits, c.to_string()));
    }
    // A high surrogate: JSON writes the character as a pair.
    let low = rest.get(6..8).filter(|s| *s == "\\u").and(hex(8))?;
    let c = char::from_u32(0x10000 + ((first - 0xD800) << 10) + (low.checked_sub(0xDC00)?))?;
    Some((12, c.to_string()))
}

/// Decodes a heredoc's body, `host[body]` (from the line after `<<EOF` to the start of the
/// closing delimiter's line): `$${` and `%%{` escapes, and for `<<-EOF` the first `indent`
/// spaces or tabs of each line removed, as Terraform does.
pub(crate) fn decode_heredoc(
    host: &str,
    body: Span,
    placeholders: &[Span],
    indent: Option<usize>,
) -> Text {
    let mut builder = Builder::new(Notation::HclHeredoc {
        indented: indent.is_some(),
    });
    let mut placeholders = placeholders.iter().peekable();
    let mut at = body.start;
    let mut run = at;
    let mut line_start = true;
    while at < body.end {
        if line_start && let Some(indent) = indent {
            let strip = host[at..body.end]
                .bytes()
                .take(indent)
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
            at += strip;
            run = at;
            line_start = false;
            continue;
        }
        if let Some(p) = placeholders.next_if(|p| p.start == at) {
            builder.verbatim(host, Span::new(run, at));
            builder.placeholder(host, *p);
            at = p.end.min(body.end);
            run = at;
            continue;
        }
        let rest = &host[at..body.end];
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            builder.verbatim(host, Span::new(run, at));
            builder.escape(Span::new(at, at + 3), &rest[1..3]);
            at += 3;
            run = at;
            continue;
        }
        let c = rest.chars().next().unwrap_or('\n');
        at += c.len_utf8();
        if c == '\n' {
            builder.verbatim(host, Span::new(run, at));
            run = at;
            line_start = true;
        }
    }
    builder.verbatim(host, Span::new(run, body.end));
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(host: &str) -> Span {
        Span::new(0, host.len())
    }

    #[test]
    fn quoted_strings_decode_escapes_and_map_around_them() {
        let host = r#"RUN a\n\"b\" \u00e9 $${x} yum"#;
        let text = decode_quoted(host, whole(host), &[], true);
        assert_eq!(text.content, "RUN a\n\"b\" é ${x} yum");
        let yum = text.content.find("yum").unwrap();
        let span = text.span(Span::new(yum, yum + 3));
        assert_eq!(span.text(host), "yum");
        assert_eq!(text.exact(Span::new(yum, yum + 3)), Some(span));
        // The escaped quote is one character of the text, two of the host.
        let quote = text.content.find('"').unwrap();
        assert_eq!(text.span(Span::new(quote, quote + 1)).text(host), "\\\"");
        assert_eq!(text.exact(Span::new(quote, quote + 2)), None);
    }

    #[test]
    fn placeholders_are_kept_and_known() {
        let host = r#"ENV A="${var.x}""#;
        let at = host.find("${").unwrap();
        let text = decode_quoted(host, whole(host), &[Span::new(at, at + 8)], true);
        assert_eq!(text.content, host);
        assert!(text.touches_placeholder(Span::new(at + 1, at + 2)));
        assert!(!text.touches_placeholder(Span::new(0, 3)));
        assert_eq!(text.exact(Span::new(at, at + 1)), None);
    }

    #[test]
    fn indented_heredocs_strip_the_indentation() {
        let host = "    RUN a\n      yum install x\n\n    RUN $${b}\n";
        let text = decode_heredoc(host, whole(host), &[], Some(4));
        assert_eq!(text.content, "RUN a\n  yum install x\n\nRUN ${b}\n");
        let yum = text.content.find("yum").unwrap();
        assert_eq!(
            text.span(Span::new(yum, yum + 11)).text(host),
            "yum install"
        );
    }

    #[test]
    fn substitutions_become_placeholders() {
        let host = "RUN echo ${Name} done";
        let mut text = decode_quoted(host, whole(host), &[], false);
        text.mark_substitutions();
        let placeholders: Vec<Span> = text.placeholders().collect();
        assert_eq!(placeholders, [Span::new(9, 16)]);
        let done = text.content.find("done").unwrap();
        assert_eq!(text.span(Span::new(done, done + 4)).text(host), "done");
        assert_eq!(text.span(Span::new(0, 3)).text(host), "RUN");
    }

    #[test]
    fn fixes_are_written_in_the_host_notation() {
        let quoted = decode_quoted("x", Span::new(0, 1), &[], true);
        assert_eq!(
            quoted.encode("a=\"${b}\"").as_deref(),
            Some(r#"a=\"$${b}\""#)
        );
        let indented = decode_heredoc("x", Span::new(0, 1), &[], Some(2));
        assert_eq!(indented.encode("a\nb"), None);
    }
}
