use bc_lint::declare_rule;

use crate::Checker;
use crate::keys::IMAGE_NVME_SUPPORT;
use crate::text::{description_problem, name_problem};

declare_rule! {
    /// ## What it does
    /// Checks `[image_options]`, the attributes of the image the pipeline creates:
    ///
    /// - `image_name` (a prefix; the name becomes `{prefix}_{ExecutionId}`): 2–64 characters,
    ///   starting with a letter or Chinese character; letters, digits, Chinese characters, `:`,
    ///   `_`, `-`, `.`; not starting with `http://` or `https://`.
    /// - `image_family`: 2–128 characters, starting with a letter or Chinese character; letters,
    ///   digits, Chinese characters, `:`, `_`, `-` (no `.`); not starting with `acs:` or `aliyun`.
    /// - `description`: 2–256 characters, not starting with `http://` or `https://`.
    /// - `nvme_support`: `supported`, `unsupported` or `auto`.
    ///
    /// ## Why is this bad?
    /// The service rejects these with `InvalidImageName.Malformed`,
    /// `InvalidImageFamily.Malformed`, `InvalidImageOptions.Description` and
    /// `InvalidParameter.NvmeSupport`. The tags are checked by BC508.
    ///
    /// ## Example
    /// ```toml
    /// [image_options]
    /// image_name = "1-web"
    /// image_family = "aliyun-web"
    /// nvme_support = "yes"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [image_options]
    /// image_name = "web-1"
    /// image_family = "web"
    /// nvme_support = "supported"
    /// ```
    ///
    /// ## Fix safety
    /// Lower-casing an `nvme_support` value that differs from a valid one only in case is safe.
    pub static RULE = {
        code: "BC509",
        name: "invalid-image-options",
        severity: Error,
        api_error: Some("InvalidImageName.Malformed, InvalidImageFamily.Malformed, InvalidImageOptions.Description, InvalidParameter.NvmeSupport"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(options) = &checker.manifest.image_options else {
        return;
    };
    let options = &options.value;
    if let Some(name) = &options.image_name
        && let Some(problem) = name_problem(&name.value, 2, 64, ":_-.")
    {
        checker
            .report(
                &RULE,
                name.span,
                format!("`image_options.image_name` {problem}"),
            )
            .note("CreateImagePipeline rejects it with `InvalidImageName.Malformed`");
    }
    if let Some(family) = &options.image_family {
        let problem = if family.value.starts_with("acs:") || family.value.starts_with("aliyun") {
            Some("must not start with `acs:` or `aliyun` (reserved)".to_owned())
        } else {
            name_problem(&family.value, 2, 128, ":_-")
        };
        if let Some(problem) = problem {
            checker
                .report(
                    &RULE,
                    family.span,
                    format!("`image_options.image_family` {problem}"),
                )
                .note("CreateImagePipeline rejects it with `InvalidImageFamily.Malformed`");
        }
    }
    if let Some(description) = &options.description
        && let Some(problem) = description_problem(&description.value)
    {
        checker
            .report(
                &RULE,
                description.span,
                format!("`image_options.description` {problem}"),
            )
            .note("CreateImagePipeline rejects it with `InvalidImageOptions.Description`");
    }
    if let Some(nvme) = &options.nvme_support {
        checker.check_enum(
            &RULE,
            "image_options.nvme_support",
            nvme,
            IMAGE_NVME_SUPPORT,
            "InvalidParameter.NvmeSupport",
        );
    }
}
