use bc_syntax::VersionSeparator;

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a component ARN that separates the version from the name with `:`
    /// (`…:imagecomponent/nginx:1.0.0`) instead of `/` (`…:imagecomponent/nginx/1.0.0`).
    ///
    /// ## Why is this bad?
    /// The documentation is inconsistent: one syntax line shows `:`, while every concrete
    /// example, in the API reference and the SDKs, uses `/`. Component names may themselves
    /// contain `:`, which makes the colon form ambiguous. The slash form is the one known to work.
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/nginx:1.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/nginx/1.0.0
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the `:` with `/` is safe: both spellings name the same component version, and
    /// the slash form is the documented one.
    pub static RULE = {
        code: "BC202",
        name: "component-version-colon",
        severity: Warning,
        api_error: None,
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for arn in checker.component_arns() {
        let Some((VersionSeparator::Colon, span)) = arn.separator else {
            continue;
        };
        checker
            .report(
                &RULE,
                span,
                "component version is separated from the name by `:`",
            )
            .note("the API examples use `/` before the version, and a name may itself contain `:`")
            .fix(Fix::safe(
                "Replace `:` with `/`",
                vec![Edit::replace(span, "/")],
            ));
    }
}
