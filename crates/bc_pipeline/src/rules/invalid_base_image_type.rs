use bc_lint::{Edit, Fix, Severity, declare_rule};

use crate::Checker;
use crate::keys::BASE_IMAGE_TYPES;
use crate::text::{case_match, one_of, toml_string};

declare_rule! {
    /// ## What it does
    /// Checks that `base_image_type` is `IMAGE`, `IMAGE_FAMILY` or `OSS`, and warns when
    /// `base_image_type = "IMAGE_FAMILY"` names something that looks like an image ID (`m-…`).
    ///
    /// ## Why is this bad?
    /// Other values are rejected with `InvalidBaseImageType.NotSupportedValue`. An image ID given
    /// as a family fails later with `InvalidImage.NotFound`.
    ///
    /// ## Example
    /// ```toml
    /// base_image_type = "image"
    /// base_image = "m-bp1234567890abcdef"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    /// ```
    ///
    /// ## Fix safety
    /// Upper-casing a value that differs from a valid one only in case is safe.
    pub static RULE = {
        code: "BC504",
        name: "invalid-base-image-type",
        severity: Error,
        api_error: Some("InvalidBaseImageType.NotSupportedValue"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    let Some(kind) = &m.base_image_type else {
        return;
    };
    if !BASE_IMAGE_TYPES.contains(&kind.value.as_str()) {
        let diagnostic = checker.report(
            &RULE,
            kind.span,
            format!("`base_image_type` must be {}", one_of(BASE_IMAGE_TYPES)),
        );
        diagnostic
            .note("CreateImagePipeline rejects it with `InvalidBaseImageType.NotSupportedValue`");
        if let Some(valid) = case_match(&kind.value, BASE_IMAGE_TYPES) {
            diagnostic.fix(Fix::safe(
                format!("Replace with `{valid}`"),
                vec![Edit::replace(kind.span, toml_string(valid))],
            ));
        }
        return;
    }
    if kind.value == "IMAGE_FAMILY"
        && let Some(image) = &m.base_image
        && image.value.starts_with("m-")
    {
        checker.report(
            &RULE,
            image.span,
            "`base_image` looks like an image ID, but `base_image_type` is `IMAGE_FAMILY`",
        )
        .severity(Severity::Warning)
        .label(kind.span, "image family selected here")
        .note("the service looks for an image family of that name and fails with `InvalidImage.NotFound`")
        .help("set `base_image_type = \"IMAGE\"`, or give the family name");
    }
}
