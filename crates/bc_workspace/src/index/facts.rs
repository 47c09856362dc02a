//! What the index keeps of one file: the few facts the cross-file queries need, read from its
//! name and text without touching the disk, so every kind of file can be tested in memory.

use std::path::{Path, PathBuf};

use bc_component::SystemType;
use bc_component::link::{CalledParameter, ComponentFormat, ComponentType};
use bc_syntax::{Body, ComponentRefKind, FileKind, Span};

use crate::files::SourceKind;
use crate::manifest::resolve;
use crate::repository::normalize;

/// The facts kept of one indexed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Facts {
    /// A build or test template and the component names its `COMPONENT` ARNs name.
    Template {
        /// Build or test.
        kind: FileKind,
        /// The `<name>` part of each ARN reference, in order, duplicates removed.
        components: Vec<String>,
    },
    /// A component's content.
    Component {
        /// Dockerfile-format or YAML.
        format: ComponentFormat,
        /// The parameters a YAML component declares (none for Dockerfile-format ones).
        parameters: Vec<CalledParameter>,
    },
    /// A component manifest (`*.imagecomponent.toml`).
    ComponentManifest(ComponentManifest),
    /// A pipeline manifest and the template files it names, resolved.
    PipelineManifest {
        /// The `build` and `test` paths, absolute and without `.` or `..`.
        templates: Vec<PathBuf>,
    },
}

/// What a component manifest says about the component it describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentManifest {
    /// `region`.
    pub region: Option<Spanned>,
    /// `name`; without it the component is named after its file.
    pub name: Option<Spanned>,
    /// `version` (`major.minor.patch`), as written.
    pub version: Option<Spanned>,
    /// `component_type`; Build when absent or not one of `Build`/`Test`.
    pub component_type: ComponentType,
    /// `system_type`; Linux when absent or not one of `Linux`/`Windows`.
    pub system_type: SystemType,
    /// `content` resolved against the manifest's directory (absolute, without `.` or `..`).
    /// Without it, the manifest describes the component file beside it with the same stem
    /// (`web.imagecomponent.toml` → `web.imagecomponent`, `.yaml` or `.yml`).
    pub content: Option<PathBuf>,
}

/// A string value of a manifest and where it is written (the span includes the quotes), so the
/// linkage rules can point at the declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    /// The value.
    pub value: String,
    /// Its place in the manifest's text.
    pub span: Span,
}

/// Reads the facts of the file at `path` (absolute, normalized), of kind `kind` (as its name
/// says), from `text`; none for a Terraform or ROS file, which the index does not hold.
pub(super) fn read(path: &Path, kind: SourceKind, text: &str) -> Option<Facts> {
    Some(match kind.of_content(text) {
        SourceKind::Template(FileKind::Component) => Facts::Component {
            format: ComponentFormat::Dockerfile,
            parameters: Vec::new(),
        },
        SourceKind::Template(kind) => Facts::Template {
            kind,
            components: component_names(text, kind),
        },
        SourceKind::YamlComponent => Facts::Component {
            format: ComponentFormat::Yaml,
            parameters: parameters(text),
        },
        SourceKind::ComponentManifest => Facts::ComponentManifest(component_manifest(path, text)),
        SourceKind::Manifest => Facts::PipelineManifest {
            templates: bc_pipeline::referenced_templates(text)
                .into_iter()
                .map(|(_, written, _)| normalize(&resolve(path, &written)))
                .collect(),
        },
        SourceKind::Embedded(_) => return None,
    })
}

/// The component names the `COMPONENT` ARNs of a template name. `ic-` ids name no local
/// component (design.md §1, "component linkage"), so they are left out.
fn component_names(text: &str, kind: FileKind) -> Vec<String> {
    let parse = bc_syntax::parse(text, kind);
    let mut names: Vec<String> = Vec::new();
    for command in parse.commands() {
        let Body::Component(call) = &command.node().body else {
            continue;
        };
        let Some(ComponentRefKind::Arn(arn)) = call.reference.as_ref().map(|r| &r.kind) else {
            continue;
        };
        let Some(name) = arn.name.map(|span| span.text(text)) else {
            continue;
        };
        if !name.is_empty() && !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    }
    names
}

fn parameters(text: &str) -> Vec<CalledParameter> {
    bc_component::parse(text).called_parameters()
}

/// Reads the keys the index needs from a component manifest, with the manifest rules' own
/// reader. Broken TOML describes nothing; judging the manifest is its rules' job, not the index's.
fn component_manifest(path: &Path, text: &str) -> ComponentManifest {
    let Some(manifest) = bc_pipeline::component::parse_component_manifest(text).manifest else {
        return ComponentManifest::default();
    };
    let spanned = |value: &Option<bc_pipeline::Spanned<String>>| {
        value.as_ref().map(|value| Spanned {
            value: value.value.clone(),
            span: value.span,
        })
    };
    ComponentManifest {
        region: spanned(&manifest.region),
        name: spanned(&manifest.name),
        version: spanned(&manifest.version),
        component_type: manifest.component_type(),
        system_type: manifest.system_type(),
        content: manifest
            .content
            .as_ref()
            .map(|content| normalize(&resolve(path, &content.value))),
    }
}

/// The part of a component file's name before `.imagecomponent` (`web` for
/// `web.imagecomponent.yaml`): the component's name when no manifest gives one, and the stem its
/// manifest beside it shares.
pub(super) fn component_stem(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let at = name.to_ascii_lowercase().rfind(".imagecomponent")?;
    Some(&name[..at])
}
