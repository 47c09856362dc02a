//! Data-driven parser tests.
//!
//! Every file in `test_data/ok/` must parse without syntax errors and every file in
//! `test_data/err/` must produce at least one. The printed tree and the wire form of each fixture
//! are snapshotted next to it (`<name>_<ext>.snap`; control characters in the wire form are
//! written as `\u{..}`), so a change in a span, a node or the rendered text shows up in review.
//! The wire form of every fixture is also checked for the renderer's promises: no comment lines,
//! `\n` line endings, a final newline, the same commands, and rendering it again changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use bc_syntax::{FileKind, Parse, debug_tree, parse, render};

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(name)
}

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("no fixture directory {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| !path.to_string_lossy().contains(".snap"))
        .collect();
    files.sort();
    files
}

/// Control characters other than tab and newline, written as `\u{..}` so that snapshots stay
/// readable text (the tree above already quotes them).
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The renderer's promises, checked on every fixture.
fn check_wire_form(name: &str, parsed: &Parse, wire: &str, failures: &mut Vec<String>) {
    if wire.contains('\r') {
        failures.push(format!("{name}: the wire form holds a carriage return"));
    }
    if !wire.is_empty() && !wire.ends_with('\n') {
        failures.push(format!("{name}: the wire form lacks a final newline"));
    }
    let reparsed = parse(wire, parsed.kind());
    if reparsed.comments().next().is_some()
        || reparsed
            .commands()
            .any(|command| !command.comments().is_empty())
    {
        failures.push(format!("{name}: the wire form holds a comment line"));
    }
    if render(&reparsed) != wire {
        failures.push(format!("{name}: rendering the wire form again changes it"));
    }
    let before: Vec<_> = parsed
        .commands()
        .map(|c| (c.keyword.kind, c.logical_args()))
        .collect();
    let after: Vec<_> = reparsed
        .commands()
        .map(|c| (c.keyword.kind, c.logical_args()))
        .collect();
    if before != after {
        failures.push(format!(
            "{name}: the wire form changes the commands: {before:?} -> {after:?}"
        ));
    }
}

fn run_directory(dir_name: &str, expect_errors: bool) -> usize {
    let dir = fixture_dir(dir_name);
    let files = fixtures(&dir);
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(path).expect("fixture is UTF-8");
        let Some(kind) = FileKind::from_file_name(&name) else {
            failures.push(format!("{name}: not a template extension"));
            continue;
        };
        let parsed = parse(&source, kind);
        match (expect_errors, parsed.errors().is_empty()) {
            (false, false) => failures.push(format!(
                "{dir_name}/{name}: unexpected syntax errors: {:?}",
                parsed.errors()
            )),
            (true, true) => failures.push(format!("{dir_name}/{name}: expected a syntax error")),
            _ => {}
        }
        let wire = render(&parsed);
        check_wire_form(&format!("{dir_name}/{name}"), &parsed, &wire, &mut failures);
        let snapshot = format!(
            "{}--- wire form ---\n{}",
            debug_tree(&parsed),
            escape_controls(&wire)
        );
        insta::with_settings!({
            snapshot_path => &dir,
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("{dir_name}/{name}"),
        }, {
            insta::assert_snapshot!(name.replace('.', "_"), snapshot);
        });
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
    files.len()
}

#[test]
fn ok_fixtures_parse_cleanly_and_err_fixtures_do_not() {
    let ok = run_directory("ok", false);
    let err = run_directory("err", true);
    assert!(
        ok + err >= 45,
        "expected at least 45 fixtures, found {}",
        ok + err
    );
}

/// Each kind of file is represented, so a kind-specific regression cannot hide.
#[test]
fn fixtures_cover_every_file_kind() {
    for dir in ["ok", "err"] {
        for kind in FileKind::ALL {
            assert!(
                fixtures(&fixture_dir(dir))
                    .iter()
                    .any(|path| { path.extension().is_some_and(|ext| ext == kind.extension()) }),
                "{dir}/ has no *.{} fixture",
                kind.extension()
            );
        }
    }
}
