use bc_lint::{Edit, Fix, declare_rule};

use crate::Checker;
use crate::checker::suggest;

declare_rule! {
    /// ## What it does
    /// Checks that each property in a task's `Properties` is one its action takes, and that a
    /// task has no keys besides `Name`, `Action` and `Properties`. A misspelt name gets a "did
    /// you mean"; property names are case-sensitive (`commandContent`, not `CommandContent`).
    ///
    /// ## Why is this bad?
    /// The service ignores or rejects what it does not know: the value never reaches the action,
    /// and a required property written with a typo is missing.
    /// Content the service cannot use is rejected with `InvalidParameter.Content`.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: download
    ///     Action: WebDownload
    ///     Properties:
    ///       sourcePath: https://example.com/app.tar.gz
    ///       destinationDir: /opt
    ///       timeOut: 300
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
    ///       timeout: 300
    /// ```
    ///
    /// ## Fix safety
    /// Renaming to the suggestion is unsafe: the suggestion is a guess.
    pub(crate) static RULE = {
        code: "BC604",
        name: "unknown-property",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: Sometimes,
    }
}

const TASK_KEYS: [&str; 3] = ["Name", "Action", "Properties"];

pub(crate) fn check(checker: &mut Checker<'_>) {
    let tasks = checker.tasks.clone();
    for task in &tasks {
        for entry in task.node.entries().unwrap_or_default() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if TASK_KEYS.contains(&key) {
                continue;
            }
            report(checker, entry.key.span, key, "a task", TASK_KEYS);
        }
        let Some(action) = task.action else { continue };
        for entry in task
            .properties
            .and_then(crate::Node::entries)
            .unwrap_or_default()
        {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if action.property(key).is_none() {
                let names = action.properties.iter().map(|property| property.name);
                report(
                    checker,
                    entry.key.span,
                    key,
                    &format!("`{}`", action.name),
                    names,
                );
            }
        }
    }
}

fn report(
    checker: &mut Checker<'_>,
    span: bc_syntax::Span,
    key: &str,
    owner: &str,
    known: impl IntoIterator<Item = &'static str> + Clone,
) {
    let list = known
        .clone()
        .into_iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = checker.report(&RULE, span, format!("{owner} takes no property `{key}`"));
    match suggest(key, known) {
        Some(name) => {
            diagnostic
                .help(format!("did you mean `{name}`?"))
                .fix(Fix::unsafe_(
                    format!("Rename to `{name}`"),
                    vec![Edit::replace(span, name)],
                ));
        }
        None if list.is_empty() => {
            diagnostic.help(format!("{owner} takes no properties"));
        }
        None => {
            diagnostic.help(format!("{owner} takes {list}"));
        }
    }
}
