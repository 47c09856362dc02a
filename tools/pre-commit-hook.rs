//! The executable pre-commit installs.
//!
//! pre-commit's `language: rust` runs `cargo install --path .` at the root of the hook
//! repository, which needs a package there; this one-line binary is that package's only target
//! and runs exactly the `bclint` command line.

fn main() -> std::process::ExitCode {
    bclint::run()
}
