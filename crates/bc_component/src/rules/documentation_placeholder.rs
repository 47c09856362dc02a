use std::ops::Range;

use bc_lint::declare_rule;

use crate::checker::scalars;
use crate::{Checker, Node};

declare_rule! {
    /// ## What it does
    /// Checks property values and parameter defaults for placeholders copied from
    /// documentation: `<words>` such as `<Name of the OSS bucket>`, and `****` masks. A value is
    /// reported once, at its first placeholder. In `commandContent`, where `<` and `>` are also
    /// shell redirections, only placeholders that cannot be redirections are reported: with
    /// spaces inside (`<Script file>`), or written inside a word (`/home/<path>`).
    ///
    /// ## Why is this bad?
    /// The service takes the placeholder literally: the build looks for a bucket called
    /// `<Name of the OSS bucket>` and fails after the instance has started.
    ///
    /// ## Example
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
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: OSSDownload
    ///     Properties:
    ///       bucketName: build-scripts
    ///       destinationDir: /home
    ///       objectName: setup.sh
    /// ```
    pub(crate) static RULE = {
        code: "BC308",
        name: "documentation-placeholder",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    let mut values: Vec<(&Node, bool)> = checker
        .property_scalars()
        .iter()
        .map(|&(_, property, node)| (node, property == "commandContent"))
        .collect();
    for parameter in checker.component.parameters() {
        if let Some(default) = parameter.default_value() {
            scalars(default, &mut |node| values.push((node, false)));
        }
    }
    for (node, shell) in values {
        let Some(value) = node.as_str() else { continue };
        let mut found = placeholders(value, shell);
        let Some(first) = found.next() else { continue };
        let more = found.count();
        let text = &value[first.clone()];
        let span = checker.value_span(node, first.start, first.end);
        let diagnostic = checker
            .report(
                &RULE,
                span,
                format!("`{text}` is a placeholder left from the documentation"),
            )
            .note("the service takes it literally, and the task fails when it runs")
            .help("replace it with the real value");
        if more > 0 {
            diagnostic.label(node.span, format!("this value has {more} more"));
        }
    }
}

/// The placeholders in `value`: `<words>` and runs of four or more `*`.
fn placeholders(value: &str, shell: bool) -> impl Iterator<Item = Range<usize>> + '_ {
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
        assert!(found("sort <in.txt >out.txt", true).is_empty());
        assert!(found("cat <in.txt> out.txt", true).is_empty());
        assert!(found("a <b", false).is_empty());
    }
}
