use bc_lint::declare_rule;

use crate::component::checker::ComponentChecker;
use crate::text::name_problem;

declare_rule! {
    /// ## What it does
    /// Checks the component manifest's `name`: 2–128 characters, starting with a letter or a
    /// Chinese character, then letters, digits, Chinese characters, `:`, `.`, `_` or `-`, and
    /// not starting with `http://` or `https://`.
    ///
    /// ## Why is this bad?
    /// CreateImageComponent rejects any other name with `InvalidName.Malformed`, and a template
    /// calls the component by this name in its ARN.
    ///
    /// ## Example
    /// ```toml
    /// name = "harden ssh"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// name = "harden-ssh"
    /// ```
    pub static RULE = {
        code: "BC530",
        name: "invalid-component-name",
        severity: Error,
        api_error: Some("InvalidName.Malformed"),
        fix: None,
    }
}

pub fn check(checker: &mut ComponentChecker<'_>) {
    let Some(name) = &checker.manifest.name else {
        return;
    };
    if let Some(problem) = name_problem(&name.value, 2, 128, ":._-") {
        checker
            .report(&RULE, name.span, format!("`name` {problem}"))
            .note("CreateImageComponent rejects it with `InvalidName.Malformed`");
    }
}
