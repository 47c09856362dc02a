use bc_syntax::{FileKind, KeywordKind};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `COMPONENT` inside a Dockerfile-format image component (`*.imagecomponent`).
    ///
    /// ## Why is this bad?
    /// Components cannot call other components: CreateImageComponent rejects the content with
    /// `InvalidCommand.Component` ("Image component does not support component command").
    /// `COMPONENT` is a template command.
    ///
    /// ## Example
    /// In `nginx.imagecomponent`:
    /// ```imagecomponent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// RUN yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// Reference both components from the template:
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// COMPONENT ic-bp1nginxcomponent0001
    /// ```
    pub static RULE = {
        code: "BC104",
        name: "component-in-component",
        severity: Error,
        api_error: Some("InvalidCommand.Component"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    if checker.kind != FileKind::Component {
        return;
    }
    for command in checker.commands_of(KeywordKind::Component) {
        checker
            .report(&RULE, command.span, "`COMPONENT` is not allowed in an image component")
            .note("components cannot call other components; the service rejects this with `InvalidCommand.Component`")
            .help("reference both components from the build or test template, or copy the commands into this component");
    }
}
