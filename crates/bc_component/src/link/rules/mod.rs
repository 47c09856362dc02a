//! The link rules, one module each, listed once in [`RULES`]. Each module has `RULE` (its
//! metadata, declared with its doc comment) and `check`.

use bc_lint::{Diagnostic, RuleMeta};

use super::Linker;

mod component_type_mismatch;
mod component_version_not_found;
mod invalid_component_parameter_value;
mod missing_component_parameter;
mod mixed_system_components;
mod unknown_component_parameter;

/// A rule's check: reads the template's calls through the linker and adds its findings.
pub type Check = fn(&Linker<'_>, &mut Vec<Diagnostic>);

/// A table row: a rule module's metadata and check.
macro_rules! entry {
    ($module:ident) => {
        (&$module::RULE, $module::check)
    };
}

/// Every link rule with its check, in code order.
pub static RULES: &[(&RuleMeta, Check)] = &[
    entry!(unknown_component_parameter),       // BC701
    entry!(missing_component_parameter),       // BC702
    entry!(invalid_component_parameter_value), // BC703
    entry!(component_type_mismatch),           // BC704
    entry!(mixed_system_components),           // BC705
    entry!(component_version_not_found),       // BC706
];
