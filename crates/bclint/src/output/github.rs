//! GitHub Actions workflow commands: `::error file=…,line=…::message`. The runner prints them
//! in the job's log, so every text from the file or its name is escaped.

use std::io::{self, Write};

use bc_lint::Severity;

use super::location::{Positions, portable_path};
use super::report::Report;
use crate::escape::escape_controls;

pub fn write(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    for checked in report.results {
        let positions = Positions::new(&checked.source);
        let file = property(&escape_controls(&portable_path(&checked.path)));
        for d in &checked.diagnostics {
            let (start, end) = (positions.at(d.span.start), positions.at(d.span.end));
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = escape_controls(&d.message).into_owned();
            for extra in [&d.note, &d.help].into_iter().flatten() {
                message.push('\n');
                message.push_str(&escape_controls(extra));
            }
            writeln!(
                out,
                "::{command} title={},file={file},line={},col={},endLine={},endColumn={}::{}",
                property(&format!("{} {}", d.code, d.name)),
                start.line,
                start.column,
                end.line,
                end.column,
                data(&message)
            )?;
        }
    }
    Ok(())
}

/// Escapes a workflow-command message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
