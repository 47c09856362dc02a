//! Data-driven rule tests and registry meta tests, like `bc_lint`'s.
//!
//! Every rule has a directory `test_data/rules/<CODE>/` holding `invalid*` components that must
//! trigger it and `valid*` ones that must not; findings and fixed text are snapshotted. A fixture
//! whose name contains `windows` is linted as a Windows component.

use std::path::Path;

use bc_component::rules::RULES;
use bc_component::{Options, SystemType, lint, parse};
use bc_lint::{Config, RuleMeta, fix_until_stable};
use test_support::rules::{
    Fixtures, Outcome, assert_codes_and_names, assert_rule_table, config_all_on, doc_problems,
};

fn options(name: &str) -> Options {
    Options {
        system: if name.contains("windows") {
            SystemType::Windows
        } else {
            SystemType::Linux
        },
        config: config_all_on(RULES.iter().map(|(rule, _)| *rule)),
    }
}

#[test]
fn every_rule_fires_on_invalid_and_not_on_valid_fixtures() {
    let fixtures = Fixtures {
        root: &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules"),
        is_fixture: |path| path.extension().is_some_and(|ext| ext == "yaml"),
        adapter_only: &[],
    };
    fixtures.check(RULES.iter().map(|(rule, _)| *rule), |_, name, source| {
        let options = options(name);
        let fixed = fix_until_stable(source, true, |text| lint(&parse(text), &options));
        Outcome {
            diagnostics: lint(&parse(source), &options),
            fixed: fixed.text,
            applied: fixed.applied,
        }
    });
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    assert_codes_and_names(RULES.iter().map(|(rule, _)| *rule));
}

/// Whether the rule is the component's own rather than a template rule it reuses.
fn is_own(rule: &RuleMeta) -> bool {
    bc_lint::rules::find(rule.code).is_none()
}

/// The component's own rules are documented with YAML examples; the template rules reused
/// inside components keep their template documentation.
#[test]
fn every_rule_is_documented() {
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|(rule, _)| {
            let language = is_own(rule).then_some("yaml");
            doc_problems(rule, language)
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each component rule's "Example" must trigger it and its "Use instead" must not.
#[test]
fn doc_examples_behave_as_documented() {
    let options = Options {
        config: Config::default(),
        ..Options::default()
    };
    let mut failures = Vec::new();
    for (rule, _) in RULES.iter().filter(|(rule, _)| is_own(rule)) {
        let docs = rule.docs();
        let section = |title: &str| -> Option<String> {
            let rest = docs.split_once(title)?.1.split("\n## ").next()?;
            Some(
                rest.split_once("```yaml\n")?
                    .1
                    .split_once("```")?
                    .0
                    .to_owned(),
            )
        };
        for (title, should_fire) in [("## Example", true), ("## Use instead", false)] {
            let Some(block) = section(title) else {
                failures.push(format!("{} `{title}` has no yaml block", rule.code));
                continue;
            };
            let diagnostics = lint(&parse(&block), &options);
            let fires = diagnostics.iter().any(|d| d.code == rule.code);
            if fires != should_fire {
                failures.push(format!("{} `{title}`: fires = {fires}\n{block}", rule.code));
            }
            if !should_fire && !diagnostics.is_empty() {
                let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
                failures.push(format!("{} `{title}` is not clean: {codes:?}", rule.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_files_are_declared_with_their_codes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    assert_rule_table(&dir, RULES.iter().map(|(rule, _)| *rule));
}
