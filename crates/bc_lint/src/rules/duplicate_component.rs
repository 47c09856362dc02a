use std::collections::HashMap;

use bc_syntax::{Span, excerpt};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a component referenced twice in one template: the same `ic-` id or ARN, as
    /// written, whatever the parameters.
    ///
    /// ## Why is this bad?
    /// The component runs twice, which is usually a copy-and-paste slip that lengthens the build
    /// and may fail when its steps are not idempotent. If it is deliberate (for example, the same
    /// component with different parameters), suppress the finding with
    /// `# bclint: ignore=BC306 -- reason`.
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// RUN yum install -y nginx
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// RUN yum install -y nginx
    /// ```
    pub static RULE = {
        code: "BC306",
        name: "duplicate-component",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    // By text, to the first reference: a lookup per call keeps long templates linear.
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for call in checker.component_calls() {
        let Some(reference) = &call.reference else {
            continue;
        };
        let text = checker.text(reference.span);
        if let Some(&first) = seen.get(text) {
            checker
                .report(&RULE, reference.span, format!("component `{text}` is already referenced", text = excerpt(text)))
                .label(first, "first referenced here")
                .note("the component runs twice; if that is intended (e.g. with other parameters), suppress this finding");
        } else {
            seen.insert(text, reference.span);
        }
    }
}
