use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that `internet_max_bandwidth_out` is between 0 and 100 Mbit/s.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects other values with
    /// `InvalidInternetMaxBandwidthOut.NotSupportedValue`. 0 (the default) means the build
    /// instance has no public Internet access; see BC522.
    ///
    /// ## Example
    /// ```toml
    /// internet_max_bandwidth_out = 200
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// internet_max_bandwidth_out = 100
    /// ```
    pub static RULE = {
        code: "BC506",
        name: "bandwidth-out-of-range",
        severity: Error,
        api_error: Some("InvalidInternetMaxBandwidthOut.NotSupportedValue"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(bandwidth) = &checker.manifest.internet_max_bandwidth_out else {
        return;
    };
    if !(0..=100).contains(&bandwidth.value) {
        checker.report(
            &RULE,
            bandwidth.span,
            format!(
                "`internet_max_bandwidth_out` must be 0–100 Mbit/s, not {}",
                bandwidth.value
            ),
        )
        .note("CreateImagePipeline rejects it with `InvalidInternetMaxBandwidthOut.NotSupportedValue`");
    }
}
