use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that a task sets every property its action requires: `commandContent` for
    /// `RunShellCommand` and `RunPowerShellCommand`, `commandId` for `InvokeCommand`,
    /// `bucketName`, `objectName` and `destinationDir` (or `fileToUpload`) for `OSSDownload`
    /// (or `OSSUpload`), `sourcePath` and `destinationDir` for `WebDownload`.
    ///
    /// ## Why is this bad?
    /// The action cannot run without them: the component is rejected or the build fails at that
    /// task, after the instance has been paid for.
    /// Content the service cannot use is rejected with `InvalidParameter.Content`.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: WebDownload
    ///     Properties:
    ///       sourcePath: https://example.com/app.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: WebDownload
    ///     Properties:
    ///       sourcePath: https://example.com/app.tar.gz
    ///       destinationDir: /opt
    /// ```
    pub(crate) static RULE = {
        code: "BC605",
        name: "missing-property",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    // What follows a YAML error was not read: it may hold what looks missing.
    if !checker.component.is_complete() {
        return;
    }
    let tasks = checker.tasks.clone();
    for task in &tasks {
        let Some(action) = task.action else { continue };
        // A `Properties` that is not a mapping is BC606's; an alias may hold anything.
        let entries = match task.properties {
            None => &[][..],
            Some(node) if node.is_null() => &[][..],
            Some(node) => match node.entries() {
                Some(entries) => entries,
                None => continue,
            },
        };
        let missing: Vec<&str> = action
            .properties
            .iter()
            .filter(|property| property.required)
            .filter(|property| {
                !entries
                    .iter()
                    .any(|entry| entry.key.as_str() == Some(property.name))
            })
            .map(|property| property.name)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let span = task
            .properties
            .and_then(|_| task.node.get("Properties"))
            .map_or_else(
                || task.action_node.map_or(task.node.span, |node| node.span),
                |entry| entry.key.span,
            );
        let list = missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let (noun, verb) = if missing.len() == 1 {
            ("property", "is")
        } else {
            ("properties", "are")
        };
        checker
            .report(
                &RULE,
                span,
                format!(
                    "`{}` requires the {noun} {list}, which {verb} missing",
                    action.name
                ),
            )
            .help(format!("add {list} under `Properties`"));
    }
}
