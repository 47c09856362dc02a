//! Template rules run over shell text kept in other files, such as the `commandContent` of a
//! YAML component's `RunShellCommand` task: one rule's check, the same findings, spans relative
//! to the text.

use bc_syntax::{FileKind, Parse, Span, parse};

use crate::checker::KeywordIndex;
use crate::rules::Check;
use crate::{Checker, Diagnostic};

/// A script of one command per line with `\` continuations, read as a template whose `RUN`
/// commands are its lines, once, for any number of `RUN` rules.
///
/// Each line that starts a command becomes a `RUN` command; the rules read those exactly as
/// they read a template's, so the two can never disagree.
pub struct ShellText {
    template: Parse,
    /// `(template offset, shell offset, length)` of each line copied into the template.
    lines: Vec<(usize, usize, usize)>,
}

impl ShellText {
    /// Reads `shell`.
    pub fn new(shell: &str) -> ShellText {
        let mut template = String::with_capacity(shell.len() + 64);
        let mut lines = Vec::new();
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
        ShellText {
            template: parse(&template, FileKind::Build),
            lines,
        }
    }

    /// Runs `check` (a `RUN` rule such as `install_without_yes::check`) and returns its findings
    /// with spans, labels and fix edits relative to the shell text.
    pub fn check(&self, check: Check) -> Vec<Diagnostic> {
        let index = KeywordIndex::new(&self.template);
        let mut checker = Checker::new(&self.template, &index);
        check(&mut checker);
        let span = |span: Span| Span::new(self.to_shell(span.start), self.to_shell(span.end));
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

    fn to_shell(&self, offset: usize) -> usize {
        let line = self
            .lines
            .partition_point(|&(start, ..)| start <= offset)
            .saturating_sub(1);
        self.lines.get(line).map_or(0, |&(start, at, len)| {
            at + offset.saturating_sub(start).min(len)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::install_without_yes;

    #[test]
    fn findings_land_in_the_shell_text() {
        let shell = "set -e\n  yum install \\\n    nginx\n# yum install x\n";
        let found = ShellText::new(shell).check(install_without_yes::check);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(shell), "yum install");
        let insert = found[0].fixes[0].edits[0].span.start;
        assert_eq!(&shell[..insert], "set -e\n  yum install");
    }
}
