//! The rules of the online check (`bclint check --online`, the editor's `bclint.online`): what
//! only the service knows. Asking it is the front ends' business (`bc_workspace::online`); these
//! modules hold the rules' metadata and documentation and build their findings from the answers,
//! so the findings read the same in the command line and the editor.

pub mod base_image_not_found;
pub mod component_not_found;
pub mod online_check_unavailable;

use bc_lint::RuleMeta;

/// Every online rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &component_not_found::RULE,      // BC710
    &base_image_not_found::RULE,     // BC711
    &online_check_unavailable::RULE, // BC712
];
