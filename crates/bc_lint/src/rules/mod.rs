//! The template rules, one module each. A rule module declares `RULE` (its metadata, documented by
//! its doc comment) and `check`, and is listed once in [`RULES`] with its code beside it.

use crate::{Checker, RuleMeta};

pub mod component_in_component;
pub mod component_version_colon;
pub mod content_too_large;
pub mod copy_missing_destination;
pub mod copy_url_with_query;
pub mod curl_pipe_shell;
pub mod dangling_continuation;
pub mod deprecated_from;
pub mod documentation_placeholder;
pub mod duplicate_component;
pub mod empty_command;
pub mod file_too_large;
pub mod floating_component_version;
pub mod hardcoded_access_key;
pub mod insecure_download;
pub mod install_without_yes;
pub mod invalid_component_reference;
pub mod invalid_env;
pub mod invalid_exec_form;
pub mod invalid_label;
pub mod invalid_suppression;
pub mod malformed_component_parameters;
pub mod non_uppercase_command;
pub mod relative_workdir;
pub mod restart_with_arguments;
pub mod secret_in_env;
pub mod syntax_error;
pub mod too_many_commands;
pub mod unknown_command;
pub mod unquoted_env_value;

/// A rule's check: reads the file through the checker and reports findings.
pub type Check = fn(&mut Checker<'_>);

/// A table row: a rule module's metadata and check.
macro_rules! entry {
    ($module:ident) => {
        (&$module::RULE, $module::check)
    };
}

/// Every template rule with its check, in code order (a test keeps it so).
pub static RULES: &[(&RuleMeta, Check)] = &[
    entry!(syntax_error),                   // BC001
    entry!(unknown_command),                // BC002
    entry!(empty_command),                  // BC003
    entry!(restart_with_arguments),         // BC004
    entry!(dangling_continuation),          // BC005
    entry!(invalid_suppression),            // BC006
    entry!(file_too_large),                 // BC007
    entry!(content_too_large),              // BC101
    entry!(too_many_commands),              // BC102
    entry!(invalid_component_reference),    // BC103
    entry!(component_in_component),         // BC104
    entry!(malformed_component_parameters), // BC105
    entry!(copy_url_with_query),            // BC106
    entry!(copy_missing_destination),       // BC107
    entry!(invalid_exec_form),              // BC108
    entry!(invalid_env),                    // BC109
    entry!(invalid_label),                  // BC110
    entry!(deprecated_from),                // BC201
    entry!(component_version_colon),        // BC202
    entry!(non_uppercase_command),          // BC301
    entry!(relative_workdir),               // BC302
    entry!(install_without_yes),            // BC303
    entry!(unquoted_env_value),             // BC304
    entry!(insecure_download),              // BC305
    entry!(duplicate_component),            // BC306
    entry!(floating_component_version),     // BC307
    entry!(documentation_placeholder),      // BC308
    entry!(hardcoded_access_key),           // BC401
    entry!(secret_in_env),                  // BC402
    entry!(curl_pipe_shell),                // BC403
];

/// Finds a rule by code (`BC201`) or name (`deprecated-from`), case-insensitively for codes.
pub fn find(code_or_name: &str) -> Option<&'static (&'static RuleMeta, Check)> {
    // Suppression comments name codes, and every lint looks each of them up: codes are found by
    // binary search (RULES is in code order), names by a walk.
    let by_code = RULES.binary_search_by(|(rule, _)| {
        let (rule, wanted) = (rule.code.bytes(), code_or_name.bytes());
        rule.cmp(wanted.map(|b| b.to_ascii_uppercase()))
    });
    match by_code {
        Ok(index) => Some(&RULES[index]),
        Err(_) => RULES.iter().find(|(rule, _)| rule.name == code_or_name),
    }
}
