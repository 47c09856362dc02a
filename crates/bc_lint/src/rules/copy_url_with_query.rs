use bc_syntax::{KeywordKind, Span};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` source URL (`http://` or `https://`) that contains a query string
    /// (`?…`), such as an OSS presigned URL.
    ///
    /// ## Why is this bad?
    /// Image Builder downloads `COPY` URLs with `wget` and does not support query strings, so
    /// the download fails and the build with it. Presigned URLs therefore do not work; they also
    /// expire, and put a signature in a template stored in the cloud.
    ///
    /// ## Example
    /// ```buildcontent
    /// COPY https://bucket.oss-cn-hangzhou.aliyuncs.com/app.tar.gz?Expires=1700000000&Signature=abc /opt/app/
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COPY https://example.com/app.tar.gz /opt/app/
    /// ```
    /// or download private files from OSS with a component that uses the `OSSDownload` action.
    pub static RULE = {
        code: "BC106",
        name: "copy-url-with-query",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands() {
        if command.keyword.kind != KeywordKind::Copy {
            continue;
        }
        let Some(source) = command.args.first() else {
            continue;
        };
        let raw = checker.text(source.span);
        let url = raw.trim_start_matches(['"', '\'']);
        if !(starts_with_ignore_case(url, "http://") || starts_with_ignore_case(url, "https://")) {
            continue;
        }
        let Some(at) = raw.find('?') else { continue };
        let end = source.span.end - usize::from(raw.len() > at + 1 && raw.ends_with(['"', '\'']));
        checker
            .report(&RULE, Span::new(source.span.start + at, end), "`COPY` URL has a query string")
            .note("Image Builder downloads the file with wget and does not support query strings in the URL, so presigned URLs fail")
            .help("host the file at a URL without `?…`, or download it from OSS with a component that uses `OSSDownload`");
    }
}

/// ASCII case-insensitive `starts_with`.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}
