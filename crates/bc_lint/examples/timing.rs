use bc_lint::{Config, lint};
use bc_syntax::{FileKind, parse};
use bench_corpus::{Flavor, generate};
use std::time::Instant;
fn main() {
    let flavor = if std::env::args().nth(1).as_deref() == Some("docker") {
        Flavor::Dockerfile
    } else {
        Flavor::Full
    };
    let text = generate(1, 16 * 1024, flavor);
    let config = Config::default();
    let parsed = parse(&text, FileKind::Build);
    println!(
        "{} bytes, {} findings",
        text.len(),
        lint(&parsed, &config).len()
    );
    for round in 0..3 {
        let n = 3000;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(parse(std::hint::black_box(&text), FileKind::Build));
        }
        let p = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(lint(std::hint::black_box(&parsed), &config));
        }
        let l = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(lint(
                &parse(std::hint::black_box(&text), FileKind::Build),
                &config,
            ));
        }
        let b = t.elapsed() / n;
        println!("round {round}: parse+drop {p:?}  lint+drop {l:?}  parse+lint+drop {b:?}");
    }
}
