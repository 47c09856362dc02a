//! Making text written by others safe to print: on a terminal or in a CI log, and in XML.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` safe to print on a terminal or into a CI log: each control character but the tab
/// (C0, DEL and C1, among them ESC and BEL, which start and end the sequences that move the
/// cursor, set the window title or make links) is written as a Rust escape such as `\u{1b}`.
/// Templates and file names are written by whoever opened the pull request.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        escape_control(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` to `out`, escaped as [`escape_controls`] does.
pub fn escape_control(out: &mut String, c: char) {
    if is_escaped(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// Escapes text for XML attributes and content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}
