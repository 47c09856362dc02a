use bc_lint::declare_rule;

use crate::Checker;
use crate::text::name_problem;

declare_rule! {
    /// ## What it does
    /// Checks the pipeline `name`: 2–128 characters, starting with a letter or a Chinese
    /// character, containing only letters, digits, Chinese characters, `:`, `_`, `-` and `.`, and
    /// not starting with `http://` or `https://`.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects any other name with `InvalidName.Malformed`. (The English API
    /// reference omits Chinese characters; the Chinese one allows them, and so does bclint.)
    ///
    /// ## Example
    /// ```toml
    /// name = "web base"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// name = "web-base"
    /// ```
    pub static RULE = {
        code: "BC502",
        name: "invalid-name",
        severity: Error,
        api_error: Some("InvalidName.Malformed"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(name) = &checker.manifest.name else {
        return;
    };
    if let Some(problem) = name_problem(&name.value, 2, 128, ":_-.") {
        checker
            .report(&RULE, name.span, format!("`name` {problem}"))
            .note("CreateImagePipeline rejects it with `InvalidName.Malformed`");
    }
}
