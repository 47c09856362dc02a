//! GitLab Code Quality report (a JSON array of issues with fingerprints).

use std::io::{self, Write};

use bc_lint::Severity;
use serde_json::json;

use super::json;
use super::location::{Positions, portable_path};
use super::report::Report;

/// Writes the issues of the report's files as elements of one array, which
/// [`json::close_array`] ends after the last batch (`written` counts the elements so far).
pub fn write(out: &mut impl Write, report: &Report<'_>, written: &mut usize) -> io::Result<()> {
    for checked in report.results {
        let positions = Positions::new(&checked.source);
        let path = portable_path(&checked.path);
        for d in &checked.diagnostics {
            let (start, end) = (positions.at(d.span.start), positions.at(d.span.end));
            let issue = json!({
                "type": "issue",
                "check_name": d.code,
                "description": format!("{} {}: {}", d.code, d.name, d.message),
                "categories": ["Bug Risk"],
                "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor", Severity::Info => "info" },
                "fingerprint": fingerprint(&[&path, d.code, &d.message, &checked.source[d.span.range()]]),
                "location": { "path": path, "positions": {
                    "begin": { "line": start.line, "column": start.column },
                    "end": { "line": end.line, "column": end.column },
                }},
            });
            json::write_element(out, &issue, *written == 0, "  ")?;
            *written += 1;
        }
    }
    Ok(())
}

/// A stable fingerprint (FNV-1a, 64 bit, hex) that survives unrelated edits above the finding,
/// because it hashes the flagged text rather than its line number.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
