use bc_syntax::excerpt;

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `*` in the version of a component ARN, such as `…/nginx/1.*.*`. Off by default.
    ///
    /// ## Why is this bad?
    /// A wildcard resolves to the latest matching version when the pipeline runs, so two runs of
    /// the same template can build different images, and a new component version can break a
    /// build nobody changed. Pinning the version makes builds reproducible and upgrades explicit.
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/nginx/1.*.*
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/nginx/1.4.2
    /// ```
    pub static RULE = {
        code: "BC307",
        name: "floating-component-version",
        severity: Info,
        enabled_by_default: false,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for arn in checker.component_arns() {
        let Some(version) = arn.version else { continue };
        if !arn
            .version_parts
            .iter()
            .any(|part| checker.text(*part) == "*")
        {
            continue;
        }
        let text = checker.text(version);
        checker
            .report(
                &RULE,
                version,
                format!(
                    "component version `{text}` floats to the latest match",
                    text = excerpt(text)
                ),
            )
            .note("each run may use another component version, so builds are not reproducible")
            .help("pin the exact version, e.g. the one the last successful build used");
    }
}
