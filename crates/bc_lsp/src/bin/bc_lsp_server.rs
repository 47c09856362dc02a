//! The language server alone (`bclint lsp` without the rest of the CLI), for the latency benchmark
//! and for editors pointed at a development build.

fn main() -> std::process::ExitCode {
    bc_lsp::run_stdio_blocking()
}
