use bc_lint::{Edit, Fix, declare_rule};
use bc_syntax::Span;

use crate::Checker;
use crate::model::Spanned;

declare_rule! {
    /// ## What it does
    /// Checks for the deprecated top-level `image_name`, `image_family` and `nvme_support`
    /// (the API's `ImageName`, `ImageFamily` and `NvmeSupport`). bclint still sends them, but
    /// they belong in `[image_options]` (`ImageOptions.ImageName`, `ImageOptions.ImageFamily`,
    /// `ImageOptions.ImageFeatures.NvmeSupport`).
    ///
    /// ## Why is this bad?
    /// The API reference marks them deprecated in favour of `ImageOptions`; deprecated
    /// parameters can stop working. When both forms are set with different values, which one the
    /// service uses is not documented. The values are checked like their `[image_options]`
    /// counterparts once moved (BC509); invalid values would fail with
    /// `InvalidImageName.Malformed`.
    ///
    /// ## Example
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    /// image_name = "web-base"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1234567890abcdef"
    ///
    /// [image_options]
    /// image_name = "web-base"
    /// ```
    ///
    /// ## Fix safety
    /// The fix moves the line into `[image_options]` (creating the table at the end of the file
    /// if there is none), or deletes it when `[image_options]` already has the same value. It is
    /// offered only when the key is alone on its line and `[image_options]` is a `[table]`
    /// header (not an inline table). It is unsafe: the API documents the new parameter as the
    /// replacement, not that the service treats both identically.
    pub static RULE = {
        code: "BC513",
        name: "deprecated-image-fields",
        severity: Warning,
        api_error: Some("InvalidImageName.Malformed"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    let options = m.image_options.as_ref();
    let fields = [
        (
            "image_name",
            &m.image_name,
            options.and_then(|o| o.value.image_name.as_ref()),
        ),
        (
            "image_family",
            &m.image_family,
            options.and_then(|o| o.value.image_family.as_ref()),
        ),
        (
            "nvme_support",
            &m.nvme_support,
            options.and_then(|o| o.value.nvme_support.as_ref()),
        ),
    ];
    for (key, old, new) in fields {
        let Some(old) = old else { continue };
        // A manifest built by hand (not parsed from `source`) gets no fixes.
        let in_text = checker.source.get(old.key.start..old.span.end).is_some()
            && options.is_none_or(|o| checker.source.get(o.span.range()).is_some());
        let line = entry_line(checker.source, old).filter(|_| in_text);
        let header = options
            .filter(|o| in_text && checker.text(o.span) == "[image_options]")
            .map(|o| table_end(checker.source, o.span.end));
        let fix = match (new, line, options) {
            (Some(new), Some(line), _) if new.value == old.value => Some(Fix::unsafe_(
                format!("Remove `{key}`: `[image_options]` already sets it"),
                vec![Edit::delete(line)],
            )),
            (Some(_), _, _) | (None, None, _) => None,
            (None, Some(line), None) => {
                let mut insert = String::new();
                if !checker.source.is_empty() && !checker.source.ends_with('\n') {
                    insert.push('\n');
                }
                insert.push_str(&format!(
                    "\n[image_options]\n{}\n",
                    line.text(checker.source).trim()
                ));
                Some(Fix::unsafe_(
                    format!("Move `{key}` into a new `[image_options]` table"),
                    vec![
                        Edit::delete(line),
                        Edit::insert(checker.source.len(), insert),
                    ],
                ))
            }
            (None, Some(line), Some(_)) => header.map(|(at, newline)| {
                let newline = if newline { "\n" } else { "" };
                Fix::unsafe_(
                    format!("Move `{key}` into `[image_options]`"),
                    vec![
                        Edit::delete(line),
                        Edit::insert(
                            at,
                            format!("{newline}{}\n", line.text(checker.source).trim()),
                        ),
                    ],
                )
            }),
        };
        let diagnostic = checker.report(
            &RULE,
            old.key,
            format!("top-level `{key}` is deprecated; use `image_options.{key}`"),
        );
        diagnostic.deprecated();
        match new {
            Some(new) if new.value != old.value => {
                diagnostic
                    .label(new.span, "`[image_options]` sets a different value")
                    .note("both are sent; which one the service uses is not documented")
                    .help(format!("remove the top-level `{key}`"));
            }
            _ => {}
        }
        match fix {
            Some(fix) => {
                diagnostic.fix(fix);
            }
            None if new.is_none() => {
                diagnostic.help(format!("move it into `[image_options]` as `{key}`"));
            }
            None => {}
        }
    }
}

/// The whole line of a top-level `key = value` entry (with its line break), if nothing else
/// but blanks and a comment is on it.
fn entry_line(source: &str, entry: &Spanned<String>) -> Option<Span> {
    source.get(entry.key.start..entry.span.end)?;
    let start = source[..entry.key.start].rfind('\n').map_or(0, |i| i + 1);
    if !source[start..entry.key.start].trim().is_empty() {
        return None;
    }
    let end = after_line(source, entry.span.end);
    let rest = source[entry.span.end..end].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(Span::new(start, end))
}

/// The offset just after the line break that ends the line containing `offset`.
fn after_line(source: &str, offset: usize) -> usize {
    source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i + 1)
}

/// Where to append an entry to the table whose header ends at `header_end`: after its last
/// non-blank line, and whether a line break must come first (the file ends without one).
fn table_end(source: &str, header_end: usize) -> (usize, bool) {
    let mut at = after_line(source, header_end);
    let mut pos = at;
    while pos < source.len() {
        let end = after_line(source, pos);
        let line = source[pos..end].trim();
        if line.starts_with('[') {
            break;
        }
        if !line.is_empty() {
            at = end;
        }
        pos = end;
    }
    (at, at == source.len() && !source.ends_with('\n'))
}
