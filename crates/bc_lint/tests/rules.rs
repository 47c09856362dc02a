//! Data-driven rule tests and registry meta tests.
//!
//! Every rule has a directory `test_data/rules/<CODE>/` holding `invalid*` files that must trigger
//! it and `valid*` files that must not. The findings (and the text after `fix`) of every fixture
//! are snapshotted, so a change in a message, span or fix shows up in review.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use bc_lint::{Config, Level, RuleMeta, lint, rules::RULES};
use bc_syntax::{FileKind, parse};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules")
}

/// Every rule runs, including the ones that are off by default, so each can be tested.
fn config_all_on() -> Config {
    let mut config = Config::default();
    for (rule, _) in RULES.iter().filter(|(rule, _)| !rule.enabled_by_default) {
        config
            .levels
            .insert(rule.code.to_owned(), Level::On(rule.severity));
    }
    config
}

fn fixtures(code: &str) -> Vec<PathBuf> {
    let dir = fixture_root().join(code);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "rule {code} has no fixture directory {}: {e}",
                dir.display()
            )
        })
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext != "snap"))
        .collect();
    files.sort();
    files
}

/// Rules whose check is empty because the CLI and the language server report them before
/// parsing; they need only `valid` fixtures.
const ADAPTER_ONLY_RULES: &[&str] = &["BC007"];

#[test]
fn every_rule_fires_on_invalid_and_not_on_valid_fixtures() {
    let config = config_all_on();
    let mut failures = Vec::new();
    for (rule, _) in RULES {
        let files = fixtures(rule.code);
        let (mut invalid, mut valid) = (0, 0);
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = fs::read_to_string(&path).expect("fixture is UTF-8");
            let kind = FileKind::from_file_name(&name).expect("fixture has a template extension");
            let parsed = parse(&source, kind);
            let diagnostics = lint(&parsed, &config);
            let fires = diagnostics.iter().any(|d| d.code == rule.code);
            if name.starts_with("invalid") {
                invalid += 1;
                if !fires {
                    failures.push(format!(
                        "{}/{name}: expected {} to fire",
                        rule.code, rule.code
                    ));
                }
            } else if name.starts_with("valid") {
                valid += 1;
                if fires {
                    failures.push(format!(
                        "{}/{name}: {} fired on a valid file",
                        rule.code, rule.code
                    ));
                }
            } else {
                failures.push(format!(
                    "{}/{name}: fixture names start with `valid` or `invalid`",
                    rule.code
                ));
            }
            let fixed = bc_lint::fix(&source, kind, &config, true);
            let mut snapshot = bc_lint::describe(&source, &diagnostics);
            if fixed.text != source {
                let _ = write!(
                    snapshot,
                    "--- after fix --unsafe-fixes ({} applied) ---\n{}",
                    fixed.applied, fixed.text
                );
            }
            insta::with_settings!({ snapshot_path => fixture_root().join(rule.code), prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(name.replace('.', "_"), snapshot);
            });
        }
        // Rules reported by the adapters (the CLI and the server) for input they refuse to parse
        // cannot fire on a fixture: BC007 is about files over 1 MiB, which are never parsed.
        let adapter_only = ADAPTER_ONLY_RULES.contains(&rule.code);
        if (invalid == 0 && !adapter_only) || valid == 0 {
            failures.push(format!(
                "{}: needs at least one invalid and one valid fixture",
                rule.code
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for (rule, _) in RULES {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        let digits = rule.code.strip_prefix("BC").expect("codes start with BC");
        assert!(
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
            "bad code {}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "name {} is not kebab-case",
            rule.name
        );
    }
    let mut sorted: Vec<&str> = RULES.iter().map(|(rule, _)| rule.code).collect();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        RULES.iter().map(|(rule, _)| rule.code).collect::<Vec<_>>(),
        "RULES is in code order"
    );
}

fn check_docs(rule: &RuleMeta) -> Vec<String> {
    let docs = rule.docs();
    let mut problems = Vec::new();
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        if !docs.contains(section) {
            problems.push(format!("{} lacks `{section}`", rule.code));
        }
    }
    if rule.fix != bc_lint::FixAvailability::None && !docs.contains("## Fix safety") {
        problems.push(format!("{} has fixes but no `## Fix safety`", rule.code));
    }
    if let Some(api_error) = rule.api_error {
        let first = api_error
            .split(", ")
            .next()
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        if !docs.contains(first) {
            problems.push(format!(
                "{} does not name its API error `{api_error}` in its docs",
                rule.code
            ));
        }
    }
    if rule.summary().is_empty() {
        problems.push(format!("{} has an empty summary", rule.code));
    }
    problems
}

#[test]
fn every_rule_is_documented() {
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|(rule, _)| check_docs(rule))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
