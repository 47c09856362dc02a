//! The one rule registry every command uses: template rules and manifest rules together.

use bc_lint::RuleMeta;

/// Every rule, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_pipeline::all_rules()
}

/// Finds a rule by code (any case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    bc_pipeline::find_rule(code_or_name)
}
