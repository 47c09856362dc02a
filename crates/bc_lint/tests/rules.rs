//! Data-driven rule tests and registry meta tests.
//!
//! Every rule has a directory `test_data/rules/<CODE>/` holding `invalid*` files that must trigger
//! it and `valid*` files that must not. The findings (and the text after `fix`) of every fixture
//! are snapshotted, so a change in a message, span or fix shows up in review. The harness is
//! shared with the manifest rules (`test_support::rules`).

use std::path::Path;

use bc_lint::{lint, rules::RULES};
use bc_syntax::{FileKind, parse};
use test_support::rules::{Fixtures, Outcome, assert_codes_and_names, config_all_on, doc_problems};

/// Rules whose check is empty because the CLI and the language server report them before
/// parsing; they need only `valid` fixtures. BC007 is about files over 1 MiB, which are never
/// parsed.
const ADAPTER_ONLY_RULES: &[&str] = &["BC007"];

#[test]
fn every_rule_fires_on_invalid_and_not_on_valid_fixtures() {
    let config = config_all_on(RULES.iter().map(|(rule, _)| *rule));
    let fixtures = Fixtures {
        root: &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules"),
        is_fixture: |path| path.extension().is_some_and(|ext| ext != "snap"),
        adapter_only: ADAPTER_ONLY_RULES,
    };
    fixtures.check(RULES.iter().map(|(rule, _)| *rule), |_, name, source| {
        let kind = FileKind::from_file_name(name).expect("fixture has a template extension");
        let fixed = bc_lint::fix(source, kind, &config, true);
        Outcome {
            diagnostics: lint(&parse(source, kind), &config),
            fixed: fixed.text,
            applied: fixed.applied,
        }
    });
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    assert_codes_and_names(RULES.iter().map(|(rule, _)| *rule));
}

#[test]
fn every_rule_is_documented() {
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|(rule, _)| doc_problems(rule, None))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
