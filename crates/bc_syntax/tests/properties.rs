//! Property tests of the parser, the renderer, `decode` and `LineIndex`.
//!
//! Besides plain arbitrary strings, a generator of template-like text (keywords in any case,
//! words, quotes, continuations, comments, CRLF and lone CR, Chinese, emoji, control bytes)
//! drives the properties through the paths that matter.

use bc_syntax::{
    Body, ComponentRefKind, FileKind, Item, LineCol, LineIndex, Parse, Span, decode, parse, render,
};
use proptest::prelude::*;

// ---------------------------------------------------------------- generators

fn keyword() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "COMPONENT",
        "RESTART",
        "RUN",
        "ENV",
        "WORKDIR",
        "COPY",
        "USER",
        "LABEL",
        "CMD",
        "ENTRYPOINT",
        "FROM",
        "ADD",
        "RNU",
    ]);
    (words, any::<u16>()).prop_map(|(word, mask)| {
        word.chars()
            .enumerate()
            .map(|(i, c)| {
                if mask & (1 << (i % 16)) == 0 {
                    c
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9_./-]{1,8}",
        3 => prop::sample::select(vec![" ", "  ", "\t", " \t "]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["\n", "\r\n", "\r"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["\\\n", "\\\r\n", "\\\r", "\\ \n", "\\\t\r\n", "\\"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec!["# comment\n", "  # c\r\n", "#", "a#b", "# end"])
            .prop_map(str::to_owned),
        2 => "\"[a-z #'\\\\\n]{0,6}\"",
        1 => "'[a-z \"\\\\]{0,5}'",
        2 => prop::sample::select(vec!["\"", "'", "[", "]", ",", "=", "k=\"v\"", "[\"a\", \"b\"]"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec!["中文", "值", "😀", "\u{3000}", "é", "\u{feff}"])
            .prop_map(str::to_owned),
        1 => prop::sample::select(vec!["\0", "\u{7}", "\u{1b}", "\u{7f}", "\u{c}"])
            .prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "ic-abc123",
            "acs:ecs:cn-hangzhou:1:imagecomponent/a/1.*.*",
            "acs:ecs:cn-hangzhou:1:imagecomponent/a:b:1.0.0",
            "--x",
            "https://example.com/a.tar.gz?x=1",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A line: optional indentation, a keyword, a few fragments and a line terminator.
fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "", " ", "\t"]),
        keyword(),
        prop::collection::vec(fragment(), 0..6),
        prop::sample::select(vec!["\n", "\n", "\r\n", "\r", ""]),
    )
        .prop_map(|(indent, keyword, rest, end)| {
            let mut line = format!("{indent}{keyword}");
            if !rest.is_empty() {
                line.push(' ');
            }
            line.extend(rest);
            line.push_str(end);
            line
        })
}

/// Template-like text: a BOM now and then, lines and stray fragments.
fn template() -> impl Strategy<Value = String> {
    (
        prop::bool::weighted(0.1),
        prop::collection::vec(prop_oneof![3 => line(), 1 => fragment()], 0..16),
    )
        .prop_map(|(bom, parts)| {
            let mut text = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            text.extend(parts);
            text
        })
}

fn kind() -> impl Strategy<Value = FileKind> {
    prop::sample::select(FileKind::ALL.to_vec())
}

// ---------------------------------------------------------------- checks

/// Every span in the tree, with a label for failure messages.
fn node_spans(parsed: &Parse) -> Vec<(&'static str, Span)> {
    let mut spans = Vec::new();
    for item in parsed.items() {
        spans.push(("item", item.span()));
        let Item::Command(command) = item else {
            continue;
        };
        let command = parsed.command(command);
        spans.push(("keyword", command.keyword.span));
        spans.extend(command.args().iter().map(|w| ("arg", w.span)));
        spans.extend(command.lines().iter().map(|s| ("line", *s)));
        spans.extend(command.comments().iter().map(|c| ("comment", c.span)));
        spans.extend(command.continuations().iter().map(|s| ("continuation", *s)));
        match &command.body {
            Body::Plain => {}
            Body::EnvSpace { key, value } => {
                spans.push(("env key", key.span));
                spans.extend(value.map(|v| ("env value", v)));
            }
            Body::Pairs(pairs) => {
                for pair in pairs {
                    spans.push(("pair", pair.span));
                    spans.push(("pair key", pair.key));
                    spans.extend(pair.value.map(|v| ("pair value", v)));
                }
            }
            Body::Exec(exec) => {
                spans.push(("exec", exec.span));
                spans.extend(exec.elements.iter().map(|e| ("exec element", e.span)));
            }
            Body::Component(call) => {
                if let Some(reference) = &call.reference {
                    spans.push(("reference", reference.span));
                    if let ComponentRefKind::Arn(arn) = &reference.kind {
                        let parts = [
                            arn.service,
                            arn.region,
                            arn.account,
                            arn.resource_type,
                            arn.name,
                            arn.version,
                        ];
                        spans.extend(parts.into_iter().flatten().map(|s| ("arn part", s)));
                        spans.extend(arn.separator.map(|(_, s)| ("arn separator", s)));
                        spans.extend(arn.version_parts.iter().map(|s| ("version part", *s)));
                    }
                }
                spans.extend(call.params.iter().map(|p| ("param", p.span())));
            }
        }
    }
    spans.extend(parsed.errors().iter().map(|e| ("error", e.span)));
    spans
}

fn check_spans(text: &str, parsed: &Parse) -> Result<(), TestCaseError> {
    for (what, span) in node_spans(parsed) {
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{what} span {span:?} out of range for {} bytes",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what} span {span:?} splits a character"
        );
    }
    let ordered = |spans: &[Span]| spans.windows(2).all(|w| w[0].end <= w[1].start);
    let items: Vec<Span> = parsed.items().iter().map(Item::span).collect();
    prop_assert!(
        ordered(&items),
        "items overlap or are out of order: {items:?}"
    );
    for command in parsed.commands() {
        let args: Vec<Span> = std::iter::once(command.keyword.span)
            .chain(command.args().iter().map(|w| w.span))
            .collect();
        prop_assert!(ordered(&args), "words out of order: {args:?}");
        prop_assert!(ordered(command.lines()), "lines out of order");
        prop_assert!(
            ordered(command.continuations()),
            "continuations out of order"
        );
        for span in &args {
            prop_assert!(
                command.span.start <= span.start && span.end <= command.span.end,
                "word {span:?} outside its command {:?}",
                command.span
            );
        }
    }
    let errors: Vec<(usize, usize)> = parsed
        .errors()
        .iter()
        .map(|e| (e.span.start, e.span.end))
        .collect();
    prop_assert!(
        errors.windows(2).all(|w| w[0] <= w[1]),
        "errors out of order: {errors:?}"
    );
    Ok(())
}

fn check_render(text: &str, kind: FileKind) -> Result<(), TestCaseError> {
    let parsed = parse(text, kind);
    let wire = render(&parsed);
    let bound = bc_syntax::wire_len_bound(&parsed);
    prop_assert!(
        wire.len() <= bound && bound <= text.len() + parsed.commands().count(),
        "wire form of {} bytes, bound {bound}, from {} bytes",
        wire.len(),
        text.len()
    );
    // A second byte order mark at the start of a file is the start of an (unknown) keyword; in
    // the wire form it comes first and would be read back as a byte order mark.
    prop_assume!(!wire.starts_with('\u{feff}'));
    // A dangling command whose last word ends in a backslash (`RUN a\ \` + blank line) cannot be
    // written without that backslash ending the line, which reads back as a continuation.
    prop_assume!(!parsed.commands().any(|c| {
        c.is_dangling()
            && c.args()
                .last()
                .map_or(c.keyword.span, |w| w.span)
                .text(text)
                .ends_with('\\')
    }));
    let reparsed = parse(&wire, kind);
    prop_assert_eq!(&render(&reparsed), &wire, "render is not idempotent");
    prop_assert!(
        reparsed.comments().next().is_none()
            && reparsed.commands().all(|c| c.comments().is_empty()),
        "the wire form holds a comment line: {:?}",
        wire
    );
    let commands = |p: &Parse| -> Vec<(bc_syntax::KeywordKind, String, String)> {
        p.commands()
            .map(|c| {
                (
                    c.keyword.kind,
                    // An unknown keyword may hold a line break (in an unterminated quote),
                    // which the wire form writes as `\n`.
                    c.keyword
                        .span
                        .text(p.source())
                        .replace("\r\n", "\n")
                        .replace('\r', "\n")
                        .to_ascii_uppercase(),
                    c.logical_args(),
                )
            })
            .collect()
    };
    prop_assert_eq!(commands(&parsed), commands(&reparsed));
    Ok(())
}

/// Whether `offset` sits between the `\r` and `\n` of a CRLF, a position no editor can name.
fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes()[offset - 1] == b'\r'
        && text.as_bytes().get(offset) == Some(&b'\n')
}

fn check_line_index(text: &str) -> Result<(), TestCaseError> {
    let index = LineIndex::new(text);
    let boundaries = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let mut previous = LineCol { line: 0, col: 0 };
    for offset in boundaries {
        let position = index.line_col_utf16(text, offset);
        prop_assert_eq!(position.line, index.line_col(offset).line);
        let line = &text[index.line_start(position.line).unwrap()..offset];
        let units: usize = line.chars().map(char::len_utf16).sum();
        prop_assert_eq!(position.col as usize, units);
        prop_assert_eq!(
            index.line_col_chars(text, offset).col as usize,
            line.chars().count()
        );
        prop_assert!(position >= previous, "positions go backwards at {offset}");
        previous = position;
        if !inside_crlf(text, offset) {
            prop_assert_eq!(
                index.offset_utf16(text, position),
                Some(offset),
                "offset {} -> {:?} does not round-trip",
                offset,
                position
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_arbitrary_strings(text in any::<String>(), kind in kind()) {
        let parsed = parse(&text, kind);
        check_spans(&text, &parsed)?;
    }

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match decode(&bytes) {
            Ok(text) => {
                prop_assert_eq!(text.as_bytes(), &bytes[..]);
                check_spans(text, &parse(text, FileKind::Build))?;
            }
            Err(error) => {
                let valid = std::str::from_utf8(&bytes[..error.offset]);
                prop_assert!(valid.is_ok(), "bytes before offset {} are not UTF-8", error.offset);
                prop_assert!(error.offset < bytes.len());
                // The sequence starting at the offset is the broken one.
                let tail = &bytes[error.offset..];
                let len = tail.len().min(4);
                prop_assert!((1..=len).all(|n| std::str::from_utf8(&tail[..n]).is_err()));
                let prefix = valid.expect("checked above");
                prop_assert_eq!(error.line, LineIndex::new(prefix).line_count());
                // Whatever was valid parses.
                check_spans(prefix, &parse(prefix, FileKind::Build))?;
            }
        }
    }

    #[test]
    fn template_spans_are_in_range_and_ordered(text in template(), kind in kind()) {
        check_spans(&text, &parse(&text, kind))?;
    }

    #[test]
    fn render_is_stable_on_templates(text in template(), kind in kind()) {
        check_render(&text, kind)?;
    }

    #[test]
    fn render_is_stable_on_arbitrary_strings(text in any::<String>()) {
        check_render(&text, FileKind::Build)?;
    }

    #[test]
    fn line_index_round_trips_utf16(text in template()) {
        check_line_index(&text)?;
    }

    #[test]
    fn line_index_round_trips_utf16_on_arbitrary_strings(text in any::<String>()) {
        check_line_index(&text)?;
    }
}

#[test]
fn decode_reports_the_first_bad_byte() {
    let bytes = b"RUN a\r\nRUN \xe4\xb8\xadb\rRUN \xe4\xb8\n";
    let error = decode(bytes).unwrap_err();
    assert_eq!(error.offset, 20);
    assert_eq!(error.line, 3);
    assert_eq!(
        error.to_string(),
        "invalid UTF-8 at byte offset 20 (line 3)"
    );
    assert_eq!(decode(&bytes[..16]), Ok("RUN a\r\nRUN 中b\r"));
}
