//! Printing findings in every supported format: one module per format, and the modules they
//! share ([`report`], [`location`], [`frame`]). This module picks the format.

mod checkstyle;
mod frame;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod location;
mod report;
mod sarif;
mod statistics;

use std::io::{self, Write};

use bc_lint::RuleMeta;

pub use self::report::{Checked, Report};
use self::report::{Tally, summary};
use self::statistics::RuleCounts;
use crate::args::OutputFormat;

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
