//! The linter for ECS Image Builder templates: the diagnostic model, rule metadata, the template
//! rules (one file each under `rules/`), suppressions, fixes and the formatter.
//!
//! ```
//! use bc_lint::{lint, Config};
//! use bc_syntax::{parse, FileKind};
//! let parse = parse("FROM IMAGE:m-123\nrun echo hi\n", FileKind::Build);
//! let codes: Vec<_> = lint(&parse, &Config::default()).iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC201", "BC301"]);
//! ```
//!
//! The crate is pure: it never touches files, the network, clocks or the environment.

mod checker;
pub mod commands;
mod config;
mod describe;
mod diagnostic;
mod embedded;
mod fix;
mod format;
mod linter;
mod meta;
pub mod rules;
mod severity;
mod shell;
mod spelling;
mod suppression;

pub use checker::Checker;
pub use config::{Config, Level};
pub use describe::describe;
pub use diagnostic::{Applicability, CowStr, Diagnostic, Edit, Fix, Label, Tags};
pub use embedded::ShellText;
pub use fix::{FixOutcome, apply_edits, apply_fixes, fix, fix_until_stable};
pub use format::format;
pub use linter::{finalize, lint};
pub use meta::{DOCS_BASE_URL, FixAvailability, RuleMeta};
pub use rules::hardcoded_access_key::{access_keys, mask_access_key};
pub use severity::Severity;
pub use spelling::edit_distance;
pub use suppression::{Directive, apply_directives, directives, directives_in, remove_suppressed};
