use bc_lint::{Edit, Fix, declare_rule};

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that the component is valid YAML, as the service reads it: one document, no tabs
    /// for indentation, each key once per mapping, collections nested at most 64 levels deep.
    ///
    /// It also catches a value that starts with `{{`, as in `{{ task.stdout }}` written without
    /// quotes: YAML reads `{` as the start of a mapping, so the value is a mapping inside a
    /// mapping, not the text of a reference.
    ///
    /// ## Why is this bad?
    /// The service rejects content it cannot read as a component with
    /// `InvalidParameter.Content`; a `{{ … }}` value read as a mapping fails the task later.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: hostname
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: hostname
    ///   - Name: show
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: {{ hostname.stdout }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Tasks:
    ///   - Name: hostname
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: hostname
    ///   - Name: show
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: '{{ hostname.stdout }}'
    /// ```
    ///
    /// ## Fix safety
    /// Quoting a `{{ … }}` value is safe: a mapping whose key is a mapping is never a valid
    /// property value, and the quoted text is what the author wrote.
    pub(crate) static RULE = {
        code: "BC600",
        name: "yaml-syntax-error",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: Sometimes,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    for error in checker.component.errors() {
        let diagnostic = checker.report(&RULE, error.span, error.message.clone());
        if let Some(help) = &error.help {
            diagnostic.help(help.clone());
        }
        if let Some(first) = error.related {
            diagnostic.label(first, "first written here");
        }
        if let Some(replacement) = &error.replacement {
            diagnostic.fix(Fix::safe(
                "Quote the value",
                vec![Edit::replace(error.span, replacement.clone())],
            ));
        }
    }
}
