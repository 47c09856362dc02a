use bc_syntax::{Arn, ComponentRef, ComponentRefKind, Span, excerpt};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the reference after `COMPONENT` is a well-formed component id
    /// (`ic-` followed by lowercase letters and digits) or a well-formed ARN
    /// `acs:ecs:<region>:<account>:imagecomponent/<name>/<major>.<minor>.<patch>`, and points at
    /// the part that is wrong: the service, the region, the account, the resource type, the
    /// component name (2–128 characters, starting with a letter or a Chinese character, then
    /// letters, digits, Chinese characters, `:`, `.`, `_` or `-`) or the version (three parts,
    /// each a number without leading zeros or `*`).
    ///
    /// It also recognises the placeholders of the documentation (`ic-bp18hy47cqavewsb****`,
    /// `<RegionId>`, `18689161186*****`) and the documentation's own typo `i-` for `ic-`.
    ///
    /// ## Why is this bad?
    /// A malformed reference can never name a component: the service rejects the template with
    /// `ImageComponent.NotFound` ("The specified image component ID is not found").
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb****
    /// COMPONENT acs:ecs:cn-hangzhou:<AliUid>:imagecomponent/nginx/1.0
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/nginx/1.0.0
    /// ```
    ///
    /// ## Fix safety
    /// Replacing `i-` with `ic-`, and lower-casing an id written in uppercase, are unsafe: they
    /// are the likely intent, but only the service knows whether the result names a component.
    pub static RULE = {
        code: "BC103",
        name: "invalid-component-reference",
        severity: Error,
        api_error: Some("ImageComponent.NotFound"),
        fix: Sometimes,
    }
}

const NOTE: &str = "a malformed reference names no component; the service rejects it with `ImageComponent.NotFound`";

pub fn check(checker: &mut Checker<'_>) {
    for call in checker.component_calls() {
        let Some(reference) = &call.reference else {
            continue;
        };
        match &reference.kind {
            ComponentRefKind::Id => check_id(checker, reference.span),
            ComponentRefKind::Arn(arn) => check_arn(checker, reference, arn),
            ComponentRefKind::Other => check_other(checker, reference.span),
        }
    }
}

fn check_id(checker: &mut Checker<'_>, span: Span) {
    let text = checker.text(span);
    let rest = &text[3..];
    if rest.is_empty() {
        checker
            .report(
                &RULE,
                span,
                "component id `ic-` has nothing after the prefix",
            )
            .note(NOTE)
            .help("copy the id (`ic-…`) from the console or `DescribeImageComponents`");
        return;
    }
    if rest.contains('*') {
        checker
            .report(
                &RULE,
                span,
                format!(
                    "component id `{text}` contains the `*` placeholder of the documentation",
                    text = excerpt(text)
                ),
            )
            .note(NOTE)
            .help("replace it with the real id from the console or `DescribeImageComponents`");
        return;
    }
    if rest
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return;
    }
    if rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let lower = text.to_ascii_lowercase();
        checker
            .report(&RULE, span, format!("component id `{text}` contains uppercase letters", text = excerpt(text)))
            .note("component ids are lowercase letters and digits after `ic-`; the service does not find this one (`ImageComponent.NotFound`)")
            .fix(Fix::unsafe_(format!("Replace with `{lower}`", lower = excerpt(&lower)), vec![Edit::replace(span, lower)]));
        return;
    }
    let bad = rest
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .unwrap_or('?');
    checker
        .report(
            &RULE,
            span,
            format!(
                "component id `{text}` contains `{bad}`",
                text = excerpt(text)
            ),
        )
        .note(NOTE)
        .help("component ids are `ic-` followed by lowercase letters and digits");
}

fn check_other(checker: &mut Checker<'_>, span: Span) {
    let text = checker.text(span);
    if let Some(rest) = text.strip_prefix("i-") {
        let fixed = format!("ic-{rest}");
        checker
            .report(&RULE, span, format!("`{text}` is not a component reference; did you mean `{fixed}`?", text = excerpt(text), fixed = excerpt(&fixed)))
            .note("`i-` is the prefix of ECS instance ids; component ids start with `ic-` (the documentation's example has this typo)")
            .fix(Fix::unsafe_("Replace `i-` with `ic-`", vec![Edit::replace(Span::new(span.start, span.start + 2), "ic-")]));
        return;
    }
    let what = if text.starts_with("ip-") {
        " (`ip-` is an image template id)"
    } else if text.starts_with("m-") {
        " (`m-` is an image id)"
    } else if text.starts_with("--") {
        " (the reference must come before the parameters)"
    } else {
        ""
    };
    checker
        .report(&RULE, span, format!("`{text}` is not a component id or ARN{what}", text = excerpt(text)))
        .note(NOTE)
        .help("reference a component by id (`ic-…`) or by ARN (`acs:ecs:<region>:<account>:imagecomponent/<name>/<version>`)");
}

fn check_arn(checker: &mut Checker<'_>, reference: &ComponentRef, arn: &Arn) {
    let Some(problem) = arn_problem(checker.source, arn) else {
        return;
    };
    let span = problem.span.unwrap_or(reference.span);
    let diagnostic = checker.report(&RULE, span, problem.message).note(NOTE);
    if let Some(help) = problem.help {
        diagnostic.help(help);
    }
}

struct Problem {
    span: Option<Span>,
    message: String,
    help: Option<&'static str>,
}

fn problem(span: Option<Span>, message: String, help: &'static str) -> Option<Problem> {
    Some(Problem {
        span,
        message,
        help: Some(help),
    })
}

/// The first thing wrong with an ARN, in reading order.
fn arn_problem(source: &str, arn: &Arn) -> Option<Problem> {
    const FORM: &str =
        "the form is `acs:ecs:<region>:<account>:imagecomponent/<name>/<major>.<minor>.<patch>`";
    let Some(service) = arn.service else {
        return problem(None, "component ARN ends after `acs:`".into(), FORM);
    };
    let text = service.text(source);
    if text != "ecs" {
        return problem(
            Some(service),
            format!(
                "component ARN has service `{text}`, expected `ecs`",
                text = excerpt(text)
            ),
            FORM,
        );
    }
    let Some(region) = arn.region else {
        return problem(None, "component ARN has no region".into(), FORM);
    };
    let text = region.text(source);
    if text.is_empty() {
        return problem(None, "component ARN has an empty region".into(), FORM);
    }
    if let Some(placeholder) = placeholder("region", text, region) {
        return Some(placeholder);
    }
    if !is_region(text) {
        return problem(
            Some(region),
            format!("`{text}` is not a region id", text = excerpt(text)),
            "region ids are lowercase letters, digits and hyphens, such as `cn-hangzhou` or `ap-southeast-1`",
        );
    }
    let Some(account) = arn.account else {
        return problem(None, "component ARN has no account".into(), FORM);
    };
    let text = account.text(source);
    if text.is_empty() {
        return problem(None, "component ARN has an empty account".into(), FORM);
    }
    if let Some(placeholder) = placeholder("account", text, account) {
        return Some(placeholder);
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return problem(
            Some(account),
            format!(
                "component ARN account `{text}` is not an account id",
                text = excerpt(text)
            ),
            "the account is the numeric Alibaba Cloud account id (AliUid) that owns the component",
        );
    }
    let Some(resource_type) = arn.resource_type else {
        return problem(None, "component ARN has no resource type".into(), FORM);
    };
    let text = resource_type.text(source);
    if text != "imagecomponent" {
        return problem(
            Some(resource_type),
            format!(
                "component ARN has resource type `{text}`, expected `imagecomponent`",
                text = excerpt(text)
            ),
            FORM,
        );
    }
    let Some(name) = arn.name else {
        return problem(
            Some(resource_type),
            "component ARN has no component name after `imagecomponent/`".into(),
            FORM,
        );
    };
    let text = name.text(source);
    if let Some(placeholder) = placeholder("component name", text, name) {
        return Some(placeholder);
    }
    if let Some(message) = name_problem(text) {
        return problem(
            Some(name),
            message,
            "names have 2 to 128 characters: a letter or Chinese character, then letters, digits, Chinese characters, `:`, `.`, `_` or `-`",
        );
    }
    let (Some(version), Some((_, separator))) = (arn.version, arn.separator) else {
        return problem(
            Some(name),
            format!(
                "component ARN has no version after `{text}`",
                text = excerpt(text)
            ),
            "append the version, e.g. `/1.0.0`, or `/1.*.*` for the latest 1.x version",
        );
    };
    let text = version.text(source);
    if text.is_empty() {
        return problem(
            Some(separator),
            "component ARN has no version after the separator".into(),
            "append the version, e.g. `1.0.0`, or `1.*.*` for the latest 1.x version",
        );
    }
    if arn.version_parts.len() != 3 {
        return problem(
            Some(version),
            format!(
                "component version `{text}` must have three parts, `<major>.<minor>.<patch>`",
                text = excerpt(text)
            ),
            "write e.g. `1.0.0`; `*` stands for the latest matching number, as in `1.0.*`",
        );
    }
    for &part in &arn.version_parts {
        let text = part.text(source);
        let message = if text.is_empty() {
            "component version has an empty part".to_owned()
        } else if text == "*" {
            continue;
        } else if !text.bytes().all(|b| b.is_ascii_digit()) {
            format!(
                "component version part `{text}` is not a number or `*`",
                text = excerpt(text)
            )
        } else if text.len() > 1 && text.starts_with('0') {
            format!(
                "component version part `{text}` has a leading zero",
                text = excerpt(text)
            )
        } else {
            continue;
        };
        return problem(
            Some(if part.is_empty() { version } else { part }),
            message,
            "each version part is a non-negative integer without leading zeros, or `*`",
        );
    }
    None
}

/// Reports documentation placeholders such as `<RegionId>` and `18689161186*****`.
fn placeholder(what: &str, text: &str, span: Span) -> Option<Problem> {
    (text.contains('*') || text.starts_with('<')).then(|| Problem {
        span: Some(span),
        message: format!(
            "component ARN {what} `{text}` is a placeholder from the documentation",
            text = excerpt(text)
        ),
        help: Some("replace it with the real value; the console shows the component's ARN"),
    })
}

/// Lowercase letters, digits and hyphens, starting with a letter, e.g. `cn-hangzhou`.
fn is_region(text: &str) -> bool {
    text.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.ends_with('-')
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fa5}').contains(&c)
}

/// `^[a-zA-Z\u4e00-\u9fa5][a-zA-Z0-9\u4e00-\u9fa5:._-]{1,127}$`, explained.
fn name_problem(text: &str) -> Option<String> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || is_chinese(first)) {
        return Some(format!(
            "component name `{text}` must start with a letter",
            text = excerpt(text)
        ));
    }
    if let Some(bad) = chars.find(|&c| {
        !(c.is_ascii_alphanumeric() || is_chinese(c) || matches!(c, ':' | '.' | '_' | '-'))
    }) {
        return Some(format!(
            "component name `{text}` contains `{bad}`, which names cannot contain",
            text = excerpt(text)
        ));
    }
    let count = text.chars().count();
    if count < 2 {
        return Some(format!(
            "component name `{text}` is too short",
            text = excerpt(text)
        ));
    }
    if count > 128 {
        return Some(format!(
            "component name has {count} characters, more than 128"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_problem("ab"), None);
        assert_eq!(name_problem("组件a"), None);
        assert_eq!(name_problem("a:b.c_d-e"), None);
        assert!(name_problem("a").is_some());
        assert!(name_problem("1a").is_some());
        assert!(name_problem("a b").is_some());
        assert!(name_problem(&"a".repeat(129)).is_some());
        assert_eq!(name_problem(&"a".repeat(128)), None);
    }

    #[test]
    fn regions() {
        assert!(is_region("cn-hangzhou") && is_region("ap-southeast-1"));
        assert!(
            !is_region("") && !is_region("CN-hangzhou") && !is_region("-cn") && !is_region("cn_x")
        );
    }
}
