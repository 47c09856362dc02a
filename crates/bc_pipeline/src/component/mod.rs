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

mod params;
pub mod rules;

use bc_component::SystemType;
use bc_component::link::{ComponentFormat, ComponentType};
use bc_lint::{Config, Diagnostic, RuleMeta};
use bc_syntax::Span;

use crate::keys::COMPONENT_MANIFEST_KEYS;
use crate::model::{Manifest, Spanned, Tag, Templates};
use crate::parse::read;

pub use params::to_component_params;

/// A parsed component manifest. Values keep where they were written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentManifest {
    /// `RegionId`.
    pub region: Option<Spanned<String>>,
    /// `Name`; without it the component is named after its file.
    pub name: Option<Spanned<String>>,
    /// `ComponentVersion`, as written.
    pub version: Option<Spanned<String>>,
    /// `ComponentType`, as written.
    pub component_type: Option<Spanned<String>>,
    /// `SystemType`, as written.
    pub system_type: Option<Spanned<String>>,
    /// The content file, relative to the manifest, as written.
    pub content: Option<Spanned<String>>,
    /// `Description`.
    pub description: Option<Spanned<String>>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<Spanned<String>>,
    /// `ClientToken`.
    pub client_token: Option<Spanned<String>>,
    /// `Tag.N.*`.
    pub tags: Option<Spanned<Vec<Tag>>>,
}

impl ComponentManifest {
    /// Build or Test: the service's default (Build) when unset or not one of them (BC532).
    pub fn component_type(&self) -> ComponentType {
        match self.component_type.as_ref().map(|v| v.value.as_str()) {
            Some(value) if value.eq_ignore_ascii_case("Test") => ComponentType::Test,
            _ => ComponentType::Build,
        }
    }

    /// Linux or Windows: the service's default (Linux) when unset or not one of them (BC532).
    pub fn system_type(&self) -> SystemType {
        match self.system_type.as_ref().map(|v| v.value.as_str()) {
            Some(value) if value.eq_ignore_ascii_case("Windows") => SystemType::Windows,
            _ => SystemType::Linux,
        }
    }
}

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

/// What the caller found of the component the manifest describes: its `content` file, or the
/// file beside the manifest with its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentFile {
    /// Read; its format.
    Read(ComponentFormat),
    /// Not read, and why ("no such file", "outside the repository"), as a sentence fragment.
    Unreadable(String),
}

/// The rules that check a component manifest, with what they read.
pub struct ComponentChecker<'a> {
    /// The manifest.
    pub manifest: &'a ComponentManifest,
    /// The content file.
    pub content: &'a ContentFile,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl ComponentChecker<'_> {
    /// Reports a finding of `rule` and returns it for refinement.
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<bc_lint::CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, rule, span, message)
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
    let Some(manifest) = &parsed.manifest else {
        return bc_lint::finalize(diagnostics, config);
    };
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
    diagnostics.extend(checker.diagnostics);
    diagnostics.extend(shared_rules(text, manifest, config));
    bc_lint::finalize(diagnostics, config)
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
