use bc_lint::{Edit, Fix, declare_rule};

use crate::Checker;
use crate::checker::suggest;

declare_rule! {
    /// ## What it does
    /// Checks that the component's top level holds only `Parameters` and `Tasks` (keys are
    /// case-sensitive).
    ///
    /// ## Why is this bad?
    /// The service reads only those two keys: anything else is rejected
    /// (`InvalidParameter.Content`) or silently dropped, and a misspelt `Tasks` leaves the
    /// component without tasks.
    ///
    /// ## Example
    /// ```yaml
    /// Description: installs nginx
    /// Tasks:
    ///   - Name: install
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// Put the description in the component manifest (`description` in
    /// `*.imagecomponent.toml`), or in a YAML comment:
    /// ```yaml
    /// # Installs nginx.
    /// Tasks:
    ///   - Name: install
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: yum install -y nginx
    /// ```
    ///
    /// ## Fix safety
    /// Renaming a misspelt key to `Parameters` or `Tasks` is unsafe: the suggestion is a guess.
    pub(crate) static RULE = {
        code: "BC610",
        name: "unknown-top-level-key",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: Sometimes,
    }
}

const KEYS: [&str; 2] = ["Parameters", "Tasks"];

pub(crate) fn check(checker: &mut Checker<'_>) {
    let component = checker.component;
    let entries = component
        .root()
        .and_then(crate::Node::entries)
        .unwrap_or_default();
    for entry in entries {
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        if KEYS.contains(&key) {
            continue;
        }
        let span = entry.key.span;
        let diagnostic = checker.report(&RULE, span, format!("unknown top-level key `{key}`"));
        // Only suggest a key the component does not have yet.
        match suggest(key, KEYS)
            .filter(|known| component.root().and_then(|root| root.get(known)).is_none())
        {
            Some(known) => {
                diagnostic
                    .help(format!("did you mean `{known}`?"))
                    .fix(Fix::unsafe_(
                        format!("Rename to `{known}`"),
                        vec![Edit::replace(span, known)],
                    ));
            }
            None => {
                diagnostic.help(
                    "a component has only `Parameters` and `Tasks`; keep notes in YAML comments",
                );
            }
        }
    }
}
