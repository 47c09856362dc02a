use bc_syntax::{Body, KeywordKind, excerpt};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `ENV key=value` pairs whose value is not wrapped in double quotes, including
    /// single-quoted, partly quoted and empty (`key=`) values. The space form `ENV key value` is
    /// documented unquoted and is not reported.
    ///
    /// ## Why is this bad?
    /// The Image Builder documentation says each `ENV` value must be wrapped in double quotes
    /// (`ENV key1="value1" key2="value2"`). How the service treats other values is not
    /// documented, so an unquoted value may not be what the build sees.
    ///
    /// ## Example
    /// ```buildcontent
    /// ENV APP_ENV=prod JAVA_OPTS='-Xmx1g'
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// ENV APP_ENV="prod" JAVA_OPTS="-Xmx1g"
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the value as one double-quoted string that a shell reads as the same
    /// value: single-quoted text is escaped (`"`, `\`, `$` and `` ` `` get a backslash), `$VAR`
    /// outside quotes stays an expansion. The fix is safe when the value has none of `$`, `\`,
    /// quotes, `` ` ``, `*`, `?`, `[` or a leading `~`; otherwise it is unsafe, because the
    /// service's own expansion, escaping and globbing rules are not documented.
    pub static RULE = {
        code: "BC304",
        name: "unquoted-env-value",
        severity: Warning,
        api_error: None,
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Env) {
        let Body::Pairs(pairs) = &command.body else {
            continue;
        };
        for pair in pairs {
            let Some(value) = pair.value else { continue };
            if pair.key.is_empty() || pair.value_is_double_quoted(checker.source) {
                continue;
            }
            let raw = checker.text(value);
            let key = checker.text(pair.key);
            let quoted = requote(raw);
            let unsafe_ =
                raw.contains(['$', '\\', '"', '\'', '`', '*', '?', '[']) || raw.starts_with('~');
            let title = format!(
                "Write `{key}={quoted}`",
                key = excerpt(key),
                quoted = excerpt(&quoted)
            );
            let edit = vec![Edit::replace(value, quoted)];
            let (span, message) = if raw.is_empty() {
                (
                    pair.span,
                    format!(
                        "`{key}=` has an empty value without quotes",
                        key = excerpt(key)
                    ),
                )
            } else {
                (
                    value,
                    format!(
                        "the value of `{key}` is not in double quotes",
                        key = excerpt(key)
                    ),
                )
            };
            checker
                .report(&RULE, span, message)
                .note("the Image Builder documentation requires `ENV` values in double quotes: `key=\"value\"`")
                .fix(if unsafe_ { Fix::unsafe_(title, edit) } else { Fix::safe(title, edit) });
        }
    }
}

/// Rewrites a shell word as one double-quoted string with the same value.
fn requote(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push('"');
    let mut chars = raw.chars();
    let escaped = |out: &mut String, c: char| {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    escaped(&mut out, next);
                }
            }
            '\'' => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    escaped(&mut out, c);
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            out.push('\\');
                            if let Some(next) = chars.next() {
                                out.push(next);
                            }
                        }
                        c => out.push(c),
                    }
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::requote;

    #[test]
    fn requoting_keeps_the_value() {
        assert_eq!(requote("prod"), r#""prod""#);
        assert_eq!(requote(""), r#""""#);
        assert_eq!(requote("'a \"b\" $c'"), r#""a \"b\" \$c""#);
        assert_eq!(requote("$HOME/bin"), r#""$HOME/bin""#);
        assert_eq!(requote(r"a\ b"), r#""a b""#);
        assert_eq!(requote(r#"x"y z"w"#), r#""xy zw""#);
    }
}
