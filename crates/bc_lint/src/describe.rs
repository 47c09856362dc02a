//! A stable plain-text dump of findings, for snapshot tests and debugging (like
//! `bc_syntax::debug_tree` for trees).

use std::fmt::Write as _;

use bc_syntax::LineIndex;

use crate::Diagnostic;

/// One line per finding (`line:col-line:col CODE severity [name]: message`, 1-based, columns in
/// characters), then its note, help, labels, fixes and tags indented below it.
pub fn describe(source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let pos = |offset: usize| {
        let lc = index.line_col_chars(source, offset);
        format!("{}:{}", lc.line + 1, lc.col + 1)
    };
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}-{} {} {} [{}]: {}",
            pos(d.span.start),
            pos(d.span.end),
            d.code,
            d.severity.as_str(),
            d.name,
            d.message
        );
        if let Some(note) = &d.note {
            let _ = writeln!(out, "    note: {note}");
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "    help: {help}");
        }
        for label in &d.labels {
            let _ = writeln!(
                out,
                "    label {}-{}: {}",
                pos(label.span.start),
                pos(label.span.end),
                label.message
            );
        }
        for fix in &d.fixes {
            let _ = writeln!(out, "    fix ({:?}): {}", fix.applicability, fix.title);
        }
        if d.tags.deprecated || d.tags.unnecessary {
            let _ = writeln!(out, "    tags: {:?}", d.tags);
        }
    }
    out
}
