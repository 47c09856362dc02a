use std::collections::HashMap;

use bc_lint::{Severity, declare_rule};
use bc_syntax::excerpt;

use crate::Checker;

/// The most `ToRegionId.N` / `AddAccount.N` entries.
const MAX_TARGETS: usize = 20;

declare_rule! {
    /// ## What it does
    /// Checks `to_region_ids` and `add_accounts`: at most 20 entries each, account IDs positive,
    /// and no entry listed twice (a warning).
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects more than 20 regions with
    /// `InvalidToRegionIdSize.ExceededMaxNumber` and more than 20 accounts with
    /// `InvalidAddAccountSize.ExceededMaxNumber` (api.aliyun.com shows 21; the documented limit
    /// is 20, and bclint follows it). An account ID is a positive number. A duplicate entry is at
    /// best redundant; whether the service rejects it is not documented.
    ///
    /// ## Example
    /// ```toml
    /// to_region_ids = ["cn-beijing", "cn-beijing"]
    /// add_accounts = [-1]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// to_region_ids = ["cn-beijing"]
    /// add_accounts = [1234567890123456]
    /// ```
    pub static RULE = {
        code: "BC507",
        name: "too-many-targets",
        severity: Error,
        api_error: Some("InvalidToRegionIdSize.ExceededMaxNumber, InvalidAddAccountSize.ExceededMaxNumber"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if let Some(regions) = &m.to_region_ids {
        if regions.value.len() > MAX_TARGETS {
            checker
                .report(
                    &RULE,
                    regions.value[MAX_TARGETS].span,
                    format!(
                        "`to_region_ids` has {} regions; at most {MAX_TARGETS} are allowed",
                        regions.value.len()
                    ),
                )
                .note(
                    "CreateImagePipeline rejects it with `InvalidToRegionIdSize.ExceededMaxNumber`",
                )
                .help(
                    "create a second pipeline for the other regions, or copy the image afterwards",
                );
        }
        let mut seen = HashMap::new();
        for region in &regions.value {
            if let Some(&first) = seen.get(region.value.as_str()) {
                checker
                    .report(
                        &RULE,
                        region.span,
                        format!("region `{}` is listed twice", excerpt(&region.value)),
                    )
                    .severity(Severity::Warning)
                    .label(first, "first listed here");
            } else {
                seen.insert(region.value.as_str(), region.span);
            }
        }
    }
    if let Some(accounts) = &m.add_accounts {
        if accounts.value.len() > MAX_TARGETS {
            checker.report(
                &RULE,
                accounts.value[MAX_TARGETS].span,
                format!(
                    "`add_accounts` has {} accounts; at most {MAX_TARGETS} are allowed",
                    accounts.value.len()
                ),
            )
            .note("CreateImagePipeline rejects it with `InvalidAddAccountSize.ExceededMaxNumber`")
            .help(
                "share the image with the other accounts afterwards (ModifyImageSharePermission)",
            );
        }
        let mut seen = HashMap::new();
        for account in &accounts.value {
            if account.value <= 0 {
                checker
                    .report(
                        &RULE,
                        account.span,
                        format!("`{}` is not an Alibaba Cloud account ID", account.value),
                    )
                    .note("account IDs are positive numbers, e.g. 1234567890123456");
            } else if let Some(&first) = seen.get(&account.value) {
                checker
                    .report(
                        &RULE,
                        account.span,
                        format!("account `{}` is listed twice", account.value),
                    )
                    .severity(Severity::Warning)
                    .label(first, "first listed here");
            } else {
                seen.insert(account.value, account.span);
            }
        }
    }
}
