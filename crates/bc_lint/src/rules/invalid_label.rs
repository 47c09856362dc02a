use bc_syntax::{Body, KeywordKind, excerpt};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every word of `LABEL` is a `key="value"` pair with a non-empty key.
    ///
    /// ## Why is this bad?
    /// The only documented form is `LABEL key="value" …`. A word without `=` or with nothing
    /// before it is not metadata the service can store; how the service reacts is not
    /// documented, so the label is at best lost.
    ///
    /// ## Example
    /// ```buildcontent
    /// LABEL version="1.0" maintainer
    /// LABEL ="ops@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// LABEL version="1.0" maintainer="ops@example.com"
    /// ```
    pub static RULE = {
        code: "BC110",
        name: "invalid-label",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Label) {
        let Body::Pairs(pairs) = &command.body else {
            continue;
        };
        for pair in pairs {
            let key = checker.text(pair.key);
            if pair.value.is_none() {
                checker
                    .report(
                        &RULE,
                        pair.span,
                        format!("`{key}` is not a `key=\"value\"` pair", key = excerpt(key)),
                    )
                    .note("`LABEL` takes only `key=\"value\"` pairs")
                    .help(format!("write `{key}=\"value\"`", key = excerpt(key)));
            } else if key.is_empty() || key == "\"\"" {
                checker
                    .report(&RULE, pair.span, "label has no key before `=`")
                    .note("`LABEL` takes only `key=\"value\"` pairs")
                    .help("put the label's name before `=`");
            }
        }
    }
}
