use bc_lint::{Edit, Fix, declare_rule};

use crate::checker::suggest;
use crate::{ACTIONS, Checker, NodeKind};

declare_rule! {
    /// ## What it does
    /// Checks that every task has an `Action` naming one of the actions Image Builder runs:
    /// `RunShellCommand`, `RunPowerShellCommand`, `InvokeCommand`, `OSSDownload`, `OSSUpload`,
    /// `WebDownload` or `Reboot`. A misspelt action gets a "did you mean".
    ///
    /// ## Why is this bad?
    /// The service does not know what to do with the task: the component is rejected
    /// (`InvalidParameter.Content`) or the build fails at that task.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: hello
    ///     Action: RunShell
    ///     Properties:
    ///       commandContent: echo hello
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Tasks:
    ///   - Name: hello
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo hello
    /// ```
    ///
    /// ## Fix safety
    /// Replacing a misspelt action with the suggestion is unsafe: the suggestion is a guess.
    pub(crate) static RULE = {
        code: "BC603",
        name: "unknown-action",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: Sometimes,
    }
}

const HELP: &str = "the actions are RunShellCommand, RunPowerShellCommand, InvokeCommand, OSSDownload, OSSUpload, WebDownload and Reboot";

pub(crate) fn check(checker: &mut Checker<'_>) {
    let tasks = checker.tasks.clone();
    for task in tasks
        .iter()
        .filter(|task| task.node.entries().is_some() && task.action.is_none())
    {
        let Some(node) = task.action_node else {
            let name = task.name.map_or_else(
                || format!("task {}", task.index + 1),
                |name| format!("task `{name}`"),
            );
            let span = task.name_node.map_or(task.node.span, |node| node.span);
            checker
                .report(&RULE, span, format!("{name} has no `Action`"))
                .help(HELP);
            continue;
        };
        if matches!(node.kind, NodeKind::Alias) {
            continue;
        }
        let Some(written) = node.as_str() else {
            checker
                .report(
                    &RULE,
                    node.span,
                    format!("the action is {}, not an action name", node.describe()),
                )
                .help(HELP);
            continue;
        };
        let diagnostic = checker.report(&RULE, node.span, format!("unknown action `{written}`"));
        match suggest(written, ACTIONS.iter().map(|action| action.name)) {
            Some(action) => {
                diagnostic
                    .help(format!("did you mean `{action}`?"))
                    .fix(Fix::unsafe_(
                        format!("Replace with `{action}`"),
                        vec![Edit::replace(node.span, action)],
                    ));
            }
            None => {
                diagnostic.help(HELP);
            }
        }
    }
}
