//! The one rule registry (template rules from bc_lint, manifest rules from bc_pipeline), as the
//! server needs it: by code (cached, as every published diagnostic looks its rule up), and all of
//! them for completion and settings.

use std::collections::HashMap;
use std::sync::OnceLock;

use bc_lint::RuleMeta;
use tower_lsp_server::ls_types::Uri;

/// Every rule, template and manifest, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_pipeline::all_rules()
}

struct Entry {
    rule: &'static RuleMeta,
    url: Option<Uri>,
}

fn by_code() -> &'static HashMap<&'static str, Entry> {
    static TABLE: OnceLock<HashMap<&'static str, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        all_rules()
            .into_iter()
            .map(|rule| {
                let url = rule.url().parse::<Uri>().ok();
                (rule.code, Entry { rule, url })
            })
            .collect()
    })
}

/// The rule with this code (case-insensitive) or name.
pub fn find_rule(code: &str) -> Option<&'static RuleMeta> {
    match by_code().get(code) {
        Some(entry) => Some(entry.rule),
        None => bc_pipeline::find_rule(code),
    }
}

/// The documentation URL of the rule with this exact code.
pub fn rule_url(code: &str) -> Option<Uri> {
    by_code().get(code).and_then(|entry| entry.url.clone())
}
