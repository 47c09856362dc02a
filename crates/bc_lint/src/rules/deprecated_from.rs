use bc_syntax::{FileKind, KeywordKind};

use crate::{Checker, Fix, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `FROM`. In a template it is deprecated: the service ignores it and builds from
    /// the pipeline's `BaseImageType` and `BaseImage`. A second `FROM`, or a `FROM` that is not the
    /// first command, is an error, and so is any `FROM` in an image component.
    ///
    /// ## Why is this bad?
    /// A `FROM` suggests a base image the build will not use. Older versions of the service let it
    /// override the base image; today it is ignored, and the service still rejects duplicates
    /// (`DuplicatedCommand.FROM`), a misplaced one (`InvalidCommandOrder.FROM`), malformed ones
    /// (`InvalidCommandContent.FROM`) and any in a component (`NotSupportedCommand.FROM`).
    ///
    /// ## Example
    /// ```buildcontent
    /// FROM IMAGE:m-bp67acfmxazb4p****
    /// RUN yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN yum install -y nginx
    /// ```
    /// and set `base_image_type = "IMAGE"` and `base_image = "m-bp67acfmxazb4p****"` in
    /// `imagepipeline.toml`.
    ///
    /// ## Fix safety
    /// Deleting a `FROM` from a template is safe: the service ignores it, so the build is the same.
    pub static RULE = {
        code: "BC201",
        name: "deprecated-from",
        severity: Warning,
        api_error: Some("DuplicatedCommand.FROM, InvalidCommandOrder.FROM, NotSupportedCommand.FROM"),
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let mut first_from = None;
    let first_command = checker.commands().next().map(|command| command.span);
    for command in checker.commands_of(KeywordKind::From) {
        let delete = Fix::safe(
            "Delete the `FROM` line",
            vec![checker.delete_command(command)],
        );
        if checker.kind == FileKind::Component {
            checker
                .report(
                    &RULE,
                    command.span,
                    "`FROM` is not allowed in an image component",
                )
                .severity(Severity::Error)
                .note("the service rejects it with `NotSupportedCommand.FROM`")
                .help("components run on the pipeline's base image; remove the line")
                .deprecated()
                .fix(delete);
            continue;
        }
        let diagnostic = match first_from {
            Some(first) => {
                let diagnostic = checker.report(&RULE, command.span, "duplicate `FROM`");
                diagnostic
                    .severity(Severity::Error)
                    .label(first, "first `FROM` here")
                    .note("the service rejects a second `FROM` with `DuplicatedCommand.FROM`");
                diagnostic
            }
            None if Some(command.span) != first_command => checker
                .report(&RULE, command.span, "`FROM` must be the first command")
                .severity(Severity::Error)
                .note("the service rejects a later `FROM` with `InvalidCommandOrder.FROM`"),
            None => checker
                .report(&RULE, command.span, "`FROM` is deprecated and ignored by Image Builder")
                .note("the build uses the pipeline's `BaseImageType` and `BaseImage` whatever `FROM` says"),
        };
        diagnostic
            .help("set `base_image_type` and `base_image` in imagepipeline.toml instead")
            .deprecated()
            .fix(delete);
        first_from.get_or_insert(command.span);
    }
}
