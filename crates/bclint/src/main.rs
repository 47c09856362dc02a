//! The `bclint` executable.

fn main() -> std::process::ExitCode {
    bclint::run()
}
