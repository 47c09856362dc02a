use bc_lint::declare_rule;

use crate::component::is_number;
use crate::{Checker, Node, NodeKind, PropertyType, is_single_reference};

declare_rule! {
    /// ## What it does
    /// Checks the type of each property value against its action's table: `String` properties
    /// take text, `Number` ones an integer or decimal (`timeout: 300`), `Boolean` ones `true` or
    /// `false`, and `Json` ones a mapping (`parameters:` of `InvokeCommand`). A value that is
    /// exactly one `{{ … }}` reference takes the type of what it names and is not checked. Also
    /// checks that `Properties` is a mapping.
    ///
    /// ## Why is this bad?
    /// The action cannot use a value of the wrong type: the component is rejected or the task
    /// fails when it runs.
    /// Content the service cannot use is rejected with `InvalidParameter.Content`.
    ///
    /// ## Example
    /// ```yaml
    /// Tasks:
    ///   - Name: restart
    ///     Action: Reboot
    ///     Properties:
    ///       forceStop: yes please
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Tasks:
    ///   - Name: restart
    ///     Action: Reboot
    ///     Properties:
    ///       forceStop: true
    /// ```
    pub(crate) static RULE = {
        code: "BC606",
        name: "invalid-property-type",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: None,
    }
}

pub(crate) fn check(checker: &mut Checker<'_>) {
    let tasks = checker.tasks.clone();
    for task in &tasks {
        let Some(properties) = task.properties else {
            continue;
        };
        if properties.entries().is_none() {
            if !properties.is_null() && !matches!(properties.kind, NodeKind::Alias) {
                checker
                    .report(
                        &RULE,
                        properties.span,
                        format!(
                            "`Properties` is {}, not a mapping of property names to values",
                            properties.describe()
                        ),
                    )
                    .help(
                        "write each property as `name: value` on its own line under `Properties:`",
                    );
            }
            continue;
        }
        let Some(action) = task.action else { continue };
        for entry in properties.entries().unwrap_or_default() {
            let Some(property) = entry.key.as_str().and_then(|key| action.property(key)) else {
                continue;
            };
            if let Some(problem) = problem(&entry.value, property.ty) {
                checker
                    .report(
                        &RULE,
                        entry.value.span,
                        format!(
                            "`{}` takes a {}, but the value is {problem}",
                            property.name,
                            property.ty.as_str()
                        ),
                    )
                    .help(help(property.ty));
            }
        }
    }
}

/// What is wrong with `node` as a value of type `ty`, if anything.
fn problem(node: &Node, ty: PropertyType) -> Option<&'static str> {
    let scalar = match &node.kind {
        NodeKind::Alias => return None,
        NodeKind::Scalar(scalar) => scalar,
        NodeKind::Mapping(_) if ty == PropertyType::Json => return None,
        _ => return Some(node.describe()),
    };
    if scalar.is_null() {
        return Some("empty");
    }
    let value = scalar.value.trim();
    if is_single_reference(value) {
        return None;
    }
    let fits = match ty {
        PropertyType::String => true,
        PropertyType::Number => is_number(value),
        PropertyType::Boolean => {
            value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false")
        }
        PropertyType::Json => value.starts_with('{') && value.ends_with('}'),
    };
    (!fits).then_some(match ty {
        PropertyType::Number => "not a number",
        PropertyType::Boolean => "not `true` or `false`",
        _ => "not a JSON object",
    })
}

fn help(ty: PropertyType) -> &'static str {
    match ty {
        PropertyType::String => {
            "write the value as text (quote it if it starts with `{`, `[`, `*`, `&` or `!`)"
        }
        PropertyType::Number => "write an integer or decimal number, such as `600`",
        PropertyType::Boolean => "write `true` or `false`",
        PropertyType::Json => "write a mapping of names to values",
    }
}
