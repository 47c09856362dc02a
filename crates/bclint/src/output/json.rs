//! `json` (an array) and `json-lines` (one object per line).

use std::io::{self, Write};

use bc_lint::{Applicability, Diagnostic};
use serde_json::{Value, json};

use super::location::{Positions, portable_path};
use super::report::Report;

/// Writes the findings of the report's files: one object per line, or as elements of the array
/// [`open_array`] began (`written` counts the elements so far, across batches of files).
pub fn write(
    out: &mut impl Write,
    report: &Report<'_>,
    lines: bool,
    written: &mut usize,
) -> io::Result<()> {
    for checked in report.results {
        let positions = Positions::new(&checked.source);
        let path = portable_path(&checked.path);
        for diagnostic in &checked.diagnostics {
            let url = report.rule(diagnostic.code).map(|rule| rule.url());
            let value = finding(&path, &positions, diagnostic, url);
            if lines {
                writeln!(out, "{value}")?;
            } else {
                write_element(out, &value, *written == 0, "  ")?;
            }
            *written += 1;
        }
    }
    Ok(())
}

/// Writes one element of a pretty-printed array whose elements are indented by `indent`,
/// exactly as `serde_json::to_writer_pretty` would inside the array: JSON text holds no raw line
/// breaks outside its layout, so indenting every line of the element's own pretty form nests it.
pub fn write_element(
    out: &mut impl Write,
    value: &Value,
    first: bool,
    indent: &str,
) -> io::Result<()> {
    out.write_all(if first { b"[\n" } else { b",\n" })?;
    let text = serde_json::to_string_pretty(value)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(indent.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Ends an array after `written` elements (`[]` when there were none), as
/// `serde_json::to_writer_pretty` would; `outer` is the indentation of the line the array
/// started on.
pub fn end_array(out: &mut impl Write, written: usize, outer: &str) -> io::Result<()> {
    if written == 0 {
        out.write_all(b"[]")
    } else {
        write!(out, "\n{outer}]")
    }
}

/// Ends the top-level array after `written` elements, and the output with a line break.
pub fn close_array(out: &mut impl Write, written: usize) -> io::Result<()> {
    end_array(out, written, "")?;
    writeln!(out)
}

fn finding(path: &str, positions: &Positions<'_>, d: &Diagnostic, url: Option<String>) -> Value {
    let location = |start: usize, end: usize| {
        let (s, e) = (positions.at(start), positions.at(end));
        json!({
            "start": { "line": s.line, "column": s.column, "offset": start },
            "end": { "line": e.line, "column": e.column, "offset": end },
        })
    };
    json!({
        "path": path,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "note": d.note,
        "help": d.help,
        "url": url,
        "location": location(d.span.start, d.span.end),
        "labels": d.labels.iter().map(|l| json!({
            "message": l.message,
            "location": location(l.span.start, l.span.end),
        })).collect::<Vec<_>>(),
        "fixes": d.fixes.iter().map(|f| json!({
            "title": f.title,
            "applicability": match f.applicability { Applicability::Safe => "safe", Applicability::Unsafe => "unsafe" },
            "edits": f.edits.iter().map(|e| json!({
                "location": location(e.span.start, e.span.end),
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "tags": {
            "deprecated": d.tags.deprecated,
            "unnecessary": d.tags.unnecessary,
        },
    })
}
