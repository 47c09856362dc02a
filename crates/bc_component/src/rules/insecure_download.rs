//! BC305 for `WebDownload`: a `sourcePath` over plain `http://`.

pub(crate) use bc_lint::rules::insecure_download::RULE;
use bc_lint::{Edit, Fix};

use crate::Checker;

pub(crate) fn check(checker: &mut Checker<'_>) {
    let mut found = Vec::new();
    for task in checker
        .tasks
        .iter()
        .filter(|task| task.action.is_some_and(|a| a.name == "WebDownload"))
    {
        let Some(node) = task
            .properties
            .and_then(|p| p.get("sourcePath"))
            .map(|e| &e.value)
        else {
            continue;
        };
        let Some(value) = node.as_str() else { continue };
        let url = value.trim_start();
        if url.len() < 7 || !url[..7].eq_ignore_ascii_case("http://") {
            continue;
        }
        let at = value.len() - url.len();
        let exact = crate::SourceMap::of(checker.source, node).map(|map| map.span(at, at + 4));
        found.push((node.span, exact));
    }
    for (value_span, scheme) in found {
        let diagnostic = checker
            .report(&RULE, scheme.map_or(value_span, |s| bc_syntax::Span::new(s.start, s.end + 3)), "`WebDownload` downloads over plain HTTP")
            .note("without TLS the file can be read or replaced in transit, and it ends up in the image");
        match scheme {
            Some(scheme) => {
                diagnostic.fix(Fix::unsafe_(
                    "Use `https://`",
                    vec![Edit::replace(scheme, "https")],
                ));
            }
            None => {
                diagnostic.help("download it over `https://`");
            }
        }
    }
}
