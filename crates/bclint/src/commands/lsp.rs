//! `bclint lsp`: the language server of [`bc_lsp`] over standard input and output.

use std::process::ExitCode;

pub fn run() -> ExitCode {
    bc_lsp::run_stdio_blocking()
}
