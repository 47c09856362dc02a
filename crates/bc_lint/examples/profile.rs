//! Parses and lints a generated 16 KB template many times, for profiling with callgrind:
//!
//! ```text
//! cargo build --release -p bc_lint --example profile
//! valgrind --tool=callgrind target/release/examples/profile 100
//! ```
//!
//! The optional second argument picks the stage: `parse`, `lint` or `both` (default); a third,
//! `dockerfile`, profiles the Dockerfile-compatible template instead of the full one.

use bc_lint::{Config, lint};
use bc_syntax::{FileKind, parse};
use bench_corpus::{Flavor, generate};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let stage = args.next().unwrap_or_else(|| "both".into());
    let flavor = match args.next().as_deref() {
        Some("dockerfile") => Flavor::Dockerfile,
        _ => Flavor::Full,
    };
    let text = generate(1, 16 * 1024, flavor);
    let config = Config::default();
    let parsed = parse(&text, FileKind::Build);
    let mut findings = 0;
    for _ in 0..rounds {
        match stage.as_str() {
            "parse" => {
                findings += parse(std::hint::black_box(&text), FileKind::Build)
                    .items()
                    .len()
            }
            "lint" => findings += lint(std::hint::black_box(&parsed), &config).len(),
            _ => {
                findings += lint(
                    &parse(std::hint::black_box(&text), FileKind::Build),
                    &config,
                )
                .len()
            }
        }
    }
    println!("{findings}");
}
