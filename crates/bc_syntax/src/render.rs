//! The wire form: exactly the text `bclint submit` sends as `BuildContent`/`TestContent`.

use crate::{Command, Item, KeywordKind, Parse};

/// Renders the wire form: comments and blank lines removed, keywords upper-cased, continuations
/// kept, `\n` line endings and a final newline.
///
/// A continuation with nothing after it is dropped: sent as is, it would glue the next command
/// onto this one and change what the service runs.
pub fn render(parse: &Parse) -> String {
    let source = parse.source();
    let mut out = String::with_capacity(source.len());
    for item in parse.items() {
        if let Item::Command(command) = item {
            write_command(source, command, &mut out);
        }
    }
    out
}

/// Renders one command's wire form (with its final newline), as [`render`] would.
pub fn render_command(source: &str, command: &Command) -> String {
    let mut out = String::new();
    write_command(source, command, &mut out);
    out
}

fn write_command(source: &str, command: &Command, out: &mut String) {
    let mut lines: Vec<&str> = command
        .lines
        .iter()
        .filter(|line| !command.comments.iter().any(|c| line.touches(c.span.start)))
        .map(|line| line.text(source))
        .collect();
    // The first line starts at the keyword, not at the indentation before it.
    let first_offset = command.keyword.span.start - command.lines[0].start;
    lines[0] = &lines[0][first_offset..];
    let keyword = command.keyword.span.text(source);
    for (i, line) in lines.iter().enumerate() {
        let mut line: &str = line;
        if i == 0 {
            out.push_str(match command.keyword.kind {
                KeywordKind::Unknown => keyword,
                kind => kind.as_str(),
            });
            line = &line[keyword.len()..];
        }
        if i + 1 == lines.len() && command.is_dangling() {
            line = line
                .trim_end()
                .strip_suffix('\\')
                .unwrap_or(line)
                .trim_end();
        }
        out.push_str(line);
        out.push('\n');
    }
}
