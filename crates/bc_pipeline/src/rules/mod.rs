//! The manifest rules, one module each. A rule module declares `RULE` (its metadata, documented
//! by its doc comment) and `check`, and is listed once in [`RULES`].

use bc_lint::RuleMeta;

use crate::Context;

/// A manifest rule's check.
pub type Check = fn(&mut Context<'_>);

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every manifest rule with its check, in code order.
        pub static RULES: &[(&RuleMeta, Check)] = &[$((&$module::RULE, $module::check)),*];

        /// The manifest rules' metadata, in code order.
        pub(crate) static METAS: &[&RuleMeta] = &[$(&$module::RULE),*];
    };
}

rules! {
    manifest_syntax,
    missing_required_parameter,
    invalid_name,
    invalid_description,
    invalid_base_image_type,
    system_disk_size_out_of_range,
    bandwidth_out_of_range,
    too_many_targets,
    invalid_tag,
    invalid_image_options,
    oss_requires_import_options,
    invalid_import_image_options,
    invalid_advanced_options,
    deprecated_image_fields,
    invalid_client_token,
    invalid_repair_mode,
    conflicting_template_keys,
    invalid_inline_template,
    template_file_problem,
    template_outside_repository,
    internet_download_without_egress,
    invalid_region_id,
    invalid_instance_type,
    invalid_resource_id,
}
