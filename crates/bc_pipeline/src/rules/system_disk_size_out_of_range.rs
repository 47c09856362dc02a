use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that `system_disk_size` is between 20 and 500 GiB.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects other sizes with `InvalidSystemDiskSize.NotSupportedValue`.
    /// Leave the key out for the default of 40 GiB. The disk must also be at least as large as
    /// the base image, which bclint cannot check.
    ///
    /// ## Example
    /// ```toml
    /// system_disk_size = 10
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// system_disk_size = 40
    /// ```
    pub static RULE = {
        code: "BC505",
        name: "system-disk-size-out-of-range",
        severity: Error,
        api_error: Some("InvalidSystemDiskSize.NotSupportedValue"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(size) = &checker.manifest.system_disk_size else {
        return;
    };
    if !(20..=500).contains(&size.value) {
        checker
            .report(
                &RULE,
                size.span,
                format!("`system_disk_size` must be 20–500 GiB, not {}", size.value),
            )
            .note("CreateImagePipeline rejects it with `InvalidSystemDiskSize.NotSupportedValue`")
            .help("leave it out for the default of 40 GiB");
    }
}
