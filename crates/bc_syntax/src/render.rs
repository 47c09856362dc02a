//! The wire form: exactly the text `bclint submit` sends as `BuildContent`/`TestContent`.

use crate::{CommandRef, KeywordKind, Parse};

/// Renders the wire form: comments and blank lines removed, keywords upper-cased, continuations
/// kept, `\n` line endings and a final newline.
///
/// A continuation with nothing after it is dropped: sent as is, it would glue the next command
/// onto this one and change what the service runs.
pub fn render(parse: &Parse) -> String {
    let source = parse.source();
    let mut out = String::with_capacity(source.len());
    for command in parse.commands() {
        write_command(source, command, &mut out);
    }
    out
}

/// An upper bound of the wire form's length in bytes, without rendering: each command's text plus
/// one line break. Rendering never adds bytes to a command: it drops comment lines, indentation
/// and dangling continuations, writes each line break as one `\n`, and upper-cases an ASCII
/// keyword in place.
pub fn wire_len_bound(parse: &Parse) -> usize {
    parse.commands().map(|command| command.span.len() + 1).sum()
}

/// Renders one command's wire form (with its final newline), as [`render`] would.
pub fn render_command(command: CommandRef<'_>) -> String {
    let mut out = String::new();
    write_command(command.parse().source(), command, &mut out);
    out
}

fn write_command(source: &str, command: CommandRef<'_>, out: &mut String) {
    // A dangling command ends at its last word: the backslash after it, blanks, and any further
    // lines holding only blanks and backslashes continue nothing and are dropped.
    let content_end = command.is_dangling().then(|| {
        command
            .args()
            .last()
            .map_or(command.keyword.span.end, |word| word.span.end)
    });
    let keyword = command.keyword;
    let mut first = true;
    for line in command.lines() {
        if command
            .comments()
            .iter()
            .any(|c| line.touches(c.span.start))
        {
            continue;
        }
        let mut span = *line;
        if let Some(end) = content_end {
            if line.start > end {
                break;
            }
            span.end = span.end.min(end);
        }
        if first {
            // The first line starts at the keyword, not at the indentation before it. A known
            // keyword is upper-cased; an unknown one is kept as written (it may even run over
            // lines, as an unterminated quote does).
            span.start = keyword.span.start;
            if keyword.kind != KeywordKind::Unknown {
                out.push_str(keyword.kind.as_str());
                span.start = keyword.span.end;
            }
            first = false;
        }
        out.push_str(span.text(source));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use crate::{FileKind, parse, render};

    fn wire(text: &str) -> String {
        render(&parse(text, FileKind::Build))
    }

    #[test]
    fn dangling_command_ends_at_its_last_word() {
        // Several continuations with nothing after them: all of them go, in one step.
        for text in [
            "COMPONENT \\\r \\\n\n",
            "RUN a \\\n  \\\n\nRUN b\n",
            "RUN a \\\n# c\n \\\n",
        ] {
            let once = wire(text);
            assert!(
                once.starts_with(if text.starts_with("RUN") {
                    "RUN a\n"
                } else {
                    "COMPONENT\n"
                }),
                "{text:?} -> {once:?}"
            );
            assert_eq!(wire(&once), once, "{text:?}");
        }
    }

    #[test]
    fn unknown_keyword_running_over_lines() {
        // An unterminated quote swallows the escaped line break, so the keyword spans two lines.
        let text = "COMPONENT \"\n\"\\\n\n";
        assert_eq!(wire(text), text);
    }

    #[test]
    fn crlf_and_indentation() {
        assert_eq!(
            wire("  run a \\\r\n  # c\r\n    b\r\n\r\n"),
            "RUN a \\\n    b\n"
        );
    }
}
