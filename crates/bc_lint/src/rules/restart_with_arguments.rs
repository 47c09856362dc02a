use bc_syntax::{KeywordKind, Span};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for text after `RESTART`.
    ///
    /// ## Why is this bad?
    /// `RESTART` restarts the intermediate instance and takes no arguments; the service rejects
    /// anything after it with `NotEmptyCommandContent.RESTART`.
    ///
    /// ## Example
    /// ```buildcontent
    /// RESTART now
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RESTART
    /// ```
    ///
    /// ## Fix safety
    /// Removing the arguments is unsafe: they may have been meant as a separate command.
    pub static RULE = {
        code: "BC004",
        name: "restart-with-arguments",
        severity: Error,
        api_error: Some("NotEmptyCommandContent.RESTART"),
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Restart) {
        let Some(args) = command.arg_span() else {
            continue;
        };
        checker
            .report(&RULE, args, "`RESTART` takes no arguments")
            .note("the service rejects it with `NotEmptyCommandContent.RESTART`")
            .fix(Fix::unsafe_(
                "Remove the arguments",
                vec![Edit::delete(Span::new(
                    command.keyword.span.end,
                    command.span.end,
                ))],
            ));
    }
}
