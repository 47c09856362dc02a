//! What a template needs to know about a component it calls.

use crate::{ParameterType, SystemType};

/// A component a `COMPONENT` line may call, as a local file or the service describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalledComponent {
    /// Its name, the `<name>` of the ARN.
    pub name: String,
    /// Its `major.minor.patch` version, if known.
    pub version: Option<String>,
    /// Build or Test.
    pub component_type: ComponentType,
    /// Linux or Windows, as declared.
    pub system_type: SystemType,
    /// Dockerfile-format or YAML.
    pub format: ComponentFormat,
    /// The parameters it declares (none for a Dockerfile-format component).
    pub parameters: Vec<CalledParameter>,
}

impl CalledComponent {
    /// A component with the service's defaults (Build, Linux, YAML) and no version or parameters.
    pub fn new(name: impl Into<String>) -> CalledComponent {
        CalledComponent {
            name: name.into(),
            version: None,
            component_type: ComponentType::Build,
            system_type: SystemType::Linux,
            format: ComponentFormat::Yaml,
            parameters: Vec::new(),
        }
    }

    /// The system it runs on: a Dockerfile-format component is Linux-only, whatever its
    /// manifest says (that mistake is BC533's).
    pub fn effective_system(&self) -> SystemType {
        match self.format {
            ComponentFormat::Dockerfile => SystemType::Linux,
            ComponentFormat::Yaml => self.system_type,
        }
    }

    /// The declared parameter called `name` (exact spelling).
    pub fn parameter(&self, name: &str) -> Option<&CalledParameter> {
        self.parameters
            .iter()
            .find(|parameter| parameter.name == name)
    }
}

/// A parameter a component declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalledParameter {
    /// Its name, as `--name` passes it.
    pub name: String,
    /// Its `Type`, if that names one.
    pub ty: Option<ParameterType>,
    /// Its `DefaultValue`; a parameter without one must be passed.
    pub default: Option<String>,
}

impl CalledParameter {
    /// A parameter of this name, type and default.
    pub fn new(name: impl Into<String>, ty: Option<ParameterType>, default: Option<&str>) -> Self {
        CalledParameter {
            name: name.into(),
            ty,
            default: default.map(str::to_owned),
        }
    }

    /// Whether a `COMPONENT` line must pass it.
    pub fn is_required(&self) -> bool {
        self.default.is_none()
    }
}

/// `ComponentType` of CreateImageComponent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ComponentType {
    /// Runs in a build template (the service's default).
    #[default]
    Build,
    /// Runs in a test template.
    Test,
}

impl ComponentType {
    /// The API's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            ComponentType::Build => "Build",
            ComponentType::Test => "Test",
        }
    }
}

/// How a component's content is written (design.md §1, "component formats").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComponentFormat {
    /// Dockerfile-format commands, parsed by `bc_syntax`.
    Dockerfile,
    /// A YAML document with `Parameters` and `Tasks`, parsed by this crate.
    Yaml,
}

impl ComponentFormat {
    /// The format of a component's text, by content (see [`crate::is_yaml_component`]).
    pub fn of(text: &str) -> ComponentFormat {
        if crate::is_yaml_component(text) {
            ComponentFormat::Yaml
        } else {
            ComponentFormat::Dockerfile
        }
    }
}

impl crate::Component {
    /// The declared parameters as a template calling the component sees them: name, type and
    /// default (the rest of a [`crate::link::CalledComponent`] comes from the manifest).
    pub fn called_parameters(&self) -> Vec<CalledParameter> {
        self.parameters()
            .map(|parameter| CalledParameter {
                name: parameter.name.to_owned(),
                ty: parameter.ty(),
                // A default that is not a scalar (`DefaultValue: [1]`) is still a default:
                // BC607 reports its shape, and the parameter is not required.
                default: parameter
                    .default_value()
                    .map(|node| node.as_str().unwrap_or_default().to_owned()),
            })
            .collect()
    }
}
