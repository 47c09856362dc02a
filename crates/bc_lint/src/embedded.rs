//! Template rules run over shell text kept in other files, such as the `commandContent` of a
//! YAML component's `RunShellCommand` task: one rule's check, the same findings, spans relative
//! to the text.

use bc_syntax::{FileKind, Span, parse};

use crate::checker::KeywordIndex;
use crate::rules::Check;
use crate::{Checker, Diagnostic};

/// Runs `check` (a `RUN` rule such as `install_without_yes::check`) over `shell`, a script of
/// one command per line with `\` continuations, and returns its findings with spans, labels and
/// fix edits relative to `shell`.
///
/// Each line that starts a command becomes a `RUN` command of a template; the rule reads those
/// exactly as it reads a template's, so the two can never disagree.
pub fn check_shell_text(shell: &str, check: Check) -> Vec<Diagnostic> {
    let mut template = String::with_capacity(shell.len() + 64);
    // `(template offset, shell offset, length)` of each line copied into the template.
    let mut lines: Vec<(usize, usize, usize)> = Vec::new();
    let mut shell_at = 0;
    let mut continued = false;
    for line in shell.split_inclusive('\n') {
        let content = line.trim();
        if !continued && !content.is_empty() && !content.starts_with('#') {
            template.push_str("RUN ");
        }
        lines.push((template.len(), shell_at, line.len()));
        template.push_str(line);
        shell_at += line.len();
        continued = content.ends_with('\\');
    }
    let parse = parse(&template, FileKind::Build);
    let index = KeywordIndex::new(&parse);
    let mut checker = Checker::new(&parse, &index);
    check(&mut checker);
    let to_shell = |offset: usize| {
        let line = lines
            .partition_point(|&(start, ..)| start <= offset)
            .saturating_sub(1);
        lines.get(line).map_or(0, |&(start, at, len)| {
            at + offset.saturating_sub(start).min(len)
        })
    };
    let span = |span: Span| Span::new(to_shell(span.start), to_shell(span.end));
    let mut diagnostics = checker.diagnostics;
    for diagnostic in &mut diagnostics {
        diagnostic.span = span(diagnostic.span);
        for label in &mut diagnostic.labels {
            label.span = span(label.span);
        }
        for edit in diagnostic.fixes.iter_mut().flat_map(|fix| &mut fix.edits) {
            edit.span = span(edit.span);
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::install_without_yes;

    #[test]
    fn findings_land_in_the_shell_text() {
        let shell = "set -e\n  yum install \\\n    nginx\n# yum install x\n";
        let found = check_shell_text(shell, install_without_yes::check);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(shell), "yum install");
        let insert = found[0].fixes[0].edits[0].span.start;
        assert_eq!(&shell[..insert], "set -e\n  yum install");
    }
}
