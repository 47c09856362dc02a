use bc_syntax::{Body, KeywordKind, excerpt};

use crate::shell::is_variable_name;
use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the syntax of `ENV`: the space form `ENV KEY value` needs a value, every word of
    /// the pair form `ENV k1="v1" k2="v2"` must be a `key=value` pair, and every variable name
    /// must be a valid shell name (`^[A-Za-z_][A-Za-z0-9_]*$`).
    ///
    /// An empty value is not reported here: `ENV KEY=""` is valid, and `ENV KEY=` (an unquoted
    /// empty value) is reported by BC304, which quotes it. The documentation does not say the
    /// service rejects empty values, so this rule does not treat them as errors.
    ///
    /// ## Why is this bad?
    /// The service rejects malformed `ENV` commands with `InvalidCommandContent.ENV`, and a name
    /// such as `MY-VAR` or `1PATH` cannot be used as a variable by the shell commands that follow.
    ///
    /// ## Example
    /// ```buildcontent
    /// ENV APP_HOME
    /// ENV APP_ENV="prod" DEBUG
    /// ENV APP-PORT="8080"
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// ENV APP_HOME="/opt/app"
    /// ENV APP_ENV="prod" DEBUG="false"
    /// ENV APP_PORT="8080"
    /// ```
    pub static RULE = {
        code: "BC109",
        name: "invalid-env",
        severity: Error,
        api_error: Some("InvalidCommandContent.ENV"),
        fix: None,
    }
}

const NOTE: &str = "the service rejects malformed `ENV` commands with `InvalidCommandContent.ENV`";
const NAME_NOTE: &str = "variable names are letters, digits and `_`, not starting with a digit; the service rejects others with `InvalidCommandContent.ENV`";

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Env) {
        match &command.body {
            Body::EnvSpace { key, value } => {
                let name = checker.text(key.span);
                if !is_variable_name(name) {
                    checker
                        .report(
                            &RULE,
                            key.span,
                            format!(
                                "`{name}` is not a valid variable name",
                                name = excerpt(name)
                            ),
                        )
                        .note(NAME_NOTE);
                } else if value.is_none() {
                    checker
                        .report(
                            &RULE,
                            key.span,
                            format!("`ENV {name}` has no value", name = excerpt(name)),
                        )
                        .note(NOTE)
                        .help(format!(
                            "write `ENV {name}=\"value\"`",
                            name = excerpt(name)
                        ));
                }
            }
            Body::Pairs(pairs) => {
                for pair in pairs {
                    let key = checker.text(pair.key);
                    if pair.value.is_none() {
                        let diagnostic = checker
                            .report(&RULE, pair.span, format!("`{key}` is not a `key=value` pair", key = excerpt(key)))
                            .note("once `ENV` uses `key=value`, every word must be a pair; the service rejects others with `InvalidCommandContent.ENV`");
                        if is_variable_name(key) {
                            diagnostic.help(format!("write `{key}=\"value\"`", key = excerpt(key)));
                        }
                    } else if key.is_empty() {
                        checker
                            .report(
                                &RULE,
                                pair.span,
                                "`ENV` pair has no variable name before `=`",
                            )
                            .note(NOTE);
                    } else if !is_variable_name(key) {
                        checker
                            .report(
                                &RULE,
                                pair.key,
                                format!("`{key}` is not a valid variable name", key = excerpt(key)),
                            )
                            .note(NAME_NOTE);
                    }
                }
            }
            _ => {}
        }
    }
}
