//! Fixing a YAML component never panics, converges (a second run applies nothing), and never
//! breaks valid YAML: a component without a YAML error has none after its fixes, because a fix
//! is kept only where its edits map exactly onto the text.
#![no_main]

use bc_component::{Options, lint, parse};
use bc_lint::fix_until_stable;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let options = Options::default();
    let lint_text = |text: &str| lint(&parse(text), &options);
    let first = fix_until_stable(text, true, lint_text);
    let second = fix_until_stable(&first.text, true, lint_text);
    assert_eq!(second.applied, 0, "{:?}", first.text);
    if parse(text).errors().is_empty() {
        assert!(parse(&first.text).errors().is_empty(), "{:?}", first.text);
    }
});
