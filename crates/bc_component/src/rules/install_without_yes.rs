//! BC303 inside `commandContent`: the template rule, run over each command task's script.

pub(crate) use bc_lint::rules::install_without_yes::RULE;

use crate::Checker;

pub(crate) fn check(checker: &mut Checker<'_>) {
    checker.check_scripts(bc_lint::rules::install_without_yes::check);
}
