//! The `imagepipeline.toml` manifest: its typed model with spans, validation by the BC5xx rules
//! (one file each under `rules/`), and the mapping to CreateImagePipeline request parameters.
//!
//! ```
//! use bc_pipeline::{Templates, lint_manifest, parse_manifest, to_request_params};
//! let text = "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-bp1\"\nsystem_disk_size = 10\n";
//! let codes: Vec<_> = lint_manifest(text, &Templates::default(), &Default::default())
//!     .iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC505"]);
//! let manifest = parse_manifest(text).manifest.unwrap();
//! let params = to_request_params(&manifest, None, None, "");
//! assert_eq!(params[0], ("RegionId".to_owned(), "cn-hangzhou".to_owned()));
//! ```
//!
//! The crate is pure: the caller reads the manifest and the templates it names
//! ([`referenced_templates`]) and passes them in as [`Templates`].

mod checker;
pub mod component;
mod keys;
mod model;
mod params;
mod parse;
pub mod rules;
mod text;

pub use checker::Checker;
pub use keys::{
    ARCHITECTURES, BASE_IMAGE_TYPES, BOOT_MODES, DISK_FORMATS, IMAGE_NAME_SUFFIXES,
    IMAGE_NVME_SUPPORT, IMPORT_NVME_SUPPORT, LICENSE_TYPES, MANIFEST_KEYS, ManifestKey, OS_TYPES,
    PLATFORMS, REPAIR_MODES, ValueKind, find_key,
};
pub use keys::{COMPONENT_MANIFEST_KEYS, COMPONENT_TYPES, SYSTEM_TYPES};
pub use model::{
    AdvancedOptions, DiskDeviceMapping, ImageOptions, ImportImageOptions, Manifest, Spanned, Tag,
    TemplateFile, TemplateRole, TemplateStatus, Templates,
};
pub use params::to_request_params;
pub use parse::{ManifestParse, parse_manifest, referenced_templates};

use bc_lint::{Config, Diagnostic, FixOutcome};

/// Validates a parsed manifest against every manifest rule that is on by default (BC500's
/// findings come from [`parse_manifest`], not from here). Findings are sorted.
pub fn validate(manifest: &Manifest, templates: &Templates) -> Vec<Diagnostic> {
    let config = Config::default();
    bc_lint::finalize(run(manifest, templates, &config), &config)
}

fn run(manifest: &Manifest, templates: &Templates, config: &Config) -> Vec<Diagnostic> {
    let mut checker = Checker::new(manifest, templates, config);
    for (rule, check) in rules::RULES {
        if config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    checker.diagnostics
}

/// Validates `manifest` with the rules of `codes` alone, under `config`: for pipelines declared
/// in other files (Terraform, ROS), where only the rules of the parameters they share apply.
/// Findings are not sorted.
pub fn check_rules(
    manifest: &Manifest,
    templates: &Templates,
    config: &Config,
    codes: &[&str],
) -> Vec<Diagnostic> {
    let mut checker = Checker::new(manifest, templates, config);
    for (rule, check) in rules::RULES {
        if codes.contains(&rule.code) && config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    checker.diagnostics
}

/// Parses and validates a manifest with the caller's rule configuration (levels and severity
/// overrides, as [`bc_lint::lint`] applies them), and returns the findings sorted by position,
/// then code. Inline templates are linted with the template rules under the same configuration.
pub fn lint_manifest(text: &str, templates: &Templates, config: &Config) -> Vec<Diagnostic> {
    let parsed = parse_manifest(text);
    // The parse's findings are all BC500's.
    let mut diagnostics = if config.is_enabled(&rules::manifest_syntax::RULE) {
        parsed.diagnostics
    } else {
        Vec::new()
    };
    if let Some(manifest) = &parsed.manifest {
        diagnostics.extend(run(manifest, templates, config));
    }
    bc_lint::finalize(diagnostics, config)
}

/// Applies every applicable fix to a manifest (safe ones, and unsafe ones when `unsafe_fixes`)
/// until the text stops changing, like [`bc_lint::fix`] does for templates.
pub fn fix_manifest(
    text: &str,
    templates: &Templates,
    config: &Config,
    unsafe_fixes: bool,
) -> FixOutcome {
    bc_lint::fix_until_stable(text, unsafe_fixes, |text| {
        lint_manifest(text, templates, config)
    })
}
