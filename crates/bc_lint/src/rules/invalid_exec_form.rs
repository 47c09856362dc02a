use bc_syntax::{Body, KeywordKind, SyntaxErrorKind, excerpt};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the JSON exec form of `CMD` and `ENTRYPOINT` is a non-empty array of
    /// double-quoted strings. Elements written without quotes, such as numbers, booleans, `null`
    /// or bare words, are reported. (Malformed JSON, such as a missing `]` or a single-quoted
    /// string, is BC001.)
    ///
    /// ## Why is this bad?
    /// The exec form is a JSON array of strings: the executable and its arguments. Anything else
    /// is not a command line; the service rejects it with `InvalidCommandContent.CMD` (or
    /// `InvalidCommandContent.ENTRYPOINT`). An empty array names no program to run.
    ///
    /// ## Example
    /// ```buildcontent
    /// CMD ["/usr/sbin/nginx", -g, "daemon off;"]
    /// ENTRYPOINT []
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// CMD ["/usr/sbin/nginx", "-g", "daemon off;"]
    /// ENTRYPOINT ["/opt/app/start.sh"]
    /// ```
    ///
    /// ## Fix safety
    /// Putting a bare element in double quotes is safe when it holds no `"`, `\` or `'`: it can
    /// only have meant that string. Otherwise no fix is offered.
    pub static RULE = {
        code: "BC108",
        name: "invalid-exec-form",
        severity: Error,
        api_error: Some("InvalidCommandContent.CMD, InvalidCommandContent.ENTRYPOINT"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let exec_commands = checker
        .commands_of(KeywordKind::Cmd)
        .chain(checker.commands_of(KeywordKind::Entrypoint));
    for command in exec_commands {
        let Body::Exec(exec) = &command.body else {
            continue;
        };
        let malformed = checker.parse.errors().iter().any(|error| {
            error.kind == SyntaxErrorKind::InvalidJsonArray
                && error.span.start >= exec.span.start
                && error.span.end <= exec.span.end
        });
        if malformed {
            continue;
        }
        let keyword = command.keyword.kind.as_str();
        if exec.elements.is_empty() {
            checker
                .report(&RULE, exec.span, format!("`{keyword}` has an empty exec form"))
                .note(format!("the array names no program to run; the service rejects it with `InvalidCommandContent.{keyword}`"))
                .help(format!("give the program and its arguments, e.g. `{keyword} [\"/opt/app/start.sh\"]`"));
            continue;
        }
        for element in exec.elements.iter().filter(|element| !element.is_string) {
            let text = checker.text(element.span);
            let diagnostic = checker
                .report(&RULE, element.span, format!("`{text}` in the exec form is not a string", text = excerpt(text)))
                .note(format!("an exec form is a JSON array of strings; the service rejects anything else with `InvalidCommandContent.{keyword}`"));
            if text.contains(['"', '\\', '\'']) {
                diagnostic.help("write the element as a double-quoted JSON string");
            } else {
                diagnostic.fix(Fix::safe(
                    format!("Write `\"{text}\"`", text = excerpt(text)),
                    vec![Edit::replace(element.span, format!("\"{text}\""))],
                ));
            }
        }
    }
}
