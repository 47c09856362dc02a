//! The file-system side that the `bclint` command line and the language server share, so the
//! two cannot diverge: finding and reading `bclint.toml`, reading sources safely, the project
//! index of components, templates and manifests (`index`), (in `submit`) sending a pipeline, and
//! (in `online`) asking the service what only it knows, with its disk cache.
//!
//! The analysis itself stays in the pure crates (`bc_syntax`, `bc_lint`, `bc_pipeline`).

pub mod embedded;
pub mod files;
pub mod index;
pub mod manifest;
pub mod online;
pub mod registry;
pub mod repository;
pub mod settings;
pub mod submit;
pub mod too_large;
