//! The YAML examples of the "Commands supported by Image Builder" page and the SDK's HelloWorld
//! component (`test_data/docs/`) lint as the documentation says they behave.

use std::fs;
use std::path::Path;

use bc_component::{Options, lint, parse};

fn codes(name: &str) -> Vec<&'static str> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/docs")
        .join(name);
    let source = fs::read_to_string(path).expect("fixture is readable");
    let diagnostics = lint(&parse(&source), &Options::default());
    insta::with_settings!({ snapshot_path => "../test_data/docs", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name.replace('.', "_"), bc_lint::describe(&source, &diagnostics));
    });
    diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn skeleton_with_an_unquoted_reference_is_a_syntax_error_and_an_unknown_action() {
    // `{{ taskName1.stdout }}` unquoted is a YAML mapping (BC600, with the help to quote it);
    // `action2` stands for an action (BC603).
    assert_eq!(codes("skeleton.yaml"), ["BC603", "BC600"]);
}

#[test]
fn skeleton_with_the_reference_quoted_has_only_the_unknown_action() {
    assert_eq!(codes("skeleton-quoted.yaml"), ["BC603"]);
}

#[test]
fn custom_parameter_examples_are_clean() {
    assert_eq!(codes("custom-parameters.yaml"), [""; 0]);
    assert_eq!(codes("custom-parameters-flow.yaml"), [""; 0]);
}

#[test]
fn oss_script_example_reports_each_placeholder_value_once() {
    // Five values hold placeholders: two bucket names, one object name, two commands.
    assert_eq!(codes("oss-script.yaml"), ["BC308"; 5]);
}

#[test]
fn sdk_hello_world_is_clean() {
    assert_eq!(codes("sdk-helloworld.yaml"), [""; 0]);
}
