//! Bounded quotes of user text, for messages.

use std::borrow::Cow;

/// The most characters of user text one quote in a message holds, the `…` included.
pub const EXCERPT_CHARS: usize = 80;

/// `text` as a message quotes it: whole if it has at most [`EXCERPT_CHARS`] characters, else its
/// beginning and `…`. A message quotes a word or value to say which one is wrong; quoting all of
/// a megabyte-long word (or of a file that is no template at all, such as `/proc/self/environ`)
/// would flood the output and could print secrets.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    // Looks at most `EXCERPT_CHARS + 1` characters, however long the text is.
    let mut boundaries = text.char_indices().map(|(at, _)| at);
    match boundaries.nth(EXCERPT_CHARS - 1) {
        Some(cut) if boundaries.next().is_some() => Cow::Owned(format!("{}…", &text[..cut])),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(excerpt("RUN"), "RUN");
        assert_eq!(excerpt(""), "");
        let exactly = "é".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exactly), exactly);
    }

    #[test]
    fn long_text_is_cut_to_the_bound_on_a_character_boundary() {
        let long = "é".repeat(EXCERPT_CHARS + 1);
        let quoted = excerpt(&long);
        assert_eq!(quoted.chars().count(), EXCERPT_CHARS);
        assert_eq!(quoted, format!("{}…", "é".repeat(EXCERPT_CHARS - 1)));
        assert_eq!(excerpt(&"x".repeat(1 << 20)).chars().count(), EXCERPT_CHARS);
    }
}
