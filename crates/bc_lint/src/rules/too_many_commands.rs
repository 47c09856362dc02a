use bc_syntax::MAX_COMMANDS;

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the file holds at most 127 commands. A command continued over several lines
    /// with `\` counts once; comments and blank lines do not count.
    ///
    /// ## Why is this bad?
    /// The service rejects templates and components with more commands with
    /// `InvalidImageTemplateCommandSize.ExceededMaxNumber`.
    ///
    /// ## Example
    /// A template with 130 `RUN` lines.
    ///
    /// ## Use instead
    /// Join related shell commands into one `RUN` with `&&` and continuations, or move groups of
    /// commands into image components.
    pub static RULE = {
        code: "BC102",
        name: "too-many-commands",
        severity: Error,
        api_error: Some("InvalidImageTemplateCommandSize.ExceededMaxNumber"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(first_extra) = checker.commands().nth(MAX_COMMANDS) else {
        return;
    };
    let count = checker.commands().count();
    checker
        .report(
            &RULE,
            first_extra.keyword.span,
            format!("the file has {count} commands; the limit is {MAX_COMMANDS}"),
        )
        .note(format!(
            "this is command {}, the first past the limit",
            MAX_COMMANDS + 1
        ))
        .help("join shell commands into one `RUN` with `&&`, or move commands into components");
}
