//! Applying fixes: edits are applied in one pass per round, rounds repeat until nothing changes.

use bc_syntax::{FileKind, Span};

use crate::{Config, Diagnostic, Edit, lint};

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
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for i in order {
        let edits = fixes[i];
        let overlaps = edits
            .iter()
            .any(|edit| taken.iter().any(|other| overlap(edit.span, other.span)));
        if !overlaps && !edits.is_empty() {
            taken.extend(edits.iter());
            count += 1;
        }
    }
    let mut edits: Vec<Edit> = taken.into_iter().cloned().collect();
    (apply_edits(text, &mut edits), count)
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
