//! What each editor feature computes from an analysed document, as LSP types: pure functions that
//! the handlers in `crate::handlers` call.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod component;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay;
pub mod links;
pub mod manifest;
pub mod semantic_tokens;
pub mod symbols;
