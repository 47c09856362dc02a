//! SARIF 2.1.0, in the shape GitHub code scanning accepts: rule metadata with help URIs and
//! Markdown help, results with relative artifact URIs and regions.

use std::io::{self, Write};

use bc_lint::{Applicability, Severity};
use serde_json::{Value, json};

use super::{Positions, Report, portable_path};

pub fn write(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.summary() },
                "helpUri": rule.url(),
                "help": { "text": rule.docs(), "markdown": rule.docs() },
                "defaultConfiguration": {
                    "level": level(rule.severity),
                    "enabled": rule.enabled_by_default,
                },
                "properties": {
                    "tags": ["image-builder"],
                    "problem.severity": match rule.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Info => "recommendation" },
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    for checked in report.results {
        let positions = Positions::new(&checked.source);
        let artifact = artifact_location(&checked.path);
        let region = |start: usize, end: usize| {
            let (s, e) = (positions.at(start), positions.at(end));
            json!({
                "startLine": s.line,
                "startColumn": s.column,
                "endLine": e.line,
                "endColumn": e.column,
                "charOffset": start,
                "charLength": end - start,
            })
        };
        for d in &checked.diagnostics {
            let index = report.rules.iter().position(|rule| rule.code == d.code);
            let mut message = d.message.to_string();
            if let Some(help) = &d.help {
                message.push_str(". Help: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(d.span.start, d.span.end),
                    }
                }],
                "relatedLocations": d.labels.iter().enumerate().map(|(i, l)| json!({
                    "id": i + 1,
                    "message": { "text": l.message },
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(l.span.start, l.span.end),
                    }
                })).collect::<Vec<_>>(),
                "fixes": d.fixes.iter().filter(|f| f.applicability == Applicability::Safe).map(|f| json!({
                    "description": { "text": f.title },
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": f.edits.iter().map(|e| json!({
                            "deletedRegion": { "charOffset": e.span.start, "charLength": e.span.len() },
                            "insertedContent": { "text": e.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                })).collect::<Vec<_>>(),
            });
            if let Some(index) = index {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "bclint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/bclint/bclint",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path is relative to the source root (`%SRCROOT%`, which GitHub resolves to the
/// repository); an absolute one becomes a `file://` URI, since a relative reference may not begin
/// with a slash.
fn artifact_location(path: &std::path::Path) -> Value {
    let portable = portable_path(path);
    if path.is_absolute() {
        json!({ "uri": format!("file://{}", uri_encode(&portable)) })
    } else {
        json!({ "uri": uri_encode(&portable), "uriBaseId": "%SRCROOT%" })
    }
}

/// Percent-encodes what may not appear in a relative URI reference (spaces, `%`, `#`, `?`, …).
fn uri_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
