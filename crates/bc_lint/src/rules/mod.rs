//! The rules, one module each. A rule module declares `RULE` (its metadata, documented by its
//! doc comment) and `check`, and is listed once in [`RULES`].

use crate::{Checker, RuleMeta};

/// A rule's check: reads the file through the checker and reports findings.
pub type Check = fn(&mut Checker<'_>);

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every template rule with its check, in code order.
        pub static RULES: &[(&RuleMeta, Check)] = &[$((&$module::RULE, $module::check)),*];
    };
}

rules! {
    syntax_error,
    unknown_command,
    empty_command,
    restart_with_arguments,
    dangling_continuation,
    invalid_suppression,
    file_too_large,
    content_too_large,
    too_many_commands,
    invalid_component_reference,
    component_in_component,
    malformed_component_parameters,
    copy_url_with_query,
    copy_missing_destination,
    invalid_exec_form,
    invalid_env,
    invalid_label,
    deprecated_from,
    component_version_colon,
    non_uppercase_command,
    relative_workdir,
    install_without_yes,
    unquoted_env_value,
    insecure_download,
    duplicate_component,
    floating_component_version,
    hardcoded_access_key,
    secret_in_env,
    curl_pipe_shell,
}

/// Finds a rule by code (`BC201`) or name (`deprecated-from`), case-insensitively for codes.
pub fn find(code_or_name: &str) -> Option<&'static (&'static RuleMeta, Check)> {
    // Suppression comments name codes, and every lint looks each of them up: codes are found by
    // binary search (RULES is in code order, which a test keeps), names by a walk.
    let by_code = RULES.binary_search_by(|(rule, _)| {
        let (rule, wanted) = (rule.code.bytes(), code_or_name.bytes());
        rule.cmp(wanted.map(|b| b.to_ascii_uppercase()))
    });
    match by_code {
        Ok(index) => Some(&RULES[index]),
        Err(_) => RULES.iter().find(|(rule, _)| rule.name == code_or_name),
    }
}
