//! Prints everything the parser and linter produce for thousands of generated, randomly mutated
//! templates: tree, syntax errors, wire form, formatted text, findings and the fix outcome. Run
//! it before and after a change that must not change behaviour (an optimisation) and compare:
//!
//! ```text
//! cargo run --release -p bc_lint --example differential -- 40000 > after.txt
//! ```
use bc_lint::{Config, describe, fix, format, lint};
use bc_syntax::{FileKind, debug_tree, parse, render};
use bench_corpus::{Flavor, Rng, generate};
use std::fmt::Write;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let pieces = [
        "\\\n",
        "\"",
        "'",
        "[",
        "]",
        ",",
        "=",
        "#",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\0",
        "\\",
        "acs:ecs:a:b:imagecomponent/x:1.2",
        "--p",
        "LTAI12345678901234",
        "&&",
        "|",
        "run ",
        "ENV a=b ",
        "\u{3000}",
        "COMPONENT ",
        "\nFROM IMAGE:m-1\n",
        "add ",
        "\nLABEL a=1 ",
        "\nCMD [\"a\"]\n",
        "\nRESTART x\n",
        "\t",
        " \t\\ \n",
        "= ",
        "[ \"a\" , ",
        "\" \t",
        "#\t",
    ];
    let mut out = String::new();
    for seed in 0..n {
        let flavor = if seed % 2 == 0 {
            Flavor::Full
        } else {
            Flavor::Dockerfile
        };
        let mut text = generate(seed, 300 + (seed as usize % 7) * 200, flavor);
        let mut rng = Rng::new(seed ^ 0xabcdef);
        for _ in 0..(seed % 9) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if rng.below(2) == 0 {
                text.insert_str(at, rng.pick(&pieces));
            } else {
                let mut end = (at + rng.below(8)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
        }
        let kind = [FileKind::Build, FileKind::Test, FileKind::Component][seed as usize % 3];
        let parsed = parse(&text, kind);
        let config = Config::default();
        let _ = writeln!(out, "=== {seed}\n{}", debug_tree(&parsed));
        let _ = writeln!(out, "{:?}", parsed.errors());
        let _ = writeln!(out, "{}", render(&parsed));
        let _ = writeln!(out, "{}", format(&parsed));
        let _ = writeln!(out, "{}", describe(&text, &lint(&parsed, &config)));
        let _ = writeln!(out, "{:?}", fix(&text, kind, &config, true));
    }
    print!("{out}");
}
