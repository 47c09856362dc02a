//! Parsing never panics, and every span lies on character boundaries inside the text.
#![no_main]

use bc_syntax::{FileKind, Item, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for kind in FileKind::ALL {
        let parsed = parse(text, kind);
        for item in parsed.items() {
            let span = item.span();
            assert!(text.get(span.range()).is_some(), "{span:?}");
            if let Item::Command(command) = item {
                let command = parsed.command(command);
                for line in command.lines() {
                    assert!(text.get(line.range()).is_some(), "{line:?}");
                }
                for word in command.args() {
                    assert!(text.get(word.span.range()).is_some(), "{:?}", word.span);
                }
            }
        }
        for error in parsed.errors() {
            assert!(text.get(error.span.range()).is_some(), "{:?}", error.span);
        }
    }
});
