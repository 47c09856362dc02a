//! Printing findings in every supported format.

mod checkstyle;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

use bc_lint::{Diagnostic, RuleMeta, Severity};
use bc_syntax::LineIndex;

use crate::check::Checked;
use crate::cli::OutputFormat;

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

    fn rule(&self, code: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|rule| rule.code == code)
    }
}

/// Writes the report in `format`.
pub fn write(out: &mut impl Write, format: OutputFormat, report: &Report<'_>) -> io::Result<()> {
    if report.statistics {
        return statistics(out, report);
    }
    match format {
        OutputFormat::Full => full::write(out, report, full::Style::Full),
        OutputFormat::Concise => full::write(out, report, full::Style::Concise),
        OutputFormat::Json => json::write(out, report, false),
        OutputFormat::JsonLines => json::write(out, report, true),
        OutputFormat::Sarif => sarif::write(out, report),
        OutputFormat::Github => github::write(out, report),
        OutputFormat::Gitlab => gitlab::write(out, report),
        OutputFormat::Junit => junit::write(out, report),
        OutputFormat::Checkstyle => checkstyle::write(out, report),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets of one file to positions.
pub struct Positions<'a> {
    source: &'a str,
    index: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(source: &'a str) -> Positions<'a> {
        Positions {
            source,
            index: LineIndex::new(source),
        }
    }

    pub fn at(&self, offset: usize) -> Position {
        let lc = self.index.line_col_chars(self.source, offset);
        Position {
            line: lc.line as usize + 1,
            column: lc.col as usize + 1,
        }
    }
}

/// The summary line: "Found 3 errors, 1 warning in 2 files; 1 fixable with --fix".
pub fn summary(report: &Report<'_>) -> String {
    let count = |severity: Severity| {
        report
            .findings()
            .filter(|(_, d)| d.severity == severity)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let files = report
        .results
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .count();
    let fixed: usize = report.results.iter().map(|r| r.fixed).sum();
    let fixable = report
        .findings()
        .filter(|(_, d)| d.safe_fix().is_some())
        .count();
    let unsafe_fixable = report
        .findings()
        .filter(|(_, d)| d.safe_fix().is_none() && !d.fixes.is_empty())
        .count();
    let mut parts = Vec::new();
    for (n, word) in [(errors, "error"), (warnings, "warning"), (infos, "info")] {
        if n > 0 {
            parts.push(format!(
                "{n} {word}{}",
                if n == 1 || word == "info" { "" } else { "s" }
            ));
        }
    }
    let mut line = String::new();
    if report.fix_mode && fixed > 0 {
        line.push_str(&format!("Fixed {fixed} finding{}. ", plural(fixed)));
    }
    let failed = report.results.iter().filter(|r| r.error.is_some()).count();
    if parts.is_empty() {
        let checked = report.results.len() - failed;
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
    line.push_str(&format!(
        "Found {} in {files} file{}",
        parts.join(", "),
        plural(files)
    ));
    if fixable > 0 {
        line.push_str(&format!("; {fixable} fixable with --fix"));
    }
    if unsafe_fixable > 0 {
        line.push_str(&format!(
            "; {unsafe_fixable} more with --fix --unsafe-fixes"
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

fn statistics(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    let mut counts: Vec<(&'static str, &'static str, usize, bool)> = Vec::new();
    for (_, diagnostic) in report.findings() {
        match counts
            .iter_mut()
            .find(|(code, ..)| *code == diagnostic.code)
        {
            Some(entry) => {
                entry.2 += 1;
                entry.3 |= diagnostic.safe_fix().is_some();
            }
            None => counts.push((
                diagnostic.code,
                diagnostic.name,
                1,
                diagnostic.safe_fix().is_some(),
            )),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    for (code, name, count, fixable) in &counts {
        writeln!(
            out,
            "{count:>5}  {code}  {name}{}",
            if *fixable { "  [*] fixable" } else { "" }
        )?;
    }
    writeln!(out, "{}", summary(report))
}

/// Escapes text for XML attributes and content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A path with forward slashes, as report formats expect.
pub fn portable_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}
