//! One module per subcommand, each with a `run` function taking that subcommand's arguments.

pub mod check;
pub mod diff;
pub mod fmt;
pub mod import;
pub mod keyword;
pub mod lsp;
pub mod online;
pub mod render;
pub mod rule;
mod service;
pub mod submit;
