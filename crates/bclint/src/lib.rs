//! `bclint`: lint, format, render and submit Alibaba Cloud ECS Image Builder templates, and serve
//! the same analysis to editors.
//!
//! The binary is a thin `main` over [`run`]; the pre-commit hook binary at the repository root
//! calls the same function. Each subcommand is a module of `commands`; the modules beside it are
//! what several subcommands share: the command line (`args`), the files it names (`inputs`),
//! the settings (`settings`), diffs, escaping and the output formats.

mod args;
mod commands;
mod diff;
mod escape;
mod exit_status;
mod inputs;
mod links;
mod output;
mod settings;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::{Cli, Subcommand};
pub use crate::exit_status::ExitStatus;

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
    let status = match cli.subcommand {
        Subcommand::Check(args) => commands::check::run(&args),
        Subcommand::Fmt(args) => commands::fmt::run(&args),
        Subcommand::Rule(args) => commands::rule::run(&args),
        Subcommand::Keyword(args) => commands::keyword::run(&args),
        Subcommand::Render(args) => commands::render::run(&args),
        Subcommand::Submit(args) => commands::submit::run(&args),
        Subcommand::Import(args) => commands::import::run(&args),
        Subcommand::Diff(args) => commands::diff::run(&args),
        Subcommand::Lsp => return commands::lsp::run(),
    };
    status.into()
}
