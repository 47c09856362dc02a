//! What the caller decided about rules: which run and at what severity.
//!
//! The CLI and the server build a [`Config`] from `bclint.toml`, flags and editor settings; the
//! linter only reads it.

use std::collections::BTreeMap;

use crate::{RuleMeta, Severity};

/// A rule's level after configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule runs and reports at this severity.
    On(Severity),
}

impl Level {
    /// Parses `off`, `info`, `warning` or `error`.
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "off" => Some(Level::Off),
            _ => Severity::from_name(name).map(Level::On),
        }
    }
}

/// Resolved rule configuration for one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Per-code levels; rules not listed use their defaults.
    pub levels: BTreeMap<String, Level>,
    /// Every rule of every family, in code order, so that a suppression naming a rule this crate
    /// does not have (a manifest or component rule) is not reported as unknown. Empty means the
    /// template rules only; the configurations `bc_workspace::registry` builds hold them all.
    pub known_rules: &'static [&'static RuleMeta],
}

impl Config {
    /// Whether `rule` runs.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        match self.levels.get(rule.code) {
            Some(Level::Off) => false,
            Some(Level::On(_)) => true,
            None => rule.enabled_by_default,
        }
    }

    /// The severity the user chose for `code`, if any.
    pub fn severity_override(&self, code: &str) -> Option<Severity> {
        match self.levels.get(code) {
            Some(Level::On(severity)) => Some(*severity),
            _ => None,
        }
    }

    /// Whether `code` names a rule (of this crate or of [`Config::known_rules`]).
    pub fn is_known_code(&self, code: &str) -> bool {
        crate::rules::find(code).is_some()
            || self
                .known_rules
                .binary_search_by(|rule| rule.code.cmp(code))
                .is_ok()
    }
}
