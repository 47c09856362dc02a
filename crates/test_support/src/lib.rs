//! Helpers shared by the test suites of several crates, so that each suite states only what is
//! particular to it: [`rules`] runs rule fixtures and checks rule metadata and docs (template and
//! manifest rules alike), [`lsp`] holds the parts of a JSON-RPC test client that do not depend on
//! how the server is reached.

pub mod lsp;
pub mod rules;
