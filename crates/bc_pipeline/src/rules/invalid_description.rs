use bc_lint::declare_rule;

use crate::Checker;
use crate::text::description_problem;

declare_rule! {
    /// ## What it does
    /// Checks the pipeline `description`: 2–256 characters, not starting with `http://` or
    /// `https://`.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects any other description with `InvalidDescription.Malformed`.
    ///
    /// ## Example
    /// ```toml
    /// description = "https://wiki.example.com/web-base"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// description = "Base image for web servers, see https://wiki.example.com/web-base"
    /// ```
    pub static RULE = {
        code: "BC503",
        name: "invalid-description",
        severity: Error,
        api_error: Some("InvalidDescription.Malformed"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(description) = &checker.manifest.description else {
        return;
    };
    if let Some(problem) = description_problem(&description.value) {
        checker
            .report(&RULE, description.span, format!("`description` {problem}"))
            .note("CreateImagePipeline rejects it with `InvalidDescription.Malformed`");
    }
}
