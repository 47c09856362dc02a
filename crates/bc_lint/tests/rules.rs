//! Data-driven rule tests and registry meta tests.
//!
//! Every rule has a directory `test_data/rules/<CODE>/` holding `invalid*` files that must trigger
//! it and `valid*` files that must not. The findings (and the text after `fix`) of every fixture
//! are snapshotted, so a change in a message, span or fix shows up in review. The harness is
//! shared with the manifest rules (`test_support::rules`).

use std::path::Path;

use bc_lint::{lint, rules::RULES};
use bc_syntax::{FileKind, parse};
use test_support::rules::{
    Fixtures, Outcome, assert_codes_and_names, assert_rule_table, config_all_on, doc_problems,
};

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

#[test]
fn findings_quote_at_most_a_bounded_excerpt_of_a_long_word() {
    let long = "W".repeat(10_000);
    let lines = [
        format!("{long} x"),
        format!("ENV {long}"),
        format!("ENV {long}=v 1{long}=v"),
        format!("ENV SECRET_TOKEN={long}"),
        format!("LABEL {long}"),
        format!("COPY --{long} /a /b"),
        format!("COPY {long}"),
        format!("COMPONENT {long}"),
        format!("COMPONENT ic-{long}"),
        format!("COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/{long}/1.0.{long}"),
        format!("COMPONENT ic-abc --{long}={long} -{long} v {long}"),
        format!("WORKDIR {long}"),
        format!("CMD [{long}]"),
        format!("# bclint: ignore={long}\nRUN a"),
    ];
    let source = lines.join("\n");
    let config = test_support::rules::config_all_on(RULES.iter().map(|(rule, _)| *rule));
    let diagnostics = lint(&parse(&source, FileKind::Build), &config);
    assert!(diagnostics.len() >= lines.len(), "{diagnostics:#?}");
    for d in &diagnostics {
        let texts = [Some(&d.message), d.note.as_ref(), d.help.as_ref()]
            .into_iter()
            .flatten()
            .chain(d.labels.iter().map(|label| &label.message))
            .chain(d.fixes.iter().map(|fix| &fix.title));
        for text in texts {
            assert!(
                text.chars().count() <= 4 * bc_syntax::EXCERPT_CHARS,
                "{} quotes {} characters: {}…",
                d.code,
                text.chars().count(),
                &text[..200]
            );
        }
    }
}

#[test]
fn rule_files_are_declared_with_their_codes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    assert_rule_table(&dir, RULES.iter().map(|(rule, _)| *rule));
}
