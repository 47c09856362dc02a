//! `{{ name }}` and `{{ task.stdout }}` references inside values.

use std::ops::Range;

/// One reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'v> {
    /// Where it is in the value, braces included.
    pub range: Range<usize>,
    /// What it names: a parameter, or a task's output.
    pub target: Target<'v>,
}

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'v> {
    /// `{{ name }}`.
    Parameter(&'v str),
    /// `{{ task.field }}` (the documented field is `stdout`).
    Output {
        /// The task's `Name`.
        task: &'v str,
        /// What follows the dot.
        field: &'v str,
    },
}

/// The references in `value`, in order. Spaces inside the braces are optional, as the
/// documentation writes both `{{ x }}` and `{{x}}`.
pub fn references(value: &str) -> impl Iterator<Item = Reference<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = from + find_double(&value[from..], '{')?;
            let close = open + 2 + find_double(&value[open + 2..], '}')?;
            from = close + 2;
            let inner = value[open + 2..close].trim();
            if inner.is_empty() || inner.contains(['{', '\n']) {
                continue;
            }
            let target = match inner.split_once('.') {
                Some((task, field)) => Target::Output {
                    task: task.trim(),
                    field: field.trim(),
                },
                None => Target::Parameter(inner),
            };
            return Some(Reference {
                range: open..close + 2,
                target,
            });
        }
    })
}

/// Whether the value is exactly one reference (with surrounding spaces), so its type is the
/// type of what it names.
pub fn is_single_reference(value: &str) -> bool {
    let trimmed = value.trim();
    references(trimmed)
        .next()
        .is_some_and(|r| r.range == (0..trimmed.len()))
}

/// Where `brace` is first written twice in a row in `text`: `find("{{")` with memchr, which
/// is much faster than a substring search on the long scripts most values are.
fn find_double(text: &str, brace: char) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find(brace)?;
        if text[at + 1..].starts_with(brace) {
            return Some(at);
        }
        from = at + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_parameters_and_outputs() {
        let found: Vec<_> = references("echo $(({{count.stdout}}+{{ x }})) {{}} {{ a")
            .map(|r| r.target)
            .collect();
        assert_eq!(
            found,
            [
                Target::Output {
                    task: "count",
                    field: "stdout"
                },
                Target::Parameter("x"),
            ]
        );
        assert!(is_single_reference(" {{ x }} "));
        assert!(!is_single_reference("{{ x }} y"));
    }

    #[test]
    fn find_double_finds_what_a_substring_search_finds() {
        for text in [
            "", "{", "{{", "{{{", "a{b{{c", "}{}}", "é{é{{", "{ {", "x}}}",
        ] {
            assert_eq!(find_double(text, '{'), text.find("{{"), "{text:?}");
            assert_eq!(find_double(text, '}'), text.find("}}"), "{text:?}");
        }
    }
}
