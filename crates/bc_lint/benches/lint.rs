//! In-process benchmarks of every stage on generated templates (see `crates/bench_corpus`):
//! lex, parse, lint, parse + lint, format, render and fix of 1 KB and 16 KB templates, and lint
//! of a 100-file corpus of 2 KB templates. Run with `cargo bench -p bc_lint`; the figures are
//! recorded in BENCHMARKS.md.

use bc_lint::{Config, fix, format, lint};
use bc_syntax::{FileKind, parse, render};
use bench_corpus::{Flavor, generate};
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1024, 16 * 1024];

fn template(size: usize) -> String {
    generate(1, size, Flavor::Full)
}

#[divan::bench(args = SIZES)]
fn lex(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| bc_syntax::__lex_token_count(black_box(&text)));
}

#[divan::bench(args = SIZES)]
fn parse_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(black_box(&text), FileKind::Build));
}

#[divan::bench(args = SIZES)]
fn lint_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    let parsed = parse(&text, FileKind::Build);
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| lint(black_box(&parsed), &config));
}

#[divan::bench(args = SIZES)]
fn parse_and_lint(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| lint(&parse(black_box(&text), FileKind::Build), &config));
}

/// The same on a Dockerfile-compatible template (`RUN`, `ENV`, `WORKDIR`, `COPY`, `USER`,
/// `LABEL`, `CMD`; one finding), the document of the language-server comparison.
#[divan::bench(args = SIZES)]
fn parse_and_lint_dockerfile(bencher: Bencher<'_, '_>, size: usize) {
    let text = generate(1, size, Flavor::Dockerfile);
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let parsed = parse(black_box(&text), FileKind::Build);
            let findings = lint(&parsed, &config).len();
            drop(parsed);
            findings
        });
}

#[divan::bench(args = SIZES)]
fn format_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    let parsed = parse(&text, FileKind::Build);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| format(black_box(&parsed)));
}

#[divan::bench(args = SIZES)]
fn render_only(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    let parsed = parse(&text, FileKind::Build);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| render(black_box(&parsed)));
}

#[divan::bench(args = SIZES)]
fn fix_all(bencher: Bencher<'_, '_>, size: usize) {
    let text = template(size);
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| fix(black_box(&text), FileKind::Build, &config, true));
}

/// Parse + lint of a corpus of 100 different 2 KB templates, one after the other.
#[divan::bench]
fn corpus_100x2k(bencher: Bencher<'_, '_>) {
    let corpus: Vec<String> = (0..100)
        .map(|seed| generate(seed, 2048, Flavor::Full))
        .collect();
    let bytes = corpus.iter().map(String::len).sum::<usize>();
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            corpus
                .iter()
                .map(|text| lint(&parse(black_box(text), FileKind::Build), &config).len())
                .sum::<usize>()
        });
}
