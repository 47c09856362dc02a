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
    RULES
        .iter()
        .find(|(rule, _)| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}
