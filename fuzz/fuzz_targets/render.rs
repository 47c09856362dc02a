//! The wire form never panics and re-renders to itself.
#![no_main]

use bc_syntax::{FileKind, parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let wire = render(&parse(text, FileKind::Build));
    // Known limitations (see crates/bc_lint/tests/properties.rs): a leading U+FEFF, and a word
    // ending in a backslash before a dangling continuation.
    if wire.starts_with('\u{feff}') || wire.contains("\\\n") {
        return;
    }
    assert_eq!(render(&parse(&wire, FileKind::Build)), wire);
});
