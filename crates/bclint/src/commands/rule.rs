//! `bclint rule`: the documentation of a rule, or the whole catalogue.

use bc_lint::RuleMeta;
use serde_json::json;

use bc_workspace::registry::{self, Entry};

use crate::args::{RuleArgs, RuleFormat};
use crate::exit_status::ExitStatus;

pub fn run(args: &RuleArgs) -> ExitStatus {
    let entries: &[Entry] = if args.all {
        registry::entries()
    } else {
        let wanted = args.rule.as_deref().unwrap_or_default();
        match registry::find(wanted) {
            Some(entry) => std::slice::from_ref(entry),
            None => {
                eprintln!(
                    "bclint: error: no rule named `{wanted}`; `bclint rule --all` lists them"
                );
                return ExitStatus::Error;
            }
        }
    };
    match args.output_format {
        RuleFormat::Json => {
            let list: Vec<_> = entries.iter().map(rule_json).collect();
            let value = if args.all {
                json!(list)
            } else {
                list.into_iter().next().unwrap_or_default()
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&value).expect("JSON values serialize")
            );
        }
        RuleFormat::Text if args.all => {
            for Entry { rule, .. } in entries {
                println!(
                    "{}  {:<34} {:<8} {}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.summary()
                );
            }
        }
        RuleFormat::Text => {
            for Entry { rule, .. } in entries {
                print!("{}", rule_page(rule));
            }
        }
    }
    ExitStatus::Success
}

/// A rule's page: a header with its metadata, then its docs. Also written to `docs/rules/`.
pub fn rule_page(rule: &RuleMeta) -> String {
    let mut page = format!("# {} {}\n\n", rule.code, rule.name);
    page.push_str(&format!("- Default severity: {}\n", rule.severity.as_str()));
    page.push_str(&format!(
        "- Enabled by default: {}\n",
        if rule.enabled_by_default {
            "yes"
        } else {
            "no (select it to enable)"
        }
    ));
    page.push_str(&format!(
        "- Fix: {}\n",
        match rule.fix {
            bc_lint::FixAvailability::None => "none",
            bc_lint::FixAvailability::Sometimes => "sometimes",
            bc_lint::FixAvailability::Always => "always",
        }
    ));
    if let Some(api_error) = rule.api_error {
        page.push_str(&format!("- Prevents API error: `{api_error}`\n"));
    }
    page.push('\n');
    page.push_str(&rule.docs());
    page
}

fn rule_json(&Entry { rule, family }: &Entry) -> serde_json::Value {
    json!({
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.as_str(),
        "enabled_by_default": rule.enabled_by_default,
        "fix": format!("{:?}", rule.fix).to_lowercase(),
        "api_error": rule.api_error,
        "target": family.as_str(),
        "summary": rule.summary(),
        "url": rule.url(),
        "docs": rule.docs(),
    })
}
