//! The component manifest's own rules, one module each, listed once in [`RULES`].

use bc_lint::RuleMeta;

use crate::component::checker::ComponentChecker;

mod dockerfile_component_on_windows;
mod invalid_component_content_file;
mod invalid_component_name;
mod invalid_component_type;
mod invalid_component_version;

/// A component manifest rule's check.
pub type Check = fn(&mut ComponentChecker<'_>);

/// A table row: a rule module's metadata and check.
macro_rules! entry {
    ($module:ident) => {
        (&$module::RULE, $module::check)
    };
}

/// Every component manifest rule with its check, in code order.
pub static RULES: &[(&RuleMeta, Check)] = &[
    entry!(invalid_component_name),          // BC530
    entry!(invalid_component_version),       // BC531
    entry!(invalid_component_type),          // BC532
    entry!(dockerfile_component_on_windows), // BC533
    entry!(invalid_component_content_file),  // BC534
];
