use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that `imagepipeline.toml` is valid TOML, that every key is one the manifest knows
    /// (in the table it belongs to), and that every value has the right type: strings, integers,
    /// booleans, arrays and tables as listed in the manifest reference.
    ///
    /// ## Why is this bad?
    /// A manifest that is not valid TOML cannot be submitted at all. An unknown key, often a typo
    /// or an API spelling such as `InstanceType`, would be silently ignored, so the pipeline
    /// would be created with a default you did not choose. A value of the wrong type (`"40"`
    /// for `system_disk_size`) cannot be mapped to its CreateImagePipeline parameter.
    ///
    /// ## Example
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    /// InstanceType = "ecs.g6.large"
    /// system_disk_size = "40"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    /// instance_type = "ecs.g6.large"
    /// system_disk_size = 40
    /// ```
    ///
    /// ## Fix safety
    /// Removing the quotes around a number or boolean, or quoting a number where a string is
    /// expected, is safe: it is what the value plainly means. Renaming an unknown key to the
    /// closest known one is unsafe: the guess may be wrong, and the renamed key is then sent.
    pub static RULE = {
        code: "BC500",
        name: "manifest-syntax",
        severity: Error,
        api_error: None,
        fix: Sometimes,
    }
}

/// The findings come from [`crate::parse_manifest`]; there is nothing left to check.
pub fn check(_: &mut Checker<'_>) {}
