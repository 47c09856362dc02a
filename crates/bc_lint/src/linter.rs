//! Linting a template: every enabled rule, then suppressions, then the configured severities
//! and the order every front end shows.

use bc_syntax::Parse;

use crate::checker::{Checker, KeywordIndex};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::{rules, suppression};

/// Lints a parsed file: runs every enabled rule, applies suppressions and configured severities,
/// and returns the findings sorted by position, then code.
pub fn lint(parse: &Parse, config: &Config) -> Vec<Diagnostic> {
    let by_keyword = KeywordIndex::new(parse);
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
