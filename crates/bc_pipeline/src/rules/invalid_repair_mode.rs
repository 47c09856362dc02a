use bc_lint::{Severity, declare_rule};

use crate::Checker;
use crate::keys::REPAIR_MODES;

declare_rule! {
    /// ## What it does
    /// Checks `repair_mode`: the API reference documents one value, `Standard`. The SDK's model
    /// also lists `All` and `Customized`; bclint accepts them with a warning, because they are
    /// undocumented (and `Customized` needs `RepairItem`, which the manifest does not offer).
    ///
    /// ## Why is this bad?
    /// Other values are rejected with `InvalidParameter.RepairMode`.
    ///
    /// ## Example
    /// ```toml
    /// repair_mode = "standard"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// repair_mode = "Standard"
    /// ```
    ///
    /// ## Fix safety
    /// Correcting the case of a valid value is safe.
    pub static RULE = {
        code: "BC515",
        name: "invalid-repair-mode",
        severity: Error,
        api_error: Some("InvalidParameter.RepairMode"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(mode) = &checker.manifest.repair_mode else {
        return;
    };
    if !checker.check_enum(
        &RULE,
        "repair_mode",
        mode,
        &REPAIR_MODES[..1],
        "InvalidParameter.RepairMode",
    ) && let Some(last) = checker.diagnostics.last_mut()
        && REPAIR_MODES.contains(&mode.value.as_str())
    {
        last.message = format!("`repair_mode = \"{}\"` is not documented", mode.value).into();
        last.note =
            Some("only `Standard` is documented; the SDK also lists `All` and `Customized`".into());
        last.severity(Severity::Warning);
    }
}
