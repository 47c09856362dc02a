use bc_lint::declare_rule;

use crate::{Checker, ReferenceTarget, references};

declare_rule! {
    /// ## What it does
    /// Checks for parameters that no task refers to with `{{ name }}`.
    ///
    /// ## Why is this bad?
    /// Every `COMPONENT` line that calls the component must pass a parameter without a default,
    /// and a value passed for an unused parameter changes nothing: usually the reference was
    /// misspelt or removed.
    ///
    /// ## Example
    /// ```yaml
    /// Parameters:
    ///   version:
    ///     Type: String
    /// Tasks:
    ///   - Name: install
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Parameters:
    ///   version:
    ///     Type: String
    /// Tasks:
    ///   - Name: install
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx-{{ version }}
    /// ```
    pub(crate) static RULE = {
        code: "BC609",
        name: "unused-parameter",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    // What follows a YAML error was not read: it may hold what looks missing.
    if !checker.component.is_complete() {
        return;
    }
    let component = checker.component;
    let scalars = checker.property_scalars();
    let used = |name: &str| {
        scalars
            .iter()
            .filter_map(|(_, _, node)| node.as_str())
            .any(|value| {
                references(value)
                    .any(|reference| reference.target == ReferenceTarget::Parameter(name))
            })
    };
    for parameter in component.parameters() {
        if !used(parameter.name) {
            checker
                .report(
                    &RULE,
                    parameter.name_span,
                    format!("parameter `{}` is not used by any task", parameter.name),
                )
                .help(format!(
                    "refer to it as `{{{{ {} }}}}` in a property, or remove it",
                    parameter.name
                ))
                .unnecessary();
        }
    }
}
