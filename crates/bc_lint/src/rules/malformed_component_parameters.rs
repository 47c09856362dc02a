use std::collections::HashMap;

use bc_syntax::{ComponentParam, Span, excerpt};

use crate::rules::documentation_placeholder::placeholder_spans;
use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the `--name value` parameters after a `COMPONENT` reference: every parameter needs
    /// a value, every word must belong to a `--name value` pair, names must be valid
    /// (`^[A-Za-z_][A-Za-z0-9_.-]*$`), and no name may be given twice.
    ///
    /// ## Why is this bad?
    /// Parameters fill in the `Parameters` of a YAML component. A flag without a value, a stray
    /// word or a `--name=value` spelling does not pass what was meant: the component then runs
    /// with its default, or fails because a parameter without a default is missing. A duplicate
    /// leaves it unclear which value the component gets.
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b --version --port=80 -x 1 --port 8080 --port 9090
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b --version 1.24 --port 8080 --x 1
    /// ```
    ///
    /// ## Fix safety
    /// Rewriting `--name=value` as `--name value` and `-x` as `--x` is unsafe: it is the likely
    /// intent, but how the service reads these spellings is not documented.
    pub static RULE = {
        code: "BC105",
        name: "malformed-component-parameters",
        severity: Error,
        api_error: None,
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    // By name, to the first occurrence: a lookup per parameter keeps long calls linear.
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for call in checker.component_calls() {
        seen.clear();
        // A documentation placeholder with spaces (`--user <name of the user>`) splits into
        // words that are not `--name value` pairs; BC308 (or BC103, inside the reference)
        // reports the placeholder once, so its words are not reported again here.
        let placeholders: Vec<Span> = match (&call.reference, call.params.last()) {
            (Some(reference), Some(last)) => {
                placeholder_spans(checker.source, reference.span.cover(last.span()), false)
                    .collect()
            }
            _ => Vec::new(),
        };
        let mut skip_next = false;
        for (i, param) in call.params.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            if placeholders.iter().any(|p| param.flag.span.overlaps(*p)) {
                continue;
            }
            let flag = checker.text(param.flag.span);
            let Some(name) = param.name(checker.source) else {
                skip_next = check_stray(checker, flag, *param, call.params.get(i + 1));
                continue;
            };
            if let Some((name, value)) = name.split_once('=') {
                let eq = param.flag.span.start + 2 + name.len();
                checker
                    .report(&RULE, param.flag.span, format!("`{flag}` joins the name and the value with `=`", flag = excerpt(flag)))
                    .note("component parameters are written `--name value`; the service does not document `--name=value`")
                    .fix(Fix::unsafe_(
                        format!("Write `--{name} {value}`", name = excerpt(name), value = excerpt(value)),
                        vec![Edit::replace(Span::new(eq, eq + 1), " ")],
                    ));
                if let Some(value) = param.value {
                    let stray = ComponentParam {
                        flag: value,
                        value: None,
                    };
                    skip_next = check_stray(
                        checker,
                        value.text(checker.source),
                        stray,
                        call.params.get(i + 1),
                    );
                }
                continue;
            }
            if name.is_empty() {
                checker
                    .report(&RULE, param.flag.span, "`--` has no parameter name")
                    .note("after the reference, `COMPONENT` takes only `--name value` pairs")
                    .help("write `--<name> <value>`, or remove the `--`");
                continue;
            }
            if !is_param_name(name) {
                checker
                    .report(&RULE, param.flag.span, format!("`{name}` is not a valid parameter name", name = excerpt(name)))
                    .note("parameter names are those of the component's `Parameters`: a letter or `_`, then letters, digits, `_`, `.` or `-`");
                continue;
            }
            if param.value.is_none() {
                checker
                    .report(&RULE, param.flag.span, format!("parameter `--{name}` has no value", name = excerpt(name)))
                    .note("every `--name` must be followed by its value; without one the component gets its default or fails")
                    .help(format!("write `--{name} <value>`, or remove the flag", name = excerpt(name)));
            }
            if let Some(&first) = seen.get(name) {
                checker
                    .report(
                        &RULE,
                        param.span(),
                        format!("parameter `--{name}` is given twice", name = excerpt(name)),
                    )
                    .label(first, "first given here")
                    .note("only one value can reach the component; which one is not documented")
                    .help("remove one of them");
            } else {
                seen.insert(name, param.span());
            }
        }
    }
}

/// Reports a word that is not a `--flag`; returns whether the next parameter (a single-dash
/// flag's value) was covered by the report.
fn check_stray(
    checker: &mut Checker<'_>,
    word: &str,
    param: ComponentParam,
    next: Option<&ComponentParam>,
) -> bool {
    let single_dash = word.len() > 1 && word.starts_with('-') && !word.starts_with("--");
    if single_dash {
        let value_follows = next.is_some_and(|next| !checker.text(next.flag.span).starts_with('-'));
        checker
            .report(
                &RULE,
                param.flag.span,
                format!("`{word}` is not a `--name` parameter", word = excerpt(word)),
            )
            .note("component parameters are written with two dashes, `--name value`")
            .fix(Fix::unsafe_(
                format!("Write `-{word}`", word = excerpt(word)),
                vec![Edit::insert(param.flag.span.start, "-")],
            ));
        return value_follows;
    }
    checker
        .report(&RULE, param.flag.span, format!("`{word}` is not part of a `--name value` parameter", word = excerpt(word)))
        .note("after the reference, `COMPONENT` takes only `--name value` pairs; how the service reads a stray word is not documented")
        .help("give it a name (`--name value`), or remove it; values with spaces are not supported");
    false
}

/// `^[A-Za-z_][A-Za-z0-9_.-]*$`
fn is_param_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}
