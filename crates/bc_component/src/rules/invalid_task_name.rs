use std::collections::HashMap;

use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that every task is a mapping with a `Name`, that the name is text, and that no two
    /// tasks share a name.
    ///
    /// ## Why is this bad?
    /// The service needs the name to run and report the task, and `{{ name.stdout }}` finds an
    /// earlier task's output by it: with two tasks of the same name, a reference cannot say which
    /// one it means.
    /// Content the service cannot use is rejected with `InvalidParameter.Content`.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: setup
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx
    ///   - Name: setup
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: systemctl enable nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Tasks:
    ///   - Name: install
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx
    ///   - Name: enable
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: systemctl enable nginx
    /// ```
    pub(crate) static RULE = {
        code: "BC602",
        name: "invalid-task-name",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    let tasks = checker.tasks.clone();
    let mut seen: HashMap<&str, bc_syntax::Span> = HashMap::new();
    for task in tasks {
        if task.node.entries().is_none() {
            if !matches!(task.node.kind, crate::NodeKind::Alias) {
                checker
                    .report(
                        &RULE,
                        task.node.span,
                        format!(
                            "task {} is {}, not a mapping with `Name` and `Action`",
                            task.index + 1,
                            task.node.describe()
                        ),
                    )
                    .help("write a task as `- Name: …` with `Action:` and `Properties:` below it");
            }
            continue;
        }
        match (task.name_node, task.name) {
            (None, _) => {
                checker
                    .report(
                        &RULE,
                        task.node.span,
                        format!("task {} has no `Name`", task.index + 1),
                    )
                    .help("add `Name:` with a name unique in the component");
            }
            (Some(node), None) => {
                if !matches!(node.kind, crate::NodeKind::Alias) {
                    checker.report(
                        &RULE,
                        node.span,
                        format!("the task name is {}, not text", node.describe()),
                    );
                }
            }
            (Some(node), Some(name)) => {
                if let Some(&first) = seen.get(name) {
                    checker
                        .report(&RULE, node.span, format!("two tasks are named `{name}`"))
                        .note("`{{ name.stdout }}` references find tasks by name")
                        .label(first, "first task with this name")
                        .help("give each task its own name");
                } else {
                    seen.insert(name, node.span);
                }
            }
        }
    }
}
