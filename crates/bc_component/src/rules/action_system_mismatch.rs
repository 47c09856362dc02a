use bc_lint::declare_rule;

use crate::{Checker, SystemType};

declare_rule! {
    /// ## What it does
    /// Checks that each action can run on the component's system (its manifest's
    /// `system_type`, Linux by default): `RunShellCommand` runs on Linux only,
    /// `RunPowerShellCommand` on Windows only.
    ///
    /// ## Why is this bad?
    /// The task fails on the build instance, after the build has started and been paid for.
    ///
    /// ## Example
    /// In a Linux component:
    /// ```yaml
    /// Tasks:
    ///   - Name: hello
    ///     Action: RunPowerShellCommand
    ///     Properties:
    ///       commandContent: Write-Output hello
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
    /// Or set `system_type = "Windows"` in the component's manifest.
    pub(crate) static RULE = {
        code: "BC611",
        name: "action-system-mismatch",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    let system = checker.system;
    let tasks = checker.tasks.clone();
    for task in &tasks {
        let (Some(action), Some(node)) = (task.action, task.action_node) else {
            continue;
        };
        let Some(only) = action.system.filter(|&only| only != system) else {
            continue;
        };
        let instead = match only {
            SystemType::Linux => "use `RunPowerShellCommand` on Windows",
            SystemType::Windows => "use `RunShellCommand` on Linux",
        };
        checker
            .report(
                &RULE,
                node.span,
                format!(
                    "`{}` runs on {} only, and this is a {} component",
                    action.name,
                    only.as_str(),
                    system.as_str()
                ),
            )
            .help(format!(
                "{instead}, or set `system_type` in the component's manifest"
            ));
    }
}
