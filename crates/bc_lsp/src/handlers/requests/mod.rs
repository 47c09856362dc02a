//! Request handlers, one module per method (or family of methods).

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostic;
pub mod document_link;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod formatting;
pub mod hover;
pub mod initialize;
pub mod inlay_hint;
pub mod semantic_tokens;
