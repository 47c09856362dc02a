//! BC712: the service could not be asked, so the online rules did not run.

use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::Span;

declare_rule! {
    /// ## What it does
    /// Online only (`bclint check --online`, or `bclint.online` in the editor): reports, once,
    /// that the service could not be asked (no credentials, no region, a timeout, throttling, no
    /// network, an error answer), and why. The references that were not checked are left
    /// unjudged; the offline findings stand.
    ///
    /// ## Why is this bad?
    /// It is not: it is information, so that a skipped online check is never silent. On its own it
    /// never makes `check` fail, whatever `fail-on` says: an unreachable service is not a fault
    /// of the files checked. Set `[severity] BC712 = "off"` to hide it.
    ///
    /// ## Example
    /// `bclint check --online` without credentials:
    /// ```text
    /// info[BC712]: the online check did not run: no credentials found …
    /// ```
    ///
    /// ## Use instead
    /// Set credentials (`ALIBABA_CLOUD_ACCESS_KEY_ID`/`ALIBABA_CLOUD_ACCESS_KEY_SECRET`, or
    /// `--profile`) and a region (`--region`), or run `check` without `--online`.
    pub static RULE = {
        code: "BC712",
        name: "online-check-unavailable",
        severity: Info,
        api_error: None,
        fix: None,
    }
}

/// The finding at `span` (the first reference that could not be checked) for `reason`, which
/// must not quote a secret: the callers pass the client's error messages, which never do. The
/// reason's first line is the message; the rest (what was tried, say) is a note.
pub fn diagnostic(span: Span, reason: &str) -> Diagnostic {
    let (first, rest) = reason.split_once('\n').unwrap_or((reason, ""));
    let mut diagnostic = Diagnostic::new(
        &RULE,
        span,
        format!("the online check did not run: {first}"),
    );
    let rest = rest.trim_end();
    if !rest.is_empty() {
        diagnostic.note(rest.to_string());
    }
    diagnostic.help("component references and base images were checked offline only; the offline findings stand");
    diagnostic
}
