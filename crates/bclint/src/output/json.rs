//! `json` (an array) and `json-lines` (one object per line).

use std::io::{self, Write};

use bc_lint::{Applicability, Diagnostic};
use serde_json::{Value, json};

use super::{Positions, Report, portable_path};

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
                write_element(out, &value, *written == 0)?;
            }
            *written += 1;
        }
    }
    Ok(())
}

/// Writes one element of a pretty-printed array, exactly as `serde_json::to_writer_pretty`
/// would inside the array: JSON text holds no raw line breaks outside its layout, so indenting
/// every line of the element's own pretty form by two spaces nests it.
fn write_element(out: &mut impl Write, value: &Value, first: bool) -> io::Result<()> {
    out.write_all(if first { b"[\n" } else { b",\n" })?;
    let text = serde_json::to_string_pretty(value)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"  ")?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Ends the array after `written` elements (`[]` when there were none), as
/// `serde_json::to_writer_pretty` and a final line break would.
pub fn close_array(out: &mut impl Write, written: usize) -> io::Result<()> {
    out.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })
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
