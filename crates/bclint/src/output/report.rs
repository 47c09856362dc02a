//! What the output formats are given: the checked files, and the counts of the summary line.

use std::path::PathBuf;

use bc_lint::{Diagnostic, RuleMeta, Severity};

/// The outcome of checking one file.
#[derive(Debug)]
pub struct Checked {
    /// The path as the user sees it.
    pub path: PathBuf,
    /// The text the findings refer to (after fixes, if any were written).
    pub source: String,
    /// The findings that remain.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked, if it could not.
    pub error: Option<String>,
    /// How many fixes were applied (or would be, with `--diff`).
    pub fixed: usize,
    /// The diff of the fixes, for `--diff`.
    pub diff: Option<String>,
    /// The severity at which findings fail the run, from the file's settings.
    pub fail_on: Severity,
}

impl Checked {
    /// A file that could not be checked, and why.
    pub fn failed(path: PathBuf, message: String) -> Checked {
        Checked {
            path,
            source: String::new(),
            diagnostics: Vec::new(),
            error: Some(message),
            fixed: 0,
            diff: None,
            fail_on: Severity::Info,
        }
    }
}

/// Everything a format needs.
pub struct Report<'a> {
    /// The checked files, in order.
    pub results: &'a [Checked],
    /// The rule registry (for rule metadata in SARIF and statistics).
    pub rules: &'a [&'static RuleMeta],
    /// Whether to use colour (only `full` uses it).
    pub color: bool,
    /// Whether fixes were written (changes the summary).
    pub fix_mode: bool,
    /// Print per-rule counts instead of findings.
    pub statistics: bool,
}

impl Report<'_> {
    /// Every finding with its file.
    pub fn findings(&self) -> impl Iterator<Item = (&Checked, &Diagnostic)> {
        self.results
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
    }

    pub fn rule(&self, code: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|rule| rule.code == code)
    }
}

/// What the summary line counts, added up batch by batch when `check` streams.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    errors: usize,
    warnings: usize,
    infos: usize,
    files_with_findings: usize,
    fixed: usize,
    fixable: usize,
    unsafe_fixable: usize,
    failed: usize,
    files: usize,
}

impl Tally {
    /// The counts of some checked files.
    pub fn of(results: &[Checked]) -> Tally {
        let mut tally = Tally {
            files: results.len(),
            ..Tally::default()
        };
        for checked in results {
            tally.fixed += checked.fixed;
            tally.failed += usize::from(checked.error.is_some());
            tally.files_with_findings += usize::from(!checked.diagnostics.is_empty());
            for diagnostic in &checked.diagnostics {
                match diagnostic.severity {
                    Severity::Error => tally.errors += 1,
                    Severity::Warning => tally.warnings += 1,
                    Severity::Info => tally.infos += 1,
                }
                if diagnostic.safe_fix().is_some() {
                    tally.fixable += 1;
                } else if !diagnostic.fixes.is_empty() {
                    tally.unsafe_fixable += 1;
                }
            }
        }
        tally
    }

    /// Adds another batch's counts.
    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.files_with_findings += other.files_with_findings;
        self.fixed += other.fixed;
        self.fixable += other.fixable;
        self.unsafe_fixable += other.unsafe_fixable;
        self.failed += other.failed;
        self.files += other.files;
    }
}

/// The summary line: "Found 3 errors, 1 warning in 2 files; 1 fixable with --fix".
pub fn summary(tally: &Tally, fix_mode: bool) -> String {
    let mut parts = Vec::new();
    for (n, word) in [
        (tally.errors, "error"),
        (tally.warnings, "warning"),
        (tally.infos, "info"),
    ] {
        if n > 0 {
            parts.push(format!(
                "{n} {word}{}",
                if n == 1 || word == "info" { "" } else { "s" }
            ));
        }
    }
    let mut line = String::new();
    if fix_mode && tally.fixed > 0 {
        line.push_str(&format!(
            "Fixed {} finding{}. ",
            tally.fixed,
            plural(tally.fixed)
        ));
    }
    let failed = tally.failed;
    if parts.is_empty() {
        let checked = tally.files - failed;
        if failed == 0 {
            line.push_str(&format!(
                "All checks passed ({checked} file{} checked).",
                plural(checked)
            ));
        } else {
            line.push_str(&format!(
                "No findings in {checked} file{} checked; {failed} could not be checked.",
                plural(checked)
            ));
        }
        return line;
    }
    let files = tally.files_with_findings;
    line.push_str(&format!(
        "Found {} in {files} file{}",
        parts.join(", "),
        plural(files)
    ));
    if tally.fixable > 0 {
        line.push_str(&format!("; {} fixable with --fix", tally.fixable));
    }
    if tally.unsafe_fixable > 0 {
        line.push_str(&format!(
            "; {} more with --fix --unsafe-fixes",
            tally.unsafe_fixable
        ));
    }
    line.push('.');
    if failed > 0 {
        line.push_str(&format!(
            " {failed} file{} could not be checked.",
            plural(failed)
        ));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
