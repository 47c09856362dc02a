//! The one rule registry every command uses: template rules and manifest rules together.

use bc_lint::RuleMeta;

/// Every rule, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_lint::rules::RULES
        .iter()
        .map(|(rule, _)| *rule)
        .collect()
}

/// Finds a rule by code (any case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    all_rules()
        .into_iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}
