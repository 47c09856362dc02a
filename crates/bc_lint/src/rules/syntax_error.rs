use bc_syntax::SyntaxErrorKind;

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports text the parser cannot read: an unterminated quote, a `CMD`/`ENTRYPOINT` exec form
    /// that is not valid JSON, a NUL or other control byte, or a line with no command keyword.
    ///
    /// ## Why is this bad?
    /// Image Builder rejects content it cannot parse (`InvalidParameter.BuildContent`, or
    /// `InvalidCommandContent.<COMMAND>`), and a template that does parse but means something else
    /// than intended fails half an hour into a paid build. A file that is not UTF-8 at all is not
    /// linted: `bclint` stops with exit code 2 and names the file and byte offset.
    ///
    /// ## Example
    /// ```buildcontent
    /// LABEL owner="platform
    /// CMD ["/usr/bin/app", --serve]
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// LABEL owner="platform"
    /// CMD ["/usr/bin/app", "--serve"]
    /// ```
    pub static RULE = {
        code: "BC001",
        name: "syntax-error",
        severity: Error,
        api_error: Some("InvalidParameter.BuildContent"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for error in checker.parse.errors() {
        let note = match error.kind {
            SyntaxErrorKind::DanglingContinuation => continue,
            SyntaxErrorKind::UnterminatedString => {
                "a quote opened here is never closed on this command"
            }
            SyntaxErrorKind::ControlCharacter => {
                "control bytes are invisible in editors and rejected by the service"
            }
            SyntaxErrorKind::InvalidJsonArray => {
                "an exec form must be a JSON array of double-quoted strings"
            }
            SyntaxErrorKind::MissingKeyword => {
                "every line must start with a command keyword such as RUN"
            }
        };
        checker
            .report(&RULE, error.span, error.message.clone())
            .note(note);
    }
}
