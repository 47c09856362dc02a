//! SARIF 2.1.0, in the shape GitHub code scanning accepts: rule metadata with help URIs and
//! Markdown help, results with relative artifact URIs and regions.

use std::io::{self, Write};

use bc_lint::{Applicability, RuleMeta, Severity};
use serde_json::{Value, json};

use super::json;
use super::location::{Positions, portable_path};
use super::report::Report;

/// Writes the results of the report's files into the `results` array of the document, whose
/// beginning is written with the first result; [`finish`] writes the rest (`written` counts the
/// results so far, across batches of files). The output is exactly what pretty-printing the
/// whole document at once gives, without holding every result in memory.
pub fn write(out: &mut impl Write, report: &Report<'_>, written: &mut usize) -> io::Result<()> {
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
            if *written == 0 {
                out.write_all(skeleton(report.rules).0.as_bytes())?;
            }
            json::write_element(out, &result, *written == 0, RESULT_INDENT)?;
            *written += 1;
        }
    }
    Ok(())
}

/// Ends the document after `written` results.
pub fn finish(out: &mut impl Write, rules: &[&RuleMeta], written: usize) -> io::Result<()> {
    let (before, after) = skeleton(rules);
    if written == 0 {
        out.write_all(before.as_bytes())?;
    }
    json::end_array(out, written, &RESULT_INDENT[2..])?;
    out.write_all(after.as_bytes())?;
    writeln!(out)
}

/// How deep the results sit: the document, `runs`, the run and `results` each indent by two.
const RESULT_INDENT: &str = "        ";

/// The pretty-printed document around its `results` array: what comes before the array and
/// what comes after it. (Keys are sorted, so `results` comes before `tool` and the rules.)
fn skeleton(rules: &[&RuleMeta]) -> (String, String) {
    const MARK: &str = "\"results\": []";
    let text = serde_json::to_string_pretty(&document(rules)).expect("a JSON value serialises");
    let at = text.find(MARK).expect("the document has a results array");
    let split = at + MARK.len() - "[]".len();
    (
        text[..split].to_owned(),
        text[split + "[]".len()..].to_owned(),
    )
}

/// The SARIF document with an empty `results` array.
fn document(rules: &[&RuleMeta]) -> Value {
    let rules: Vec<Value> = rules
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
    json!({
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
            "results": [],
        }]
    })
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
