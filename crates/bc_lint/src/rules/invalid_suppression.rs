use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `# bclint: ignore=…` and `# bclint: ignore-file=…` comments for rule codes that do
    /// not exist, for codes that suppress nothing, for a suppression with no command after it, and
    /// for comments that start with `bclint:` but are not a valid directive.
    ///
    /// ## Why is this bad?
    /// A suppression with a typo silences nothing and hides that fact; a suppression that no
    /// longer matches a finding is noise that will silently hide the next real problem on that
    /// command. Suppressions never reach the service: comments are removed from the wire form.
    ///
    /// ## Example
    /// ```buildcontent
    /// # bclint: ignore=BC999
    /// RUN yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN yum install -y nginx
    /// ```
    ///
    /// ## Fix safety
    /// Removing an unused code (or the whole comment when it names only that code) is safe.
    pub static RULE = {
        code: "BC006",
        name: "invalid-suppression",
        severity: Warning,
        api_error: None,
        fix: Sometimes,
    }
}

/// The work happens after every other rule has run, in [`crate::suppression::apply`], because
/// whether a suppression is used depends on the other findings.
pub fn check(_checker: &mut Checker<'_>) {}
