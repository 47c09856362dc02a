//! Manifest parsing and linting never panic, and findings lie inside the text.
#![no_main]

use bc_lint::Config;
use bc_pipeline::{Templates, lint_manifest, parse_manifest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse_manifest(text);
    for diagnostic in lint_manifest(text, &Templates::default(), &Config::default()) {
        assert!(text.get(diagnostic.span.range()).is_some());
    }
});
