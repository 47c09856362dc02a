use bc_lint::declare_rule;
use bc_syntax::excerpt;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks the form of `instance_type`: `ecs.` followed by a family and a size, each of
    /// lowercase letters, digits and `-` (`ecs.g6.large`, `ecs.t5-lc1m1.small`,
    /// `ecs.ebmg6.26xlarge`).
    ///
    /// ## Why is this bad?
    /// Every ECS instance type starts with `ecs.`; anything else fails with
    /// `InvalidInstanceType.NotFound` after the request is sent. Whether a well-formed type is
    /// offered in the region (and in stock) is not checked.
    ///
    /// ## Example
    /// ```toml
    /// instance_type = "g6.large"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// instance_type = "ecs.g6.large"
    /// ```
    pub static RULE = {
        code: "BC524",
        name: "invalid-instance-type",
        severity: Error,
        api_error: Some("InvalidInstanceType.NotFound"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(instance_type) = &checker.manifest.instance_type else {
        return;
    };
    let value = instance_type.value.as_str();
    let parts: Vec<&str> = value.split('.').collect();
    let well_formed = parts.len() == 3
        && parts[0] == "ecs"
        && parts[1..].iter().all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if well_formed {
        return;
    }
    let diagnostic = checker.report(
        &RULE,
        instance_type.span,
        format!(
            "`{}` is not an ECS instance type",
            excerpt(value).escape_debug()
        ),
    );
    diagnostic.note("instance types look like `ecs.g6.large`");
    if !value.starts_with("ecs.") && value.split('.').count() == 2 {
        diagnostic.help(format!("did you mean `ecs.{}`?", excerpt(value)));
    }
}
