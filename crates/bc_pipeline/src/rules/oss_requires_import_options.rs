use bc_lint::{Severity, declare_rule};

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that `base_image_type = "OSS"` comes with an `[import_image_options]` table. Warns
    /// when `[import_image_options]` is given for another base image type (it is ignored), and
    /// when `base_image` is set for `OSS` (the API says to leave it empty: the disk images are
    /// named in `[[import_image_options.disk_device_mappings]]`).
    ///
    /// ## Why is this bad?
    /// Without import options the service fails with `MissingParameter.ImportImageOptions`.
    /// Options that are ignored, or a `base_image` that is not used, suggest the manifest does
    /// not build what its author thinks.
    ///
    /// ## Example
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "OSS"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "OSS"
    ///
    /// [import_image_options]
    /// os_type = "linux"
    /// platform = "Aliyun"
    ///
    /// [[import_image_options.disk_device_mappings]]
    /// oss_bucket = "my-bucket"
    /// oss_object = "images/base.qcow2"
    /// ```
    pub static RULE = {
        code: "BC510",
        name: "oss-requires-import-options",
        severity: Error,
        api_error: Some("MissingParameter.ImportImageOptions"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    let Some(kind) = &m.base_image_type else {
        return;
    };
    let oss = kind.value == "OSS";
    if oss && !m.was_written("import_image_options") {
        checker.report(
            &RULE,
            kind.span,
            "`base_image_type = \"OSS\"` needs an `[import_image_options]` table",
        )
        .note("CreateImagePipeline fails with `MissingParameter.ImportImageOptions`")
        .help("add `[import_image_options]` with the OS type and platform, and at least one `[[import_image_options.disk_device_mappings]]` naming the OSS bucket and object");
    }
    if oss && let Some(image) = &m.base_image {
        checker
            .report(
                &RULE,
                image.key,
                "`base_image` is not used when `base_image_type` is `OSS`",
            )
            .severity(Severity::Warning)
            .label(kind.span, "OSS import selected here")
            .note("the disk images come from `[[import_image_options.disk_device_mappings]]`")
            .help("remove `base_image`");
    }
    if !oss
        && crate::keys::BASE_IMAGE_TYPES.contains(&kind.value.as_str())
        && let Some(options) = &m.import_image_options
    {
        checker
            .report(
                &RULE,
                options.key,
                format!(
                    "`[import_image_options]` is ignored when `base_image_type` is `{}`",
                    kind.value
                ),
            )
            .severity(Severity::Warning)
            .label(kind.span, "base image type set here")
            .help(
                "remove the table, or set `base_image_type = \"OSS\"` to import the image from OSS",
            );
    }
}
