use std::ops::Range;

use bc_syntax::{Body, CommandRef, KeywordKind, Span};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks templates and YAML components for placeholders copied from documentation:
    /// `<words>` such as `<username>` or `<Name of the OSS bucket>`, and `****` masks. A command
    /// (in a template) or a value (in a component) is reported once, at its first placeholder,
    /// and no other rule reports the placeholder's words again. Inside a component reference
    /// (`COMPONENT acs:ecs:…:<ID of the Alibaba Cloud account>:…`) the placeholder is part of the
    /// malformed reference, which `invalid-component-reference` (BC103) reports instead.
    ///
    /// In shell commands (`RUN`, `CMD`, `ENTRYPOINT`, a component's `commandContent`), where `<`
    /// and `>` are also redirections, only placeholders that cannot be redirections are
    /// reported: with spaces inside (`<Script file>`), or written inside a word
    /// (`/home/<path>`). Elsewhere (`USER <username>`, `WORKDIR /<path>`, a `COPY` source, a
    /// component's `bucketName`) every `<word>` is one.
    ///
    /// ## Why is this bad?
    /// The service takes the placeholder literally: the build runs as a user called
    /// `<username>`, or looks for a bucket called `<Name of the OSS bucket>`, and fails after
    /// the instance has started.
    ///
    /// ## Example
    /// ```text
    /// USER <username>
    /// WORKDIR /<path>
    /// ```
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: OSSDownload
    ///     Properties:
    ///       bucketName: <Name of the OSS bucket>
    ///       destinationDir: /home
    ///       objectName: setup.sh
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// USER admin
    /// WORKDIR /opt/app
    /// ```
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: OSSDownload
    ///     Properties:
    ///       bucketName: build-scripts
    ///       destinationDir: /home
    ///       objectName: setup.sh
    /// ```
    pub static RULE = {
        code: "BC308",
        name: "documentation-placeholder",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands() {
        let mut found = placeholders_in(checker.source, command);
        let Some(first) = found.next() else {
            continue;
        };
        let more = found.count();
        let text = checker.text(first);
        let diagnostic = checker
            .report(
                &RULE,
                first,
                format!("`{text}` is a placeholder left from the documentation"),
            )
            .note("the service takes it literally, and the command fails when it runs")
            .help("replace it with the real value");
        if more > 0 {
            diagnostic.label(command.span, format!("this command has {more} more"));
        }
    }
}

/// The placeholders in a command's arguments, except inside a component reference (BC103
/// reports those).
pub fn placeholders_in<'p>(
    source: &'p str,
    command: CommandRef<'p>,
) -> impl Iterator<Item = Span> + 'p {
    let args = command.args();
    let range = match (args.first(), args.last()) {
        (Some(first), Some(last)) => first.span.cover(last.span),
        _ => Span::empty(command.span.end),
    };
    let shell = matches!(
        command.keyword.kind,
        KeywordKind::Run | KeywordKind::Cmd | KeywordKind::Entrypoint
    );
    let reference = match &command.body {
        Body::Component(call) => call.reference.as_ref().map(|reference| reference.span),
        _ => None,
    };
    placeholder_spans(source, range, shell)
        .filter(move |span| !reference.is_some_and(|reference| reference.touches(span.start)))
}

/// The placeholders in the `range` of a template's text, skipping the comment lines inside a
/// continued command. A placeholder never spans lines.
pub fn placeholder_spans(
    source: &str,
    range: Span,
    shell: bool,
) -> impl Iterator<Item = Span> + '_ {
    let mut line_start = range.start;
    range
        .text(source)
        .split_inclusive('\n')
        .flat_map(move |line| {
            let start = line_start;
            line_start += line.len();
            let comment = line.trim_start().starts_with('#');
            placeholders(line, shell)
                .filter(move |_| !comment)
                .map(move |found| Span::new(start + found.start, start + found.end))
        })
}

/// The placeholders in `value`: `<words>` and runs of four or more `*`. With `shell`, `<…>` that
/// could be redirections are left out.
pub fn placeholders(value: &str, shell: bool) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = value.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            at += 1;
            match bytes[start] {
                b'*' if bytes[start..].starts_with(b"****") => {
                    let len = bytes[start..].iter().take_while(|&&b| b == b'*').count();
                    at = start + len;
                    return Some(start..at);
                }
                b'<' => {
                    if let Some(end) = angle_placeholder(value, start, shell) {
                        at = end;
                        return Some(start..end);
                    }
                }
                _ => {}
            }
        }
        None
    })
}

/// The end of a `<words>` placeholder starting at `start`, if there is one.
fn angle_placeholder(value: &str, start: usize, shell: bool) -> Option<usize> {
    let rest = &value[start + 1..];
    let close = rest.find(['>', '<', '\n'])?;
    if !rest[close..].starts_with('>') || close == 0 || close > 80 {
        return None;
    }
    let inner = &rest[..close];
    if !inner.chars().next().is_some_and(char::is_alphabetic)
        || inner.ends_with(char::is_whitespace)
    {
        return None;
    }
    let end = start + 1 + close + 1;
    if shell {
        let before = value[..start].chars().next_back();
        let after = value[end..].chars().next();
        let inside_word = before.is_some_and(|c| {
            !c.is_whitespace() && !matches!(c, '0'..='9' | '<' | '>' | '&' | '|' | ';')
        });
        let ends_word = after.is_none_or(|c| {
            c.is_whitespace() || matches!(c, '/' | '.' | ';' | '"' | '\'' | ')' | '&' | '|')
        });
        if !ends_word || !(inner.contains(' ') || inside_word) {
            return None;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(value: &str, shell: bool) -> Vec<&str> {
        placeholders(value, shell)
            .map(|range| &value[range])
            .collect()
    }

    #[test]
    fn finds_placeholders_but_not_redirections() {
        assert_eq!(
            found("<Name of the OSS bucket>", false),
            ["<Name of the OSS bucket>"]
        );
        assert_eq!(found("key ****", false), ["****"]);
        assert_eq!(
            found("sudo bash /home/<Script file> &> /home/output.txt", true),
            ["<Script file>"]
        );
        assert_eq!(found("cd /<path>", true), ["<path>"]);
        assert_eq!(found("<username>", false), ["<username>"]);
        assert!(found("<username>", true).is_empty());
        assert!(found("sort <in.txt >out.txt", true).is_empty());
        assert!(found("cat <in.txt> out.txt", true).is_empty());
        assert!(found("a <b", false).is_empty());
    }
}
