use bc_lint::{Edit, Fix, declare_rule};

use crate::checker::suggest;
use crate::{Checker, NodeKind, Parameter, ParameterType};

declare_rule! {
    /// ## What it does
    /// Checks each entry of `Parameters`: it is a mapping with a `Type` of `String`, `Number` or
    /// `Boolean`, an optional `DefaultValue` of that type (a number for `Number`, `true` or
    /// `false` for `Boolean`), and no other keys.
    ///
    /// ## Why is this bad?
    /// The service reads these declarations to check the `--name value` pairs of every
    /// `COMPONENT` line that calls the component: a declaration it cannot read makes the
    /// component unusable (`InvalidParameter.Content`).
    ///
    /// ## Example
    /// ```yaml
    /// Parameters:
    ///   port:
    ///     Type: Integer
    ///     DefaultValue: twenty-two
    /// Tasks:
    ///   - Name: listen
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo "Port {{ port }}" >> /etc/ssh/sshd_config
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Parameters:
    ///   port:
    ///     Type: Number
    ///     DefaultValue: 22
    /// Tasks:
    ///   - Name: listen
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo "Port {{ port }}" >> /etc/ssh/sshd_config
    /// ```
    ///
    /// ## Fix safety
    /// Correcting the case of a type (`string` → `String`) is safe: there is no other type it
    /// could mean. Renaming an unknown key to the suggestion is unsafe: it is a guess.
    pub(crate) static RULE = {
        code: "BC607",
        name: "invalid-parameter-declaration",
        severity: Error,
        api_error: Some("InvalidParameter.Content"),
        fix: Sometimes,
    }
}

const KEYS: [&str; 2] = ["Type", "DefaultValue"];
const EXAMPLE: &str =
    "declare a parameter as `name: {Type: String}`, with an optional `DefaultValue`";

pub(crate) fn check(checker: &mut Checker<'_>) {
    let component = checker.component;
    if let Some(parameters) = component.top("Parameters")
        && parameters.entries().is_none()
        && !parameters.is_null()
        && !matches!(parameters.kind, NodeKind::Alias)
    {
        checker
            .report(
                &RULE,
                parameters.span,
                format!(
                    "`Parameters` is {}, not a mapping of parameter names to declarations",
                    parameters.describe()
                ),
            )
            .help(EXAMPLE);
        return;
    }
    for parameter in component.parameters() {
        let declaration = parameter.declaration;
        let name = parameter.name;
        let Some(entries) = declaration.entries() else {
            if !matches!(declaration.kind, NodeKind::Alias) {
                report_missing_type(checker, &parameter);
            }
            continue;
        };
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if KEYS.contains(&key) {
                continue;
            }
            let diagnostic = checker.report(
                &RULE,
                entry.key.span,
                format!("parameter `{name}` has an unknown key `{key}`"),
            );
            match suggest(key, KEYS) {
                Some(known) => {
                    diagnostic
                        .help(format!("did you mean `{known}`?"))
                        .fix(Fix::unsafe_(
                            format!("Rename to `{known}`"),
                            vec![Edit::replace(entry.key.span, known)],
                        ));
                }
                None => {
                    diagnostic.help("a parameter takes only `Type` and `DefaultValue`");
                }
            }
        }
        let Some(type_entry) = declaration.get("Type") else {
            report_missing_type(checker, &parameter);
            continue;
        };
        let type_node = &type_entry.value;
        let Some(ty) = parameter.ty() else {
            if matches!(type_node.kind, NodeKind::Alias) {
                continue;
            }
            let written = type_node.as_str().unwrap_or_default();
            let diagnostic = checker
                .report(
                    &RULE,
                    type_node.span,
                    format!("`{written}` is not a parameter type"),
                )
                .help("the types are `String`, `Number` and `Boolean`");
            if let Some(known) = ParameterType::ALL
                .iter()
                .map(|ty| ty.as_str())
                .find(|known| known.eq_ignore_ascii_case(written.trim()))
            {
                diagnostic.fix(Fix::safe(
                    format!("Replace with `{known}`"),
                    vec![Edit::replace(type_node.span, known)],
                ));
            }
            continue;
        };
        let Some(default) = parameter.default_value() else {
            continue;
        };
        if matches!(default.kind, NodeKind::Alias) {
            continue;
        }
        if !default
            .scalar()
            .is_some_and(|scalar| ty.accepts(scalar.value.trim()))
        {
            let what = match ty {
                ParameterType::Number => "a number",
                ParameterType::Boolean => "`true` or `false`",
                ParameterType::String => "text",
            };
            checker
                .report(
                    &RULE,
                    default.span,
                    format!(
                        "the default of `{name}` is not {what}, as its type `{}` requires",
                        ty.as_str()
                    ),
                )
                .help(format!("write {what}, or change `Type`"));
        }
    }
}

/// A parameter without `Type`: the service needs it to check the values templates pass.
fn report_missing_type(checker: &mut Checker<'_>, parameter: &Parameter<'_>) {
    let name = parameter.name;
    checker
        .report(
            &RULE,
            parameter.name_span,
            format!("parameter `{name}` has no `Type`"),
        )
        .help(EXAMPLE);
}
