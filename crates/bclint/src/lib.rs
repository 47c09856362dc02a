//! `bclint`: lint, format, render and submit Alibaba Cloud ECS Image Builder templates, and serve
//! the same analysis to editors.
//!
//! The binary is a thin `main` over [`run`]; the pre-commit hook binary at the repository root
//! calls the same function.

mod check;
mod cli;
mod collect;
mod fmt;
mod output;
mod render;
mod rule;
mod submit;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command};

/// How a command ended; the process exit code follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report (exit 0).
    Success,
    /// Findings, or files that would change (exit 1).
    Failure,
    /// Usage, configuration or I/O error (exit 2).
    Error,
    /// Interrupted by the user (exit 130, as shells report Ctrl-C).
    Interrupted,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
            ExitStatus::Interrupted => 130,
        })
    }
}

/// Runs the command line with the process arguments and returns the exit code.
pub fn run() -> ExitCode {
    // A bug must not print a Rust backtrace at the user; say what happened and where to report it.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("bclint: internal error{location}: {payload}");
        eprintln!("This is a bug in bclint; please report it with the input that caused it.");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            }
            .into();
        }
    };
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Rule(args) => rule::run(&args),
        Command::Keyword(args) => rule::run_command(&args),
        Command::Render(args) => render::run(&args),
        Command::Submit(args) => submit::run(&args),
        Command::Lsp => return bc_lsp::run_stdio_blocking(),
    };
    status.into()
}
