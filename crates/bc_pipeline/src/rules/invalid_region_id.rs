use bc_lint::declare_rule;
use bc_syntax::excerpt;

use crate::Checker;
use crate::model::Spanned;

declare_rule! {
    /// ## What it does
    /// Checks the form of `region` and of each `to_region_ids` entry: lowercase letters, then
    /// `-`, then lowercase letters, digits and `-` (`cn-hangzhou`, `ap-southeast-1`,
    /// `cn-shanghai-finance-1`), not ending in `-`. Also warns when `to_region_ids` lists the
    /// pipeline's own region: the image is created there anyway.
    ///
    /// ## Why is this bad?
    /// A region ID of another form does not exist: the request fails with
    /// `InvalidRegionId.NotFound` (or cannot even be routed to an endpoint). Whether a
    /// well-formed ID exists is not checked: the list of regions changes.
    ///
    /// ## Example
    /// ```toml
    /// region = "Hangzhou"
    /// to_region_ids = ["cn_beijing"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// to_region_ids = ["cn-beijing"]
    /// ```
    pub static RULE = {
        code: "BC523",
        name: "invalid-region-id",
        severity: Error,
        api_error: Some("InvalidRegionId.NotFound"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if let Some(region) = &m.region {
        check_one(checker, "region", region);
    }
    if let Some(regions) = &m.to_region_ids {
        for region in &regions.value {
            check_one(checker, "to_region_ids", region);
            if let Some(own) = &m.region
                && own.value == region.value
            {
                checker.report(&RULE, region.span, format!("`{}` is the pipeline's own region", excerpt(&region.value)))
                    .severity(bc_lint::Severity::Warning)
                    .label(own.span, "region set here")
                    .note("the image is always created in the pipeline's region; `to_region_ids` lists the regions it is copied to");
            }
        }
    }
}

fn check_one(checker: &mut Checker<'_>, key: &str, region: &Spanned<String>) {
    if is_region_id(&region.value) {
        return;
    }
    let diagnostic = checker.report(
        &RULE,
        region.span,
        format!(
            "`{}` is not a region ID",
            excerpt(&region.value).escape_debug()
        ),
    );
    diagnostic.note(format!(
        "`{key}` takes IDs such as `cn-hangzhou` or `ap-southeast-1`"
    ));
    let lower = region.value.trim().to_ascii_lowercase().replace('_', "-");
    if lower != region.value && is_region_id(&lower) {
        diagnostic.help(format!("did you mean `{}`?", excerpt(&lower)));
    }
}

/// `^[a-z]{2,}-[a-z0-9-]*[a-z0-9]$`
pub(crate) fn is_region_id(id: &str) -> bool {
    let Some((prefix, rest)) = id.split_once('-') else {
        return false;
    };
    prefix.len() >= 2
        && prefix.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && !rest.ends_with('-')
        && rest
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
