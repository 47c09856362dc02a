//! The canonical layout: uppercase keywords, one space after the keyword, continuation lines
//! indented four spaces, no trailing whitespace, at most one blank line in a row, one final newline.
//!
//! Only whitespace and keyword case change, never what a command means: lines that begin inside
//! a quoted string spanning lines are left exactly as written, because their leading blanks are
//! part of the string.

use bc_syntax::{CommandRef, Item, KeywordKind, Parse};

/// Formats the file. Idempotent: formatting the output again gives the same text.
pub fn format(parse: &Parse) -> String {
    let source = parse.source();
    // Where a quote does not close, line breaks and blanks may be inside the string: moving
    // them could change what the file means, so such a file is left exactly as written.
    if parse
        .errors()
        .iter()
        .any(|error| error.kind == bc_syntax::SyntaxErrorKind::UnterminatedString)
        || parse.items().iter().any(|item| {
            // Lines without a keyword are not typed, so their quotes are not checked.
            matches!(item, Item::Error(span) if span.text(source).contains(['"', '\'']))
        })
    {
        return source.to_owned();
    }
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(source.len() + 16);
    if parse.has_bom() {
        out.push('\u{feff}');
    }
    let mut pending_blank = false;
    let mut wrote_any = false;
    for item in parse.items() {
        if let Item::Blank(_) = item {
            pending_blank = wrote_any;
            continue;
        }
        if pending_blank {
            out.push_str(newline);
            pending_blank = false;
        }
        wrote_any = true;
        match item {
            Item::Comment(comment) => {
                out.push_str(comment.span.text(source).trim_end());
                out.push_str(newline);
            }
            Item::Error(span) => {
                out.push_str(span.text(source).trim());
                out.push_str(newline);
            }
            Item::Command(command) => {
                let command = parse.command(command);
                format_command(command, newline, &mut out);
                // A continuation with nothing after it was ended by a blank line (or the end of
                // the file); without that blank line it would swallow the next command.
                pending_blank = command.is_dangling();
            }
            Item::Blank(_) => unreachable!("blank lines are handled above"),
        }
    }
    out
}

/// The blanks of the grammar; other Unicode white space (such as U+3000) is text.
const BLANKS: [char; 2] = [' ', '\t'];

fn format_command(command: CommandRef<'_>, newline: &str, out: &mut String) {
    let source = command.parse().source();
    let keyword = command.keyword;
    // An unknown keyword can run over lines (an unterminated quote swallowing an escaped line
    // break); its lines are all inside that word, so they stay exactly as written.
    let keyword_spans_lines = keyword.span.end > command.lines()[0].end;
    for (i, line) in command.lines().iter().enumerate() {
        if keyword_spans_lines {
            // The escaped line break before an empty last line already ends it.
            if i > 0 && i + 1 == command.lines().len() && line.is_empty() {
                continue;
            }
            let start = if i == 0 {
                keyword.span.start
            } else {
                line.start
            };
            out.push_str(&source[start..line.end]);
            out.push_str(newline);
            continue;
        }
        let text = line.text(source);
        if i == 0 {
            match keyword.kind {
                KeywordKind::Unknown => out.push_str(keyword.span.text(source)),
                kind => out.push_str(kind.as_str()),
            }
            let rest = source[keyword.span.end..line.end].trim_matches(BLANKS);
            if !rest.is_empty() {
                out.push(' ');
                out.push_str(rest);
            }
        } else if starts_inside_word(command, line.start) {
            out.push_str(text);
        } else {
            let content = text.trim_matches(BLANKS);
            if !content.is_empty() {
                out.push_str("    ");
                out.push_str(content);
            }
        }
        out.push_str(newline);
    }
}

/// Whether `offset` (a line start) lies inside a word that began on an earlier line, i.e. inside
/// a quoted string continued over lines.
fn starts_inside_word(command: CommandRef<'_>, offset: usize) -> bool {
    // Words are in source order and do not overlap: look at the first one not ending before
    // `offset` (a binary search, so 100,000 continuation lines stay linear overall).
    let args = command.args();
    let first = args.partition_point(|word| word.span.end < offset);
    args.get(first)
        .is_some_and(|word| word.span.start < offset && offset <= word.span.end)
}
