use bc_syntax::Span;

use crate::checker::starts_with_ignore_case;
use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY` from a plain `http://` URL.
    ///
    /// ## Why is this bad?
    /// Without TLS, anyone on the path between the build instance and the server can read or
    /// replace the file, and what is downloaded ends up in an image your instances boot from.
    ///
    /// ## Example
    /// ```buildcontent
    /// COPY http://example.com/app.tar.gz /opt/app/
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COPY https://example.com/app.tar.gz /opt/app/
    /// ```
    ///
    /// ## Fix safety
    /// Switching to `https://` is unsafe: the server may not serve the file over TLS.
    pub static RULE = {
        code: "BC305",
        name: "insecure-download",
        severity: Warning,
        api_error: None,
        fix: Always,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let plain: Vec<usize> = checker
        .copy_urls()
        .filter(|(_, _, url)| starts_with_ignore_case(url, "http://"))
        .map(|(_, url_start, _)| url_start)
        .collect();
    for start in plain {
        let scheme = Span::new(start, start + "http".len());
        checker
            .report(&RULE, Span::new(start, start + "http://".len()), "`COPY` downloads over plain HTTP")
            .note("without TLS the file can be read or replaced in transit, and it ends up in the image")
            .fix(Fix::unsafe_("Use `https://`", vec![Edit::replace(scheme, "https")]));
    }
}
