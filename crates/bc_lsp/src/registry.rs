//! The rule registry as the server needs it: `bc_workspace::registry`, plus each rule's
//! documentation URL parsed once, as every published diagnostic carries one.

use std::collections::HashMap;
use std::sync::OnceLock;

use bc_lint::RuleMeta;
use tower_lsp_server::ls_types::Uri;

/// Every rule of every family, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_workspace::registry::rules().to_vec()
}

/// The rule with this code (any case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    bc_workspace::registry::find_rule(code_or_name)
}

/// The documentation URL of the rule with this exact code.
pub fn rule_url(code: &str) -> Option<Uri> {
    static URLS: OnceLock<HashMap<&'static str, Uri>> = OnceLock::new();
    URLS.get_or_init(|| {
        bc_workspace::registry::rules()
            .iter()
            .filter_map(|rule| Some((rule.code, rule.url().parse::<Uri>().ok()?)))
            .collect()
    })
    .get(code)
    .cloned()
}
