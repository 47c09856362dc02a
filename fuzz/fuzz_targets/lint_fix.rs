//! Linting and fixing never panic, spans and edits lie on character boundaries, and fixing
//! converges: a second run applies nothing.
#![no_main]

use bc_lint::{Config, fix, lint};
use bc_syntax::{FileKind, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let config = Config::default();
    for diagnostic in lint(&parse(text, FileKind::Build), &config) {
        assert!(text.get(diagnostic.span.range()).is_some());
        for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
            assert!(text.get(edit.span.range()).is_some());
        }
    }
    let first = fix(text, FileKind::Build, &config, true);
    let second = fix(&first.text, FileKind::Build, &config, true);
    assert_eq!(second.applied, 0, "{:?}", first.text);
});
