use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks `client_token`: 1–64 printable ASCII characters.
    ///
    /// ## Why is this bad?
    /// The API requires an ASCII token of at most 64 characters; the error code the service uses
    /// for a bad one is not documented (`InvalidParameter` is likely). Note that a fixed token
    /// makes every submit of the manifest idempotent: resubmitting returns the first pipeline,
    /// and resubmitting with changed parameters fails with `IdempotentParameterMismatch`. Leave
    /// it out to let `bclint submit` generate a fresh token per submit.
    ///
    /// ## Example
    /// ```toml
    /// client_token = "构建-1"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// client_token = "web-base-build-1"
    /// ```
    pub static RULE = {
        code: "BC514",
        name: "invalid-client-token",
        severity: Error,
        api_error: Some("InvalidParameter"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let Some(token) = &checker.manifest.client_token else {
        return;
    };
    let value = token.value.as_str();
    let problem = if value.is_empty() {
        Some("must not be empty".to_owned())
    } else if let Some(bad) = value.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
        Some(format!(
            "must be printable ASCII, not `{}`",
            bad.escape_debug()
        ))
    } else if value.len() > 64 {
        Some(format!(
            "must be at most 64 characters, not {}",
            value.len()
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        checker
            .report(&RULE, token.span, format!("`client_token` {problem}"))
            .help("leave it out to let `bclint submit` generate one");
    }
}
