use bc_lint::declare_rule;
use bc_syntax::Span;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that the parameters CreateImagePipeline requires are set: `region` (`RegionId`),
    /// `base_image_type` (`BaseImageType`) and, unless the base image is imported from OSS,
    /// `base_image` (`BaseImage`).
    ///
    /// ## Why is this bad?
    /// Without `RegionId` the request fails with `MissingParameter.RegionId`; without
    /// `BaseImageType`, with `MissingParameter.BaseImageType`. The current API reference marks
    /// `BaseImage` optional, but a pipeline of type `IMAGE` or `IMAGE_FAMILY` has nothing to build
    /// from without it (older references and the Terraform provider require it), so bclint
    /// requires it too.
    ///
    /// A key that is present but has the wrong type is reported by BC500 only.
    ///
    /// ## Example
    /// ```toml
    /// base_image_type = "IMAGE"
    /// build = "build.buildcontent"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    /// build = "build.buildcontent"
    /// ```
    pub static RULE = {
        code: "BC501",
        name: "missing-required-parameter",
        severity: Error,
        api_error: Some("MissingParameter.RegionId, MissingParameter.BaseImageType"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if !m.was_written("region") {
        checker
            .report(&RULE, Span::empty(0), "`region` is required")
            .note("CreateImagePipeline fails with `MissingParameter.RegionId` without it")
            .help("add `region = \"cn-hangzhou\"` (the region to build in) at the top");
    }
    if !m.was_written("base_image_type") {
        checker
            .report(&RULE, Span::empty(0), "`base_image_type` is required")
            .note("CreateImagePipeline fails with `MissingParameter.BaseImageType` without it")
            .help("add `base_image_type = \"IMAGE\"` and `base_image = \"<image ID>\"`");
    }
    if let Some(kind) = &m.base_image_type
        && matches!(kind.value.as_str(), "IMAGE" | "IMAGE_FAMILY")
        && !m.was_written("base_image")
    {
        let what = if kind.value == "IMAGE" {
            "an image ID such as `m-bp1234567890abcdef`"
        } else {
            "an image family name"
        };
        checker
            .report(
                &RULE,
                kind.span,
                format!(
                    "`base_image` is required when `base_image_type` is `{}`",
                    kind.value
                ),
            )
            .help(format!("add `base_image` with {what}"))
            .note("the pipeline has no image to build from");
    }
}
