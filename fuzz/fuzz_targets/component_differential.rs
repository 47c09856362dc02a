//! The fast reader of block-style YAML agrees with saphyr: wherever it does not leave the text
//! to saphyr, it builds the same tree (spans, values, styles) and the same errors.
#![no_main]

use bc_component::{parse_block_subset, parse_with_saphyr};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(fast) = parse_block_subset(text) {
        assert_eq!(fast, parse_with_saphyr(text), "{text:?}");
    }
});
