//! The one rule registry (template rules from bc_lint, manifest rules from bc_pipeline), as the
//! server needs it: by code, and all of them for completion and settings.

use bc_lint::RuleMeta;

/// Every rule, template and manifest, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_pipeline::all_rules()
}

/// The rule with this code (case-insensitive) or name.
pub fn find_rule(code: &str) -> Option<&'static RuleMeta> {
    bc_pipeline::find_rule(code)
}
