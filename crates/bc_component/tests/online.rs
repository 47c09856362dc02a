//! The online rules' metadata: codes, names and documentation, like every other family's.

use bc_component::online::RULES;
use test_support::rules::{assert_codes_and_names, doc_problems};

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    assert_codes_and_names(RULES.iter().copied());
}

#[test]
fn every_rule_is_documented() {
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|rule| doc_problems(rule, None))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
