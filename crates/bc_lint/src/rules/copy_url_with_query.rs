use bc_syntax::Span;

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
    let queries: Vec<Span> = checker
        .copy_urls()
        .filter_map(|(word, url_start, url)| {
            let at = url.find('?')?;
            // Leave a closing quote out of the span.
            let end = word.span.end - usize::from(url.len() > at + 1 && url.ends_with(['"', '\'']));
            Some(Span::new(url_start + at, end))
        })
        .collect();
    for span in queries {
        checker
            .report(&RULE, span, "`COPY` URL has a query string")
            .note("Image Builder downloads the file with wget and does not support query strings in the URL, so presigned URLs fail")
            .help("host the file at a URL without `?…`, or download it from OSS with a component that uses `OSSDownload`");
    }
}
