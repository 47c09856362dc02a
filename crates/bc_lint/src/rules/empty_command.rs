use bc_syntax::KeywordKind;

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a command keyword with nothing after it, such as a bare `RUN` or `COPY`.
    ///
    /// ## Why is this bad?
    /// Every command except `RESTART` needs content; the service rejects the template with
    /// `EmptyCommandContent.<COMMAND>` ("If the RUN command exists in the template, you must
    /// specify RUN").
    ///
    /// ## Example
    /// ```buildcontent
    /// WORKDIR
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// WORKDIR /opt/app
    /// ```
    pub static RULE = {
        code: "BC003",
        name: "empty-command",
        severity: Error,
        api_error: Some("EmptyCommandContent.<COMMAND>"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands() {
        let kind = command.keyword.kind;
        if !command.args().is_empty() || matches!(kind, KeywordKind::Restart | KeywordKind::Unknown)
        {
            continue;
        }
        let name = kind.as_str();
        checker
            .report(&RULE, command.span, format!("`{name}` has no content"))
            .note(format!(
                "the service rejects it with `EmptyCommandContent.{name}`"
            ))
            .help(match kind {
                KeywordKind::Run => "give the shell command to run, or remove the line",
                KeywordKind::Copy => "give a source URL or path and a destination directory",
                KeywordKind::Component => "give a component id (`ic-…`) or ARN",
                _ => "give the command its argument, or remove the line",
            });
    }
}
