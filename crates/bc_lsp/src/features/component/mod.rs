//! YAML image components in the editor: completion, hover, go to definition and the outline,
//! all read from the `bc_component` parse and its action table (the one the rules and the JSON
//! Schema are built from). Findings and their quick fixes come from `bc_component::lint` like
//! any document's (`crate::document`).
//!
//! The cursor's context is read from the line it is on (`Action:`, a key under `Properties:`,
//! `Type:`, an open `{{`), and the task it is in from the parse: while a line is being typed
//! the YAML is often broken there, and the parse still holds every task before it.

pub mod completion;
mod cursor;
pub mod hover;
pub mod navigation;
