//! Parses a text of 2,000 copies of one line many times, for counting what one line of a given
//! shape costs the parser with callgrind (the difference between two round counts, divided by
//! the extra rounds and by 2,000):
//!
//! ```text
//! cargo build --release -p bc_lint --example line_cost
//! valgrind --tool=callgrind target/release/examples/line_cost 1 'RUN a b c'
//! valgrind --tool=callgrind target/release/examples/line_cost 11 'RUN a b c'
//! ```

use bc_syntax::{FileKind, parse};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let line = args.next().unwrap_or_else(|| "RUN a".to_owned());
    let text = format!("{line}\n").repeat(2000);
    let mut items = 0;
    for _ in 0..rounds {
        items += parse(std::hint::black_box(&text), FileKind::Build)
            .items()
            .len();
    }
    println!("{items}");
}
