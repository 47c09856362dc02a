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
mod meta;
pub mod rules;
mod shell;
mod spelling;
mod suppression;

pub use checker::Checker;
pub use config::{Config, Level};
pub use describe::describe;
pub use diagnostic::{Applicability, CowStr, Diagnostic, Edit, Fix, Label, Severity, Tags};
pub use embedded::ShellText;
pub use fix::{FixOutcome, apply_edits, apply_fixes, fix, fix_until_stable};
pub use format::format;
pub use meta::{DOCS_BASE_URL, FixAvailability, RuleMeta};
pub use rules::hardcoded_access_key::{access_keys, mask_access_key};
pub use spelling::edit_distance;
pub use suppression::{Directive, apply_directives, directives, directives_in, remove_suppressed};

use bc_syntax::Parse;

/// Lints a parsed file: runs every enabled rule, applies suppressions and configured severities,
/// and returns the findings sorted by position, then code.
pub fn lint(parse: &Parse, config: &Config) -> Vec<Diagnostic> {
    let by_keyword = checker::KeywordIndex::new(parse);
    let mut checker = Checker::new(parse, &by_keyword);
    for (rule, check) in rules::RULES {
        if config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    let mut diagnostics = checker.diagnostics;
    suppression::apply(parse, config, &mut diagnostics);
    finalize(diagnostics, config)
}

/// The last step of linting any kind of file (template, manifest, component): gives findings the
/// severities `config` chose and sorts them by position, then code, keeping the order of equal
/// ones. Diagnostics are large, so the sort moves small keys and each diagnostic moves once.
pub fn finalize(mut diagnostics: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    for diagnostic in &mut diagnostics {
        if let Some(severity) = config.severity_override(diagnostic.code) {
            diagnostic.severity = severity;
        }
    }
    let mut order: Vec<(usize, &'static str, usize, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| (d.span.start, d.code, d.span.end, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(.., i)| slots[i].take())
        .collect()
}
