use bc_syntax::KeywordKind;

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for command keywords that are not written in uppercase, such as `run` or `Copy`.
    ///
    /// ## Why is this bad?
    /// Every Image Builder example and error code uses uppercase keywords, and the service does
    /// not document whether it accepts other cases; if it does not, the template fails with
    /// `InvalidImageTemplateCommand.NotSupported`. `bclint render` and `bclint submit` always
    /// send uppercase keywords; writing them that way keeps the source and the wire form alike.
    ///
    /// ## Example
    /// ```buildcontent
    /// run yum install -y nginx
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN yum install -y nginx
    /// ```
    ///
    /// ## Fix safety
    /// Upper-casing a keyword is safe.
    pub static RULE = {
        code: "BC301",
        name: "non-uppercase-command",
        severity: Warning,
        api_error: Some("InvalidImageTemplateCommand.NotSupported"),
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands() {
        let keyword = command.keyword;
        if keyword.kind == KeywordKind::Unknown {
            continue;
        }
        let written = checker.text(keyword.span);
        let canonical = keyword.kind.as_str();
        if written == canonical {
            continue;
        }
        // `concat` rather than `format!`: a file may have a lower-case keyword on every line.
        checker
            .report(
                &RULE,
                keyword.span,
                ["`", written, "` should be written `", canonical, "`"].concat(),
            )
            .fix(Fix::safe(
                ["Replace with `", canonical, "`"].concat(),
                vec![Edit::replace(keyword.span, canonical)],
            ));
    }
}
