//! Applying fixes: edits are applied in one pass per round, rounds repeat until nothing changes.

use bc_syntax::{FileKind, Span};

use crate::linter::lint;
use crate::{Config, Diagnostic, Edit};

/// The most rounds `fix` runs; fixes that keep producing new fixes stop here.
const MAX_ROUNDS: usize = 16;

/// What fixing produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
    /// The findings that remain in the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// Applies every applicable fix (safe ones, and unsafe ones when `unsafe_fixes`) until the text
/// stops changing.
pub fn fix(source: &str, kind: FileKind, config: &Config, unsafe_fixes: bool) -> FixOutcome {
    fix_until_stable(source, unsafe_fixes, |text| {
        lint(&bc_syntax::parse(text, kind), config)
    })
}

/// The fix loop for any kind of file: lints with `lint`, applies the applicable fixes that do not
/// overlap, and repeats until nothing changes (at most a fixed number of rounds, so fixes that
/// keep producing new fixes cannot loop forever). Manifests use it with their own linter.
pub fn fix_until_stable(
    source: &str,
    unsafe_fixes: bool,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut text = source.to_owned();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let diagnostics = lint(&text);
        let fixes: Vec<&[Edit]> = diagnostics
            .iter()
            .filter_map(|diagnostic| diagnostic.applicable_fix(unsafe_fixes))
            .map(|fix| fix.edits.as_slice())
            .collect();
        let (next, count) = apply_fixes(&text, &fixes);
        if count == 0 || next == text {
            return FixOutcome {
                text,
                applied,
                remaining: diagnostics,
            };
        }
        applied += count;
        text = next;
    }
    let remaining = lint(&text);
    FixOutcome {
        text,
        applied,
        remaining,
    }
}

/// Applies whole fixes in order, skipping any fix that overlaps one already taken this round.
/// Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, fixes: &[&[Edit]]) -> (String, usize) {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| {
        fixes[i]
            .first()
            .map(|edit| (edit.span.start, edit.span.end))
    });
    let mut taken = Taken::default();
    let mut count = 0;
    for i in order {
        let edits = fixes[i];
        if !edits.is_empty() && !edits.iter().any(|edit| taken.conflicts(edit.span)) {
            taken.take(edits);
            count += 1;
        }
    }
    let mut edits: Vec<Edit> = taken.edits.into_iter().cloned().collect();
    (apply_edits(text, &mut edits), count)
}

/// The edits taken so far in a round, and the spans they cover: each fix's edits, merged where
/// they overlap one another, keyed by start. Spans of different fixes never conflict, so in
/// start order each ends where or before the next starts, and a new span is checked against
/// its few neighbours instead of every edit (a long line can carry tens of thousands of fixes).
#[derive(Default)]
struct Taken<'a> {
    edits: Vec<&'a Edit>,
    covered: std::collections::BTreeMap<usize, usize>,
}

impl<'a> Taken<'a> {
    fn take(&mut self, edits: &'a [Edit]) {
        self.edits.extend(edits);
        let mut spans: Vec<Span> = edits.iter().map(|edit| edit.span).collect();
        spans.sort_by_key(|span| (span.start, span.end));
        let mut cover: Option<Span> = None;
        for span in spans {
            cover = match cover {
                Some(merged) if overlap(merged, span) => {
                    Some(Span::new(merged.start, merged.end.max(span.end)))
                }
                Some(done) => {
                    self.covered.insert(done.start, done.end);
                    Some(span)
                }
                None => Some(span),
            };
        }
        if let Some(done) = cover {
            self.covered.insert(done.start, done.end);
        }
    }

    /// Whether `span` conflicts with a taken edit. Only spans starting at or before `span.end`
    /// can; walking back from there, the first one ending at or before `span.start` (and starting
    /// before it) ends the search, since every earlier one ends earlier still.
    fn conflicts(&self, span: Span) -> bool {
        for (&start, &end) in self.covered.range(..=span.end).rev() {
            if overlap(span, Span::new(start, end)) {
                return true;
            }
            if end <= span.start && start < span.start {
                return false;
            }
        }
        false
    }
}

/// Applies non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &mut [Edit]) -> String {
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for edit in edits.iter() {
        if edit.span.start < last {
            continue;
        }
        out.push_str(&text[last..edit.span.start]);
        out.push_str(&edit.replacement);
        last = edit.span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Two edits conflict when their ranges intersect, or when both insert at the same point.
fn overlap(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule `apply_fixes` implements, checked against every taken edit: the reference for
    /// the neighbour search.
    fn apply_fixes_all_pairs(text: &str, fixes: &[&[Edit]]) -> (String, usize) {
        let mut order: Vec<usize> = (0..fixes.len()).collect();
        order.sort_by_key(|&i| fixes[i].first().map(|e| (e.span.start, e.span.end)));
        let mut taken: Vec<Edit> = Vec::new();
        let mut count = 0;
        for i in order {
            let edits = fixes[i];
            let overlaps = edits
                .iter()
                .any(|edit| taken.iter().any(|other| overlap(edit.span, other.span)));
            if !overlaps && !edits.is_empty() {
                taken.extend(edits.iter().cloned());
                count += 1;
            }
        }
        (apply_edits(text, &mut taken), count)
    }

    fn edit() -> impl Strategy<Value = Edit> {
        (0usize..24, 0usize..4, "[xy]{0,2}")
            .prop_map(|(start, len, text)| Edit::replace(Span::new(start, start + len), text))
    }

    proptest! {
        #[test]
        fn takes_the_same_fixes_as_checking_every_pair(
            fixes in prop::collection::vec(prop::collection::vec(edit(), 0..3), 0..12)
        ) {
            let text = "abcdefghijklmnopqrstuvwxyz0";
            let fixes: Vec<&[Edit]> = fixes.iter().map(Vec::as_slice).collect();
            prop_assert_eq!(apply_fixes(text, &fixes), apply_fixes_all_pairs(text, &fixes));
        }
    }

    /// One line with 65,536 unquoted `ENV` values: every fix is applied in one round (this took
    /// 20 s when each fix was checked against every fix taken before it).
    #[test]
    fn fixes_a_long_line_in_one_pass() {
        let text = format!("ENV{}\n", " a=b".repeat(65_536));
        let diagnostics = lint(
            &bc_syntax::parse(&text, FileKind::Build),
            &Config::default(),
        );
        let fixes: Vec<&[Edit]> = diagnostics
            .iter()
            .filter_map(|d| d.applicable_fix(true))
            .map(|fix| fix.edits.as_slice())
            .collect();
        let (fixed, applied) = apply_fixes(&text, &fixes);
        assert_eq!(applied, fixes.len());
        assert!(fixed == format!("ENV{}\n", " a=\"b\"".repeat(65_536)));
    }
}
