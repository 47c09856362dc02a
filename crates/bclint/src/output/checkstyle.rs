//! Checkstyle XML, read by Jenkins' Warnings plugin, reviewdog and others.

use std::io::{self, Write};

use super::location::{Positions, portable_path};
use super::report::Report;
use crate::escape::xml_escape;

/// Writes the `<file>` elements of the report's files, after the document's beginning if
/// `started` says it is not written yet.
pub fn write(out: &mut impl Write, report: &Report<'_>, started: &mut bool) -> io::Result<()> {
    if !std::mem::replace(started, true) {
        begin(out)?;
    }
    for checked in report.results {
        if checked.diagnostics.is_empty() {
            continue;
        }
        writeln!(
            out,
            r#"  <file name="{}">"#,
            xml_escape(&portable_path(&checked.path))
        )?;
        let positions = Positions::new(&checked.source);
        for d in &checked.diagnostics {
            let at = positions.at(d.span.start);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="bclint.{}"/>"#,
                at.line,
                at.column,
                d.severity.as_str(),
                xml_escape(&d.message),
                d.code
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    Ok(())
}

/// Ends the document (beginning it first when no file was written).
pub fn finish(out: &mut impl Write, started: bool) -> io::Result<()> {
    if !started {
        begin(out)?;
    }
    writeln!(out, "</checkstyle>")
}

fn begin(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)
}
