//! Suppression comments in YAML components, read as in templates (`bc_lint`'s suppression
//! module does the rest): `# bclint: ignore-file=BC609` applies to the whole file, and
//! `# bclint: ignore=BC303 -- reason` to what starts on the next line that is neither blank nor a
//! comment, with everything indented under it: a whole task before `- Name:`, one property before
//! its key, or, inside a `commandContent: |` block, the script line after it (a `#` line there is
//! a shell comment, which the service runs as one, so it costs nothing).

use bc_syntax::Span;

/// Every line whose first non-blank character is `#`, as its span from the `#` to the end of the
/// line, with the span of what an `ignore=` directive there applies to.
pub(crate) fn comments(source: &str) -> Vec<(Span, Option<Span>)> {
    let lines = lines(source);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.kind == LineKind::Comment {
            let comment = Span::new(line.start + line.indent, line.end);
            found.push((comment, target(&lines[i + 1..])));
        }
    }
    found
}

/// The span of the entry that starts on the first line of `after` that holds YAML, through its
/// last line indented deeper than its first (or, after a key, the list items that YAML allows at
/// the key's own indentation).
fn target(after: &[Line]) -> Option<Span> {
    let (first, rest) = after
        .iter()
        .position(|line| line.kind == LineKind::Content)
        .map(|at| (&after[at], &after[at + 1..]))?;
    let end = rest
        .iter()
        .take_while(|line| {
            line.kind != LineKind::Content
                || line.indent > first.indent
                || (line.indent == first.indent && line.item && !first.item)
        })
        .filter(|line| line.kind == LineKind::Content)
        .last()
        .unwrap_or(first)
        .end;
    Some(Span::new(first.start + first.indent, end))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Comment,
    Content,
}

/// A line: where it starts and ends (before its line break), how many spaces indent it, what it
/// holds, and whether that is a list item (`- …`).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
    kind: LineKind,
    item: bool,
}

fn lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for text in source.split_inclusive('\n') {
        let body = text.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let rest = body[indent..].trim_start();
        let kind = if rest.is_empty() {
            LineKind::Blank
        } else if rest.starts_with('#') {
            LineKind::Comment
        } else {
            LineKind::Content
        };
        lines.push(Line {
            start,
            end: start + body.len(),
            indent,
            kind,
            item: rest == "-" || rest.starts_with("- "),
        });
        start += text.len();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each comment and of its target.
    fn targets(source: &str) -> Vec<(&str, Option<&str>)> {
        comments(source)
            .into_iter()
            .map(|(comment, target)| (comment.text(source), target.map(|t| t.text(source))))
            .collect()
    }

    #[test]
    fn a_comment_applies_to_the_entry_after_it_and_what_is_indented_under_it() {
        let source = "\
# bclint: ignore=BC609
Parameters:
  a: {Type: String}

Tasks:
  # task
  - Name: one
    # inside
    Properties:
      commandContent: |
        # bclint: ignore=BC303
        yum install nginx
        echo done
  - Name: two
# last
";
        assert_eq!(
            targets(source),
            [
                (
                    "# bclint: ignore=BC609",
                    Some("Parameters:\n  a: {Type: String}")
                ),
                (
                    "# task",
                    Some(
                        "- Name: one\n    # inside\n    Properties:\n      commandContent: |\n        \
                         # bclint: ignore=BC303\n        yum install nginx\n        echo done"
                    )
                ),
                (
                    "# inside",
                    Some(
                        "Properties:\n      commandContent: |\n        # bclint: ignore=BC303\n        \
                         yum install nginx\n        echo done"
                    )
                ),
                ("# bclint: ignore=BC303", Some("yum install nginx")),
                ("# last", None),
            ]
        );
    }

    #[test]
    fn a_comment_before_a_key_covers_its_list_at_the_same_indentation() {
        let source =
            "# bclint: ignore=BC303\nTasks:\n- Name: a\n  Action: Reboot\n- Name: b\nX: 1\n";
        assert_eq!(
            targets(source),
            [(
                "# bclint: ignore=BC303",
                Some("Tasks:\n- Name: a\n  Action: Reboot\n- Name: b")
            )]
        );
    }

    #[test]
    fn carriage_returns_are_not_part_of_a_comment() {
        assert_eq!(
            targets("# c\r\nTasks: []\r\n"),
            [("# c", Some("Tasks: []"))]
        );
    }
}
