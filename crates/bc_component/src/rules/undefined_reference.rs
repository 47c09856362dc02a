use bc_lint::declare_rule;

use crate::{Checker, Output, ReferenceTarget, Task, references};

declare_rule! {
    /// ## What it does
    /// Checks every `{{ … }}` reference in the tasks' properties. `{{ name }}` must name a
    /// declared parameter. `{{ task.stdout }}` must name a task that runs earlier (not the task
    /// itself, nor a later one) whose action has an output: `OSSDownload` and `Reboot` are
    /// documented to have none. Where the documentation says nothing about an action's output,
    /// the reference is allowed.
    ///
    /// ## Why is this bad?
    /// The service cannot fill the reference in: the component is rejected, or the task runs
    /// with the braces left in its command.
    /// Content the service cannot use is rejected with `InvalidParameter.Content`.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: greet
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo {{ greeting }} {{ host.stdout }}
    ///   - Name: host
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: hostname
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Parameters:
    ///   greeting:
    ///     Type: String
    ///     DefaultValue: hello
    /// Tasks:
    ///   - Name: host
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: hostname
    ///   - Name: greet
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo {{ greeting }} {{ host.stdout }}
    /// ```
    pub(crate) static RULE = {
        code: "BC608",
        name: "undefined-reference",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    let component = checker.component;
    let parameters: Vec<&str> = component
        .parameters()
        .map(|parameter| parameter.name)
        .collect();
    for &(task, _, node) in checker.property_scalars().iter() {
        let Some(value) = node.as_str() else { continue };
        for reference in references(value) {
            let Some((message, help)) =
                problem(reference.target, &task, &checker.tasks, &parameters)
            else {
                continue;
            };
            let span = checker.value_span(node, reference.range.start, reference.range.end);
            checker.report(&RULE, span, message).help(help);
        }
    }
}

/// What is wrong with a reference made in `task`, if anything.
fn problem(
    target: ReferenceTarget<'_>,
    task: &Task<'_>,
    tasks: &[Task<'_>],
    parameters: &[&str],
) -> Option<(String, &'static str)> {
    let (name, field) = match target {
        ReferenceTarget::Parameter(name) if parameters.contains(&name) => return None,
        ReferenceTarget::Parameter(name) => {
            return Some((
                format!("`{name}` is not a declared parameter"),
                "declare it under `Parameters` with a `Type`",
            ));
        }
        ReferenceTarget::Output { task, field } => (task, field),
    };
    let Some(target) = tasks.iter().find(|t| t.name == Some(name)) else {
        return Some((
            format!("no task is named `{name}`"),
            "name an earlier task, as in `{{ task.stdout }}`",
        ));
    };
    let action = target.action.map_or("", |action| action.name);
    Some(if target.index == task.index {
        (
            format!("task `{name}` refers to its own output"),
            "a task can use the output of earlier tasks only",
        )
    } else if target.index > task.index {
        (
            format!("task `{name}` runs after this one"),
            "a task can use the output of earlier tasks only; move it before this one",
        )
    } else if target
        .action
        .is_some_and(|action| action.output == Output::None)
    {
        (
            format!("`{action}` task `{name}` has no output"),
            "only command tasks such as `RunShellCommand` have `stdout`",
        )
    } else if field != "stdout" {
        (
            format!("task `{name}` has no output `{field}`"),
            "the output of a task is `stdout`",
        )
    } else {
        return None;
    })
}
