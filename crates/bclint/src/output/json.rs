//! `json` (an array) and `json-lines` (one object per line).

use std::io::{self, Write};

use bc_lint::{Applicability, Diagnostic};
use serde_json::{Value, json};

use super::{Positions, Report, portable_path};

pub fn write(out: &mut impl Write, report: &Report<'_>, lines: bool) -> io::Result<()> {
    let mut all = Vec::new();
    for checked in report.results {
        let positions = Positions::new(&checked.source);
        let path = portable_path(&checked.path);
        for diagnostic in &checked.diagnostics {
            let url = report.rule(diagnostic.code).map(|rule| rule.url());
            let value = finding(&path, &positions, diagnostic, url);
            if lines {
                writeln!(out, "{value}")?;
            } else {
                all.push(value);
            }
        }
    }
    if !lines {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
    }
    Ok(())
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
