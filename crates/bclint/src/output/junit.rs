//! JUnit XML: one test case per file, failing with one failure per finding.

use std::io::{self, Write};

use super::location::{Positions, portable_path};
use super::report::Report;
use crate::escape::xml_escape;

pub fn write(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    let tests = report.results.len();
    let failures = report
        .results
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .count();
    let errors = report.results.iter().filter(|r| r.error.is_some()).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="bclint" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="bclint" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    for checked in report.results {
        let path = xml_escape(&portable_path(&checked.path));
        writeln!(
            out,
            r#"    <testcase name="{path}" classname="bclint" file="{path}">"#
        )?;
        if let Some(error) = &checked.error {
            writeln!(out, r#"      <error message="{}"/>"#, xml_escape(error))?;
        }
        let positions = Positions::new(&checked.source);
        for d in &checked.diagnostics {
            let at = positions.at(d.span.start);
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{path}:{}:{}: {} {} {}</failure>"#,
                d.code,
                xml_escape(&d.message),
                at.line,
                at.column,
                d.severity.as_str(),
                d.code,
                xml_escape(&d.message)
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
