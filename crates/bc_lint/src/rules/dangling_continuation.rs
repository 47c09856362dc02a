use bc_syntax::{Span, SyntaxErrorKind};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a line-continuation backslash that continues nothing: one on the last line of
    /// the file, one followed by a blank line, and one followed by trailing spaces or tabs.
    ///
    /// ## Why is this bad?
    /// The service joins continued lines before it reads commands, so a stray `\` can glue the
    /// next command onto this one, and a `\` followed by invisible blanks may not be read as a
    /// continuation at all. Either way the build runs something other than what you see, or the
    /// template is rejected (`InvalidParameter.BuildContent`).
    ///
    /// ## Example
    /// ```buildcontent
    /// RUN yum install -y nginx \
    ///
    /// RUN systemctl enable nginx
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN yum install -y nginx
    ///
    /// RUN systemctl enable nginx
    /// ```
    ///
    /// ## Fix safety
    /// Removing the blanks after a backslash, or a backslash that nothing follows, is safe: the
    /// wire form `bclint render` produces already leaves them out.
    pub static RULE = {
        code: "BC005",
        name: "dangling-continuation",
        severity: Error,
        api_error: Some("InvalidParameter.BuildContent"),
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for error in checker.parse.errors() {
        if error.kind != SyntaxErrorKind::DanglingContinuation {
            continue;
        }
        let text = checker.text(error.span);
        if text.len() > 1 {
            let blanks = Span::new(error.span.start + 1, error.span.end);
            checker
                .report(
                    &RULE,
                    error.span,
                    "whitespace after the line-continuation backslash",
                )
                .note("a backslash continues a line only when the line break follows it directly")
                .fix(Fix::safe(
                    "Remove the trailing whitespace",
                    vec![Edit::delete(blanks)],
                ));
        } else {
            // Take the blanks before the backslash with it, so no trailing whitespace is left.
            let before = checker.source[..error.span.start]
                .trim_end_matches([' ', '\t'])
                .len();
            checker
                .report(&RULE, error.span, error.message.clone())
                .note("the next command would be joined to this one, or the template rejected")
                .fix(Fix::safe(
                    "Remove the dangling backslash",
                    vec![Edit::delete(Span::new(before, error.span.end))],
                ));
        }
    }
}
