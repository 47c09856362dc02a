//! `bench-corpus`: writes a corpus of generated templates.
//!
//! ```text
//! bench-corpus --out DIR [--count N] [--size BYTES] [--seed S] [--dockerfile] [--dockerfile-names]
//! ```
//!
//! `--dockerfile` restricts the commands to RUN/ENV/WORKDIR/COPY/USER/LABEL/CMD; with
//! `--dockerfile-names` the files are named `NNNNN.Dockerfile` instead of `NNNNN.buildcontent`
//! (same contents), for hadolint.

use std::path::PathBuf;
use std::process::ExitCode;

use bench_corpus::{Flavor, file_name, generate};

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let (mut count, mut size, mut seed) = (100usize, 2048usize, 1u64);
    let (mut flavor, mut dockerfile_names) = (Flavor::Full, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out"))),
            "--count" => count = value("--count").parse().expect("--count is a number"),
            "--size" => size = value("--size").parse().expect("--size is a number"),
            "--seed" => seed = value("--seed").parse().expect("--seed is a number"),
            "--dockerfile" => flavor = Flavor::Dockerfile,
            "--dockerfile-names" => dockerfile_names = true,
            _ => {
                eprintln!(
                    "usage: bench-corpus --out DIR [--count N] [--size BYTES] [--seed S] \
                     [--dockerfile] [--dockerfile-names]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("bench-corpus: --out DIR is required");
        return ExitCode::from(2);
    };
    std::fs::create_dir_all(&out).expect("create the output directory");
    for i in 0..count {
        let text = generate(seed.wrapping_add(i as u64), size, flavor);
        std::fs::write(out.join(file_name(i, dockerfile_names)), text).expect("write a template");
    }
    ExitCode::SUCCESS
}
