use bc_lint::declare_rule;

use crate::Checker;
use crate::model::Spanned;

declare_rule! {
    /// ## What it does
    /// Checks the form of resource IDs: `vswitch_id` must look like `vsw-` followed by lowercase
    /// letters and digits, and `resource_group_id` like `rg-` followed by lowercase letters and
    /// digits.
    ///
    /// ## Why is this bad?
    /// IDs of another form do not exist: the request fails with `InvalidVSwitchId.NotFound` or
    /// `InvalidResourceGroup.NotFound`. A common mistake is giving the VPC ID (`vpc-…`) or the
    /// vSwitch's name. Whether a well-formed ID exists is not checked.
    ///
    /// ## Example
    /// ```toml
    /// vswitch_id = "vpc-bp1234567890abcdef"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// vswitch_id = "vsw-bp1234567890abcdef"
    /// ```
    pub static RULE = {
        code: "BC525",
        name: "invalid-resource-id",
        severity: Error,
        api_error: Some("InvalidVSwitchId.NotFound, InvalidResourceGroup.NotFound"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if let Some(id) = &m.vswitch_id {
        check_id(
            checker,
            "vswitch_id",
            "vsw-",
            "vSwitch",
            "InvalidVSwitchId.NotFound",
            id,
        );
    }
    if let Some(id) = &m.resource_group_id {
        check_id(
            checker,
            "resource_group_id",
            "rg-",
            "resource group",
            "InvalidResourceGroup.NotFound",
            id,
        );
    }
}

fn check_id(
    checker: &mut Checker<'_>,
    key: &str,
    prefix: &str,
    what: &str,
    api_error: &str,
    id: &Spanned<String>,
) {
    let ok = id.value.strip_prefix(prefix).is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if ok {
        return;
    }
    let diagnostic = checker.report(
        &RULE,
        id.span,
        format!("`{key}` must be a {what} ID (`{prefix}…`)"),
    );
    diagnostic.note(format!("the service fails with `{api_error}`"));
    if id.value.starts_with("vpc-") {
        diagnostic.help("this is a VPC ID; give the ID of a vSwitch in that VPC");
    }
}
