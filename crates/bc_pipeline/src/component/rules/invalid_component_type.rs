use bc_lint::{Edit, Fix, declare_rule};
use bc_syntax::excerpt;

use crate::component::checker::ComponentChecker;
use crate::keys::{COMPONENT_TYPES, SYSTEM_TYPES};
use crate::text::{case_match, one_of, toml_string};

declare_rule! {
    /// ## What it does
    /// Checks the component manifest's `component_type` (`Build` or `Test`) and `system_type`
    /// (`Linux` or `Windows`).
    ///
    /// ## Why is this bad?
    /// CreateImageComponent rejects other values with `InvalidComponentType.NotSupportedValue`
    /// or `InvalidSystemType.NotSupportedValue`.
    ///
    /// ## Example
    /// ```toml
    /// component_type = "build"
    /// system_type = "Win"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// component_type = "Build"
    /// system_type = "Windows"
    /// ```
    ///
    /// ## Fix safety
    /// A value that differs only in case is replaced by the right spelling; the fix is safe.
    pub static RULE = {
        code: "BC532",
        name: "invalid-component-type",
        severity: Error,
        api_error: Some("InvalidComponentType.NotSupportedValue, InvalidSystemType.NotSupportedValue"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut ComponentChecker<'_>) {
    let m = checker.manifest;
    for (key, value, allowed, error) in [
        (
            "component_type",
            &m.component_type,
            COMPONENT_TYPES,
            "InvalidComponentType.NotSupportedValue",
        ),
        (
            "system_type",
            &m.system_type,
            SYSTEM_TYPES,
            "InvalidSystemType.NotSupportedValue",
        ),
    ] {
        let Some(value) = value else {
            continue;
        };
        if allowed.contains(&value.value.as_str()) {
            continue;
        }
        let diagnostic = checker.report(
            &RULE,
            value.span,
            format!("`{key}` must be {}", one_of(allowed)),
        );
        diagnostic.note(format!(
            "CreateImageComponent rejects `{}` with `{error}`",
            excerpt(&value.value)
        ));
        if let Some(valid) = case_match(&value.value, allowed) {
            diagnostic.fix(Fix::safe(
                format!("Replace with `{valid}`"),
                vec![Edit::replace(value.span, toml_string(valid))],
            ));
        }
    }
}
