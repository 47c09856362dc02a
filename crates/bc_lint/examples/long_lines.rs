//! Times parse, lint, fix and format on single-line templates of a given size, for finding
//! work that grows faster than the input (not a test; figures go to BENCHMARKS.md):
//!
//! ```text
//! cargo run --release -p bc_lint --example long_lines -- 262144
//! ```

use std::time::Instant;

use bc_lint::{Config, fix, format, lint};
use bc_syntax::{FileKind, parse};

/// The shapes of long line measured: `ENV` pairs, a `RUN` with many words, and one word.
fn lines(size: usize) -> Vec<(&'static str, String)> {
    let fill = |head: &str, unit: &str| {
        let mut line = head.to_owned();
        while line.len() + unit.len() <= size {
            line.push_str(unit);
        }
        line.push('\n');
        line
    };
    vec![
        ("ENV a=b pairs", fill("ENV", " a=b")),
        ("RUN words", fill("RUN", " word")),
        ("RUN one word", fill("RUN ", "x")),
    ]
}

fn main() {
    let size: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(256 * 1024);
    let config = Config::default();
    for (name, text) in lines(size) {
        let start = Instant::now();
        let tree = parse(&text, FileKind::Build);
        let parsed = start.elapsed();
        let findings = lint(&tree, &config);
        let linted = start.elapsed();
        let formatted = format(&tree).len();
        let formatting = start.elapsed() - linted;
        let start = Instant::now();
        let outcome = fix(&text, FileKind::Build, &config, true);
        let fixing = start.elapsed();
        println!(
            "{name:<14} {} bytes: parse {parsed:?}, parse + lint {linted:?} ({} findings), \
             format {formatting:?} ({formatted} bytes), fix {fixing:?} ({} applied)",
            text.len(),
            findings.len(),
            outcome.applied,
        );
    }
}
