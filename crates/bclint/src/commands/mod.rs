//! One module per subcommand, each with a `run` function taking that subcommand's arguments.

pub mod check;
pub mod fmt;
pub mod keyword;
pub mod lsp;
pub mod online;
pub mod render;
pub mod rule;
pub mod submit;
