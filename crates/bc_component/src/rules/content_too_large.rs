//! BC101 for a YAML component: the service receives its text as it is, so every byte counts,
//! comments included.

pub(crate) use bc_lint::rules::content_too_large::RULE;
use bc_lint::rules::content_too_large::group_digits;
use bc_syntax::{MAX_CONTENT_BYTES, Span};

use crate::Checker;

pub(crate) fn check(checker: &mut Checker<'_>) {
    let source = checker.source;
    let size = source.len();
    if size <= MAX_CONTENT_BYTES {
        return;
    }
    // Point at the line holding the first byte over the limit.
    let start = source[..MAX_CONTENT_BYTES]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let end = source[start..].find('\n').map_or(size, |at| start + at);
    checker
        .report(
            &RULE,
            Span::new(start, end),
            format!(
                "the component is {} bytes; the limit is {} bytes (16 KB)",
                group_digits(size),
                group_digits(MAX_CONTENT_BYTES)
            ),
        )
        .note(format!(
            "the service rejects it with `InvalidContent.LengthExceeded`; the limit is crossed on this line, and {} bytes must go",
            group_digits(size - MAX_CONTENT_BYTES)
        ))
        .help("split the tasks into several components, or download a script with `OSSDownload` or `WebDownload` and run it");
}
