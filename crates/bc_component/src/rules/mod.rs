//! The rules, one module each. A rule module has `RULE` (its metadata: declared with its doc
//! comment, or the template rule's own when a template rule applies inside components too) and
//! `check`, and is listed once in [`RULES`].

use bc_lint::RuleMeta;

use crate::Checker;

mod action_system_mismatch;
mod content_too_large;
mod curl_pipe_shell;
mod documentation_placeholder;
mod hardcoded_access_key;
mod insecure_download;
mod install_without_yes;
mod invalid_parameter_declaration;
mod invalid_property_type;
mod invalid_task_name;
mod missing_property;
mod missing_tasks;
mod undefined_reference;
mod unknown_action;
mod unknown_property;
mod unknown_top_level_key;
mod unused_parameter;
mod yaml_syntax_error;

/// A rule's check: reads the component through the checker and reports findings.
pub type Check = fn(&mut Checker<'_>);

/// Every component rule with its check, in code order.
pub static RULES: &[(&RuleMeta, Check)] = &[
    (&content_too_large::RULE, content_too_large::check), // BC101
    (&install_without_yes::RULE, install_without_yes::check), // BC303
    (&insecure_download::RULE, insecure_download::check), // BC305
    (
        &documentation_placeholder::RULE,
        documentation_placeholder::check,
    ), // BC308
    (&hardcoded_access_key::RULE, hardcoded_access_key::check), // BC401
    (&curl_pipe_shell::RULE, curl_pipe_shell::check),     // BC403
    (&yaml_syntax_error::RULE, yaml_syntax_error::check), // BC600
    (&missing_tasks::RULE, missing_tasks::check),         // BC601
    (&invalid_task_name::RULE, invalid_task_name::check), // BC602
    (&unknown_action::RULE, unknown_action::check),       // BC603
    (&unknown_property::RULE, unknown_property::check),   // BC604
    (&missing_property::RULE, missing_property::check),   // BC605
    (&invalid_property_type::RULE, invalid_property_type::check), // BC606
    (
        &invalid_parameter_declaration::RULE,
        invalid_parameter_declaration::check,
    ), // BC607
    (&undefined_reference::RULE, undefined_reference::check), // BC608
    (&unused_parameter::RULE, unused_parameter::check),   // BC609
    (&unknown_top_level_key::RULE, unknown_top_level_key::check), // BC610
    (&action_system_mismatch::RULE, action_system_mismatch::check), // BC611
];

/// Finds a rule by code (`BC603`, any case) or name (`unknown-action`).
pub fn find(code_or_name: &str) -> Option<&'static (&'static RuleMeta, Check)> {
    RULES
        .iter()
        .find(|(rule, _)| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// Runs a template `RUN` rule over every `commandContent` and reports its findings in the
/// component: at their exact place where the value maps onto the source, else on the whole value
/// (without fixes, which could not be placed).
fn check_commands(checker: &mut Checker<'_>, check: bc_lint::rules::Check) {
    for script in checker.scripts().iter() {
        let mut found = script.shell.check(check);
        for diagnostic in &mut found {
            match &script.map {
                Some(map) => {
                    diagnostic.span = map.span(diagnostic.span.start, diagnostic.span.end);
                    for label in &mut diagnostic.labels {
                        label.span = map.span(label.span.start, label.span.end);
                    }
                    for edit in diagnostic.fixes.iter_mut().flat_map(|fix| &mut fix.edits) {
                        edit.span = map.span(edit.span.start, edit.span.end);
                    }
                }
                None => {
                    diagnostic.span = script.node.span;
                    diagnostic.labels.clear();
                    diagnostic.fixes.clear();
                }
            }
        }
        checker.extend(found);
    }
}
