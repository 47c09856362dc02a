//! Syntax of ECS Image Builder templates: a `logos` lexer, a `chumsky` parser that never gives up,
//! a typed AST with byte spans, a [`LineIndex`] and the wire-form renderer.
//!
//! ```
//! use bc_syntax::{parse, render, FileKind};
//! let parse = parse("# base\nrun yum install -y nginx\n", FileKind::Build);
//! assert!(parse.errors().is_empty());
//! assert_eq!(render(&parse), "RUN yum install -y nginx\n");
//! ```
//!
//! The crate is pure: no I/O, no serde, no editor types.

mod ast;
mod component_ref;
mod decode;
mod excerpt;
mod lexer;
mod line_index;
mod parser;
mod render;
mod span;
mod tree;

pub use ast::*;
pub use component_ref::parse_component_ref;
pub use decode::{DecodeError, decode};
pub use excerpt::{EXCERPT_CHARS, excerpt};
pub use line_index::{LineCol, LineIndex};
pub use parser::parse;
pub use render::{render, render_command, wire_len_bound};
pub use span::Span;
pub use tree::debug_tree;

/// Lexes `text` and returns how many tokens it holds. For the benchmarks only: not part of the
/// supported API and may change at any time.
#[doc(hidden)]
pub fn __lex_token_count(text: &str) -> usize {
    lexer::lex_all(text, 0).tokens.len()
}

/// The largest wire form the service accepts, in bytes (16 KB).
pub const MAX_CONTENT_BYTES: usize = 16 * 1024;

/// The most commands a template or component may hold.
pub const MAX_COMMANDS: usize = 127;
