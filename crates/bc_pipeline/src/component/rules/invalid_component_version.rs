use bc_component::link::Version;
use bc_lint::declare_rule;
use bc_syntax::excerpt;

use crate::component::checker::ComponentChecker;

declare_rule! {
    /// ## What it does
    /// Checks the component manifest's `version`: `major.minor.patch`, each a non-negative
    /// integer.
    ///
    /// ## Why is this bad?
    /// CreateImageComponent rejects any other version with `InvalidParameter.ComponentVersion`,
    /// and templates match their ARN's version pattern against it.
    ///
    /// ## Example
    /// ```toml
    /// version = "1.2"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// version = "1.2.0"
    /// ```
    pub static RULE = {
        code: "BC531",
        name: "invalid-component-version",
        severity: Error,
        api_error: Some("InvalidParameter.ComponentVersion"),
        fix: None,
    }
}

pub fn check(checker: &mut ComponentChecker<'_>) {
    let Some(version) = &checker.manifest.version else {
        return;
    };
    if Version::parse(&version.value).is_none() {
        checker
            .report(
                &RULE,
                version.span,
                format!(
                    "`version` must be `major.minor.patch`, not `{}`",
                    excerpt(&version.value)
                ),
            )
            .note("each part is a non-negative integer, as in `1.2.0`");
    }
}
