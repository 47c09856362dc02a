use bc_lint::declare_rule;

use crate::Checker;
use crate::keys::IMAGE_NAME_SUFFIXES;

declare_rule! {
    /// ## What it does
    /// Checks `[advanced_options]`: `image_name_suffix` may only be `disable`, which turns off the
    /// `_{ExecutionId}` suffix the service appends to `image_options.image_name`.
    ///
    /// ## Why is this bad?
    /// Any other value is rejected with `InvalidAdvancedOptions.ImageNameSuffix`. To keep the
    /// suffix, leave the key out.
    ///
    /// ## Example
    /// ```toml
    /// [advanced_options]
    /// image_name_suffix = "enable"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [advanced_options]
    /// retain_cloud_assistant = false
    /// ```
    ///
    /// ## Fix safety
    /// Lower-casing `Disable` to `disable` is safe.
    pub static RULE = {
        code: "BC512",
        name: "invalid-advanced-options",
        severity: Error,
        api_error: Some("InvalidAdvancedOptions.ImageNameSuffix"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(options) = &checker.manifest.advanced_options else {
        return;
    };
    if let Some(suffix) = &options.value.image_name_suffix
        && !checker.check_enum(
            &RULE,
            "advanced_options.image_name_suffix",
            suffix,
            IMAGE_NAME_SUFFIXES,
            "InvalidAdvancedOptions.ImageNameSuffix",
        )
        && let Some(last) = checker.diagnostics.last_mut()
    {
        last.help("leave the key out to keep the `_{ExecutionId}` suffix");
    }
}
