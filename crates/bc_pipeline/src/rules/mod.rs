//! The manifest rules, one module each. A rule module declares `RULE` (its metadata, documented
//! by its doc comment) and `check`, and is listed once in [`RULES`] with its code beside it.

use bc_lint::RuleMeta;

use crate::Checker;

mod bandwidth_out_of_range;
mod conflicting_template_keys;
mod deprecated_image_fields;
mod internet_download_without_egress;
mod invalid_advanced_options;
mod invalid_base_image_type;
mod invalid_client_token;
mod invalid_description;
mod invalid_image_options;
mod invalid_import_image_options;
mod invalid_inline_template;
mod invalid_instance_type;
mod invalid_name;
mod invalid_region_id;
mod invalid_repair_mode;
mod invalid_resource_id;
mod invalid_tag;
pub(crate) mod manifest_syntax;
mod missing_required_parameter;
mod oss_requires_import_options;
mod system_disk_size_out_of_range;
mod template_file_problem;
mod template_outside_repository;
mod too_many_targets;

/// A manifest rule's check.
pub type Check = fn(&mut Checker<'_>);

/// A table row: a rule module's metadata and check.
macro_rules! entry {
    ($module:ident) => {
        (&$module::RULE, $module::check)
    };
}

/// Every manifest rule with its check, in code order (a test keeps it so).
pub static RULES: &[(&RuleMeta, Check)] = &[
    entry!(manifest_syntax),                  // BC500
    entry!(missing_required_parameter),       // BC501
    entry!(invalid_name),                     // BC502
    entry!(invalid_description),              // BC503
    entry!(invalid_base_image_type),          // BC504
    entry!(system_disk_size_out_of_range),    // BC505
    entry!(bandwidth_out_of_range),           // BC506
    entry!(too_many_targets),                 // BC507
    entry!(invalid_tag),                      // BC508
    entry!(invalid_image_options),            // BC509
    entry!(oss_requires_import_options),      // BC510
    entry!(invalid_import_image_options),     // BC511
    entry!(invalid_advanced_options),         // BC512
    entry!(deprecated_image_fields),          // BC513
    entry!(invalid_client_token),             // BC514
    entry!(invalid_repair_mode),              // BC515
    entry!(conflicting_template_keys),        // BC516
    entry!(invalid_inline_template),          // BC517
    entry!(template_file_problem),            // BC520
    entry!(template_outside_repository),      // BC521
    entry!(internet_download_without_egress), // BC522
    entry!(invalid_region_id),                // BC523
    entry!(invalid_instance_type),            // BC524
    entry!(invalid_resource_id),              // BC525
];
