use bc_lint::declare_rule;
use bc_syntax::Span;

use crate::{Checker, NodeKind};

declare_rule! {
    /// ## What it does
    /// Checks that the component has a top-level `Tasks` list with at least one task.
    ///
    /// ## Why is this bad?
    /// A component runs its tasks and nothing else: without them the service rejects it
    /// (`InvalidParameter.Content`), and there is nothing to build.
    ///
    /// ## Example
    /// ```yaml
    /// Parameters:
    ///   version:
    ///     Type: String
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
        code: "BC601",
        name: "missing-tasks",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    // What follows a YAML error was not read: it may hold the tasks.
    if !checker.component.is_complete() {
        return;
    }
    let Some(root) = checker.component.root() else {
        checker.report(&RULE, Span::empty(0), "the component has no `Tasks`");
        return;
    };
    if root.entries().is_none() {
        checker
            .report(
                &RULE,
                root.span,
                format!(
                    "the component is {}, not a mapping with `Tasks`",
                    root.describe()
                ),
            )
            .help("start the component with `Tasks:` and a list of tasks");
        return;
    }
    let Some(entry) = root.get("Tasks") else {
        // A misspelt `tasks:` is BC610's, with the fix.
        if root.entries().unwrap_or_default().iter().any(|e| {
            e.key
                .as_str()
                .is_some_and(|k| k.eq_ignore_ascii_case("tasks"))
        }) {
            return;
        }
        // Where a top-level `Tasks:` would go: after the last top-level key's line.
        let span = root
            .entries()
            .and_then(<[_]>::first)
            .map_or(Span::empty(0), |first| first.key.span);
        checker
            .report(&RULE, span, "the component has no `Tasks`")
            .help("add `Tasks:` with at least one task");
        return;
    };
    match &entry.value.kind {
        NodeKind::Sequence(items) if items.is_empty() => {
            checker
                .report(&RULE, entry.key.span, "`Tasks` is empty")
                .help("add at least one task");
        }
        NodeKind::Sequence(_) | NodeKind::Alias => {}
        _ if entry.value.is_null() => {
            checker
                .report(&RULE, entry.key.span, "`Tasks` is empty")
                .help("add at least one task");
        }
        _ => {
            checker
                .report(
                    &RULE,
                    entry.value.span,
                    format!("`Tasks` is {}, not a list of tasks", entry.value.describe()),
                )
                .help("write each task as a list item starting with `- Name:`");
        }
    }
}
