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

/// A table row: a rule module's metadata and check.
macro_rules! entry {
    ($module:ident) => {
        (&$module::RULE, $module::check)
    };
}

/// Every component rule with its check, in code order.
pub static RULES: &[(&RuleMeta, Check)] = &[
    entry!(content_too_large),             // BC101
    entry!(install_without_yes),           // BC303
    entry!(insecure_download),             // BC305
    entry!(documentation_placeholder),     // BC308
    entry!(hardcoded_access_key),          // BC401
    entry!(curl_pipe_shell),               // BC403
    entry!(yaml_syntax_error),             // BC600
    entry!(missing_tasks),                 // BC601
    entry!(invalid_task_name),             // BC602
    entry!(unknown_action),                // BC603
    entry!(unknown_property),              // BC604
    entry!(missing_property),              // BC605
    entry!(invalid_property_type),         // BC606
    entry!(invalid_parameter_declaration), // BC607
    entry!(undefined_reference),           // BC608
    entry!(unused_parameter),              // BC609
    entry!(unknown_top_level_key),         // BC610
    entry!(action_system_mismatch),        // BC611
];
