//! Unified diffs of the changes fixes and the formatter make, for `--diff`.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::escape::escape_controls;

/// A unified diff of `before` and `after`, labelled with `path`.
pub fn unified_diff(path: &Path, before: &str, after: &str) -> String {
    unified_diff_until(path, before, after, Instant::now() + DIFF_TIME)
}

/// How long the search for the smallest diff may take. Myers' algorithm takes time in the
/// product of the file's length and the number of changed lines, so a fix of every line of a
/// large file took seconds; after this, the rest of the diff is approximated: still exact, but
/// it may replace more lines than it had to.
const DIFF_TIME: Duration = Duration::from_millis(500);

fn unified_diff_until(path: &Path, before: &str, after: &str, deadline: Instant) -> String {
    let name = escape_controls(&path.display().to_string()).into_owned();
    similar::TextDiff::configure()
        .deadline(deadline)
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a unified diff of one file to `before`.
    fn patch(before: &str, diff: &str) -> String {
        let old: Vec<&str> = before.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut next = 0;
        for line in diff.split_inclusive('\n').skip(2) {
            if let Some(hunk) = line.strip_prefix("@@ -") {
                let start: usize = hunk.split([',', ' ']).next().unwrap().parse().unwrap();
                let start = start.saturating_sub(1).max(next);
                out.extend(old[next..start].iter().copied());
                next = start;
            } else if let Some(added) = line.strip_prefix('+') {
                out.push_str(added);
            } else if let Some(kept) = line.strip_prefix(' ') {
                out.push_str(kept);
                next += 1;
            } else if line.starts_with('-') {
                next += 1;
            }
        }
        out.extend(old[next..].iter().copied());
        out
    }

    #[test]
    fn the_diff_of_a_megabyte_turns_before_into_after_even_when_approximated() {
        let long = |value: &str| format!("ENV{}\n", format!(" a={value}").repeat(1 << 18));
        let lines = |every: usize| -> String {
            (0..50_000)
                .map(|i| {
                    if i % every == 0 {
                        format!("RUN a{}\n", i % 7)
                    } else {
                        format!("run a{}\n", i % 7)
                    }
                })
                .collect()
        };
        let cases = [
            (
                format!("RUN x\n{}RUN y\n", long("b")),
                format!("RUN x\n{}RUN y\n", long("\"b\"")),
            ),
            (lines(usize::MAX), lines(3)),
        ];
        let path = Path::new("a.buildcontent");
        for (before, after) in &cases {
            let past = Instant::now();
            for deadline in [Instant::now() + Duration::from_secs(3600), past] {
                let diff = unified_diff_until(path, before, after, deadline);
                assert!(diff.starts_with("--- a.buildcontent\n+++ a.buildcontent\n"));
                assert!(
                    patch(before, &diff) == *after,
                    "the diff does not reproduce the fix"
                );
            }
        }
    }
}
