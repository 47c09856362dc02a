//! BC403 inside `commandContent`: the template rule, run over each command task's script.

pub(crate) use bc_lint::rules::curl_pipe_shell::RULE;

use crate::Checker;

pub(crate) fn check(checker: &mut Checker<'_>) {
    checker.check_scripts(bc_lint::rules::curl_pipe_shell::check);
}
