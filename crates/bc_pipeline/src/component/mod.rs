//! The component manifest, `*.imagecomponent.toml` (design.md §1, "component manifest"): its
//! typed model with spans, its rules (BC530–BC534, and the pipeline manifest's rules for the
//! parameters both have), and the mapping to CreateImageComponent parameters.
//!
//! ```
//! use bc_pipeline::component::{ContentFile, lint_component_manifest};
//! use bc_component::link::ComponentFormat;
//! let text = "region = \"cn-hangzhou\"\nversion = \"1.2\"\nsystem_type = \"Windows\"\n";
//! let content = ContentFile::Read(ComponentFormat::Dockerfile);
//! let codes: Vec<_> = lint_component_manifest(text, &content, &Default::default())
//!     .iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC531", "BC533"]);
//! ```
//!
//! Like the rest of the crate it is pure: the caller reads the content file and says what it
//! found as a [`ContentFile`].

mod checker;
mod model;
mod params;
pub mod rules;

use bc_lint::{Config, Diagnostic};

use crate::keys::COMPONENT_MANIFEST_KEYS;
use crate::model::{Manifest, Templates};
use crate::parse::read;

pub use checker::{ComponentChecker, ContentFile};
pub use model::ComponentManifest;
pub use params::to_component_params;

/// The result of [`parse_component_manifest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentManifestParse {
    /// The manifest, unless the text is not valid TOML.
    pub manifest: Option<ComponentManifest>,
    /// TOML errors, unknown keys and values of the wrong type (all BC500).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a component manifest. Never fails: broken TOML gives no manifest, unknown keys and
/// values of the wrong type are reported (BC500) and left out of it.
pub fn parse_component_manifest(text: &str) -> ComponentManifestParse {
    let (manifest, diagnostics) = read(
        text,
        COMPONENT_MANIFEST_KEYS,
        "CreateImageComponent",
        |reader, root| {
            reader.check_keys(root, "");
            let mut s = |path| reader.string(root, path);
            ComponentManifest {
                region: s("region"),
                name: s("name"),
                version: s("version"),
                component_type: s("component_type"),
                system_type: s("system_type"),
                content: s("content"),
                description: s("description"),
                resource_group_id: s("resource_group_id"),
                client_token: s("client_token"),
                tags: reader.tags(root, "tags"),
            }
        },
    );
    ComponentManifestParse {
        manifest,
        diagnostics,
    }
}

/// The pipeline manifest's rules that judge a parameter a component manifest has too
/// (design.md §2, BC53x): description, tags, client token, region and resource group. BC500
/// (the TOML itself) applies as well. `region` is optional: without it, `submit` creates the
/// component in the region of the pipeline that calls it, so BC501 does not apply.
const SHARED_RULES: &[&str] = &["BC503", "BC508", "BC514", "BC523", "BC525"];

/// Parses and validates a component manifest with the caller's rule configuration, and returns
/// the findings sorted by position, then code.
pub fn lint_component_manifest(
    text: &str,
    content: &ContentFile,
    config: &Config,
) -> Vec<Diagnostic> {
    let parsed = parse_component_manifest(text);
    let mut diagnostics = if config.is_enabled(&crate::rules::manifest_syntax::RULE) {
        parsed.diagnostics
    } else {
        Vec::new()
    };
    if let Some(manifest) = &parsed.manifest {
        diagnostics.extend(check_component_manifest(manifest, content, text, config));
    }
    bc_lint::finalize(diagnostics, config)
}

/// Runs the component manifest's rules (BC530–BC534 and [`SHARED_RULES`]) on a manifest however
/// it was read: from `*.imagecomponent.toml`, or from the arguments of a Terraform or ROS
/// component resource, whose text is `source`. Unsorted; severities are the rules' own.
pub fn check_component_manifest(
    manifest: &ComponentManifest,
    content: &ContentFile,
    source: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut checker = ComponentChecker {
        manifest,
        content,
        diagnostics: Vec::new(),
    };
    for (rule, check) in rules::RULES {
        if config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    let mut diagnostics = checker.diagnostics;
    diagnostics.extend(shared_rules(source, manifest, config));
    diagnostics
}

/// Runs [`SHARED_RULES`] on the parameters the component manifest shares with a pipeline
/// manifest.
fn shared_rules(text: &str, manifest: &ComponentManifest, config: &Config) -> Vec<Diagnostic> {
    let view = Manifest {
        region: manifest.region.clone(),
        description: manifest.description.clone(),
        resource_group_id: manifest.resource_group_id.clone(),
        client_token: manifest.client_token.clone(),
        tags: manifest.tags.clone(),
        source: text.to_owned(),
        ..Manifest::default()
    };
    let templates = Templates::default();
    let mut checker = crate::Checker::new(&view, &templates, config);
    for (rule, check) in crate::rules::RULES {
        if SHARED_RULES.contains(&rule.code) && config.is_enabled(rule) {
            check(&mut checker);
        }
    }
    checker.diagnostics
}
