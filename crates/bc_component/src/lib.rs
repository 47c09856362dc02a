//! YAML image components of ECS Image Builder: the component model (parameters, tasks, actions
//! and their properties) and its rules, BC6xx plus the template rules that apply inside a
//! component (BC101, BC303, BC305, BC308, BC401, BC403); and the links from a template's
//! `COMPONENT` lines to the components they call, rules BC701–BC706 ([`link`]).
//!
//! ```
//! use bc_component::{Options, lint, parse};
//! let component = parse("Tasks:\n  - Name: hello\n    Action: RunShelCommand\n");
//! let codes: Vec<_> = lint(&component, &Options::default()).iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC603"]);
//! ```
//!
//! Like `bc_syntax` and `bc_lint`, the crate is pure: no files, network, clocks or environment.
//! Spans are byte offsets into the component's text; findings are [`bc_lint::Diagnostic`]s.

mod actions;
mod checker;
mod component;
pub mod link;
pub mod online;
mod parse;
mod references;
pub mod rules;
mod schema;
mod source_map;
mod suppression;
mod tree;

pub use actions::{ACTIONS, Action, Output, Property, PropertyType, SystemType, action};
pub use checker::Checker;
pub use component::{Component, Parameter, ParameterType, Task, is_yaml_component, parse};
#[doc(hidden)]
pub use component::{parse_block_subset, parse_with_saphyr};
pub use parse::{MAX_DEPTH, SyntaxError};
pub use references::{Reference, Target as ReferenceTarget, is_single_reference, references};
pub use schema::json_schema;
pub use source_map::SourceMap;
pub use tree::{Entry, Node, NodeKind, Scalar, Style};

use bc_lint::{Config, Diagnostic};

/// What the caller knows about the component and decided about rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// The system the component is for (`system_type` of its manifest; Linux by default).
    pub system: SystemType,
    /// Which rules run and at what severity, as for templates.
    pub config: Config,
}

/// Lints a parsed component: runs every enabled rule, applies suppression comments and configured
/// severities, and returns the findings sorted by position, then code.
pub fn lint(component: &Component, options: &Options) -> Vec<Diagnostic> {
    let mut checker = Checker::new(component, options.system);
    for (rule, check) in rules::RULES {
        if options.config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    let mut diagnostics = checker.into_diagnostics();
    let source = component.source();
    let (directives, malformed) = bc_lint::directives_in(source, suppression::comments(source));
    let is_checked_here = |code: &str| {
        rules::RULES
            .iter()
            .any(|(rule, _)| rule.code == code && options.config.is_enabled(rule))
    };
    bc_lint::apply_directives(
        source,
        &directives,
        malformed,
        &options.config,
        &is_checked_here,
        &mut diagnostics,
    );
    bc_lint::finalize(diagnostics, &options.config)
}
