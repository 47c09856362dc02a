//! In-process benchmarks of YAML components: parse, lint, and parse + lint of generated 1 KB
//! and 16 KB components (parameters, every action, `|` scripts, references). Run with
//! `cargo bench -p bc_component`; the figures are recorded in BENCHMARKS.md.

use bc_component::{Options, lint, parse};
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1024, 16 * 1024];

/// A component of about `size` bytes, just under the service's 16 KB limit at the larger size.
fn component(size: usize) -> String {
    bench_corpus::yaml_component(size)
}

#[divan::bench(args = SIZES)]
fn parse_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = component(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(black_box(&text)));
}

#[divan::bench(args = SIZES)]
fn lint_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = component(size);
    let parsed = parse(&text);
    let options = Options::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| lint(black_box(&parsed), &options));
}

#[divan::bench(args = SIZES)]
fn parse_and_lint(bencher: Bencher<'_, '_>, size: usize) {
    let text = component(size);
    let options = Options::default();
    assert!(
        lint(&parse(&text), &options).is_empty(),
        "the benchmark component is clean"
    );
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| lint(&parse(black_box(&text)), &options));
}

/// `parse` through saphyr's parser, as for text the fast block-style reader leaves to it.
#[divan::bench(args = SIZES)]
fn parse_saphyr_path(bencher: Bencher<'_, '_>, size: usize) {
    let text = component(size);
    assert!(
        bc_component::parse_block_subset(&text).is_some(),
        "the benchmark component is read by the fast reader"
    );
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| bc_component::parse_with_saphyr(black_box(&text)));
}

/// saphyr's event parser alone, with no tree: the floor under `parse_saphyr_path`.
#[divan::bench(args = SIZES)]
fn saphyr_events(bencher: Bencher<'_, '_>, size: usize) {
    let text = component(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| saphyr_parser::Parser::new_from_str(black_box(&text)).count());
}
