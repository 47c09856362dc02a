//! Printing findings in every supported format.

mod checkstyle;
mod frame;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Write as _;
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

/// Whether `format` can be written file after file, keeping nothing of the files already
/// written but counts, so `check` can print each batch of files as soon as it is checked. Every
/// format can but JUnit, which counts test cases and failures at the top of the document.
pub fn streams(format: OutputFormat) -> bool {
    !matches!(format, OutputFormat::Junit)
}

/// Writes the report in `format` (or its statistics).
pub fn write(out: &mut impl Write, format: OutputFormat, report: &Report<'_>) -> io::Result<()> {
    if streams(format) || report.statistics {
        let mut stream = Stream::new(format, report.fix_mode, report.statistics);
        stream.write(out, report)?;
        return stream.finish(out, report.rules);
    }
    junit::write(out, report)
}

/// A report in a streaming format, written batch of files by batch of files; what comes after
/// the last (a summary line, the end of a JSON array) is written by [`Stream::finish`]. With
/// `--statistics` only the per-rule counts are kept, and written at the end.
pub struct Stream {
    format: OutputFormat,
    fix_mode: bool,
    tally: Tally,
    findings: usize,
    /// Whether the document's beginning is written (checkstyle).
    started: bool,
    statistics: Option<RuleCounts>,
}

impl Stream {
    /// A stream in `format` (one of [`streams`]), or of statistics; `fix_mode` as in [`Report`].
    pub fn new(format: OutputFormat, fix_mode: bool, statistics: bool) -> Stream {
        Stream {
            format,
            fix_mode,
            tally: Tally::default(),
            findings: 0,
            started: false,
            statistics: statistics.then(RuleCounts::default),
        }
    }

    /// Writes the findings of the report's files.
    pub fn write(&mut self, out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
        self.tally.add(Tally::of(report.results));
        if let Some(counts) = &mut self.statistics {
            counts.add(report);
            return Ok(());
        }
        match self.format {
            OutputFormat::Full => full::write(out, report, full::Style::Full),
            OutputFormat::Concise => full::write(out, report, full::Style::Concise),
            OutputFormat::Json => json::write(out, report, false, &mut self.findings),
            OutputFormat::JsonLines => json::write(out, report, true, &mut self.findings),
            OutputFormat::Github => github::write(out, report),
            OutputFormat::Sarif => sarif::write(out, report, &mut self.findings),
            OutputFormat::Gitlab => gitlab::write(out, report, &mut self.findings),
            OutputFormat::Checkstyle => checkstyle::write(out, report, &mut self.started),
            other => unreachable!("{other:?} is not a streaming format"),
        }
    }

    /// Writes what follows the last file (`rules` as in [`Report`]).
    pub fn finish(self, out: &mut impl Write, rules: &[&'static RuleMeta]) -> io::Result<()> {
        if let Some(counts) = self.statistics {
            return counts.write(out, &self.tally, self.fix_mode);
        }
        match self.format {
            OutputFormat::Full | OutputFormat::Concise => {
                writeln!(out, "{}", summary(&self.tally, self.fix_mode))
            }
            OutputFormat::Json | OutputFormat::Gitlab => json::close_array(out, self.findings),
            OutputFormat::Sarif => sarif::finish(out, rules, self.findings),
            OutputFormat::Checkstyle => checkstyle::finish(out, self.started),
            _ => Ok(()),
        }
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

/// 1-based line and column (in characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets of one file to positions.
pub struct Positions<'a> {
    source: &'a str,
    index: LineIndex,
    /// The offset asked for last and its position. Findings come in order, so the next column
    /// is counted from there: counted from the line's start, the columns of the findings on one
    /// long line cost time in the square of its length.
    last: Cell<(usize, Position)>,
}

impl<'a> Positions<'a> {
    pub fn new(source: &'a str) -> Positions<'a> {
        Positions {
            source,
            index: LineIndex::new(source),
            last: Cell::new((0, Position { line: 1, column: 1 })),
        }
    }

    pub fn at(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let lc = self.index.line_col(offset);
        let line_start = offset - lc.col as usize;
        let line = lc.line as usize + 1;
        let (last_offset, last) = self.last.get();
        let chars = |from: usize, to: usize| self.source[from..to].chars().count();
        let column = if last.line != line || offset - line_start <= offset.abs_diff(last_offset) {
            1 + chars(line_start, offset)
        } else if last_offset <= offset {
            last.column + chars(last_offset, offset)
        } else {
            last.column - chars(offset, last_offset)
        };
        let position = Position { line, column };
        self.last.set((offset, position));
        position
    }

    /// The line index of the file.
    pub fn index(&self) -> &LineIndex {
        &self.index
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

/// Findings per rule for `--statistics`: code, name, count, and whether any has a safe fix.
#[derive(Default)]
struct RuleCounts(Vec<(&'static str, &'static str, usize, bool)>);

impl RuleCounts {
    fn add(&mut self, report: &Report<'_>) {
        for (_, diagnostic) in report.findings() {
            let fixable = diagnostic.safe_fix().is_some();
            match self
                .0
                .iter_mut()
                .find(|(code, ..)| *code == diagnostic.code)
            {
                Some(entry) => {
                    entry.2 += 1;
                    entry.3 |= fixable;
                }
                None => self.0.push((diagnostic.code, diagnostic.name, 1, fixable)),
            }
        }
    }

    /// The table, most frequent first, then the summary line.
    fn write(mut self, out: &mut impl Write, tally: &Tally, fix_mode: bool) -> io::Result<()> {
        self.0.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        for (code, name, count, fixable) in &self.0 {
            writeln!(
                out,
                "{count:>5}  {code}  {name}{}",
                if *fixable { "  [*] fixable" } else { "" }
            )?;
        }
        writeln!(out, "{}", summary(tally, fix_mode))
    }
}

/// `text` safe to print on a terminal or into a CI log: each control character but the tab
/// (C0, DEL and C1, among them ESC and BEL, which start and end the sequences that move the
/// cursor, set the window title or make links) is written as a Rust escape such as `\u{1b}`.
/// Templates and file names are written by whoever opened the pull request.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        escape_control(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` to `out`, escaped as [`escape_controls`] does.
fn escape_control(out: &mut String, c: char) {
    if is_escaped(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\t'
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
