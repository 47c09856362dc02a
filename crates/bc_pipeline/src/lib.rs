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
pub use model::{
    AdvancedOptions, DiskDeviceMapping, ImageOptions, ImportImageOptions, Manifest, Spanned, Tag,
    TemplateFile, TemplateRole, TemplateStatus, Templates,
};
pub use params::to_request_params;
pub use parse::{ManifestParse, parse_manifest, referenced_templates};

use bc_lint::{Config, Diagnostic, FixOutcome, RuleMeta};

/// Validates a parsed manifest against every manifest rule that is on by default (BC500's
/// findings come from [`parse_manifest`], not from here). Findings are sorted.
pub fn validate(manifest: &Manifest, templates: &Templates) -> Vec<Diagnostic> {
    run(manifest, templates, &Config::default())
}

fn run(manifest: &Manifest, templates: &Templates, config: &Config) -> Vec<Diagnostic> {
    let mut checker = Checker::new(manifest, templates, config);
    for (rule, check) in rules::RULES {
        if config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    let mut diagnostics = checker.diagnostics;
    sort(&mut diagnostics);
    diagnostics
}

/// Parses and validates a manifest with the caller's rule configuration (levels and severity
/// overrides, as [`bc_lint::lint`] applies them), and returns the findings sorted by position,
/// then code. Inline templates are linted with the template rules under the same configuration.
pub fn lint_manifest(text: &str, templates: &Templates, config: &Config) -> Vec<Diagnostic> {
    let parsed = parse_manifest(text);
    let mut diagnostics: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(|d| find_rule(d.code).is_none_or(|rule| config.is_enabled(rule)))
        .collect();
    if let Some(manifest) = &parsed.manifest {
        diagnostics.extend(run(manifest, templates, config));
    }
    for diagnostic in &mut diagnostics {
        if let Some(severity) = config.severity_override(diagnostic.code) {
            diagnostic.severity = severity;
        }
    }
    sort(&mut diagnostics);
    diagnostics
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

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end))
    });
}

/// The manifest rules (BC5xx), in code order.
pub fn rules() -> &'static [&'static RuleMeta] {
    rules::METAS
}

/// The one registry: the template rules of `bc_lint` followed by the manifest rules, in code
/// order. The CLI (`bclint rule`), the generated docs and the language server use it.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    bc_lint::rules::RULES
        .iter()
        .map(|(rule, _)| *rule)
        .chain(rules::METAS.iter().copied())
        .collect()
}

/// Finds a rule of [`all_rules`] by code (any case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    all_rules()
        .into_iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// The codes of the manifest rules, for [`bc_lint::Config::external_codes`] so that template
/// suppressions naming them are not reported as unknown.
pub fn manifest_codes() -> Vec<&'static str> {
    rules::METAS.iter().map(|rule| rule.code).collect()
}
