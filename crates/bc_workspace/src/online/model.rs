//! What the online check learns from the service, in the shape it is cached in.

use bc_component::link::{CalledComponent, CalledParameter, ComponentFormat, ComponentType};
use bc_component::{ParameterType, SystemType};
use serde::{Deserialize, Serialize};

/// A component as `DescribeImageComponents` describes it (its `Content` left out: the checks do
/// not need it, and the cache should stay small).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloudComponent {
    /// `ImageComponentId`.
    pub id: String,
    /// `Name`.
    pub name: String,
    /// `ComponentVersion`, `major.minor.patch`.
    pub version: String,
    /// `ComponentType`: `Build` or `Test`.
    pub component_type: String,
    /// `SystemType`: `Linux` or `Windows`.
    pub system_type: String,
    /// `Description`.
    pub description: String,
    /// `Parameters.Parameter[]`.
    pub parameters: Vec<CloudParameter>,
    /// Whether its `Content` is YAML (else Dockerfile-format, which is Linux-only).
    pub yaml: bool,
}

impl CloudComponent {
    /// The description the link rules (BC701–BC705) check a `COMPONENT` line against, as they do
    /// for a local component.
    pub fn called(&self) -> CalledComponent {
        let parameters = self
            .parameters
            .iter()
            .map(|p| {
                CalledParameter::new(
                    &p.name,
                    ParameterType::from_name(&p.kind),
                    p.default.as_deref(),
                )
            })
            .collect();
        CalledComponent {
            version: Some(self.version.clone()).filter(|v| !v.is_empty()),
            component_type: if self.component_type == "Test" {
                ComponentType::Test
            } else {
                ComponentType::Build
            },
            system_type: if self.system_type == "Windows" {
                SystemType::Windows
            } else {
                SystemType::Linux
            },
            format: if self.yaml {
                ComponentFormat::Yaml
            } else {
                ComponentFormat::Dockerfile
            },
            parameters,
            ..CalledComponent::new(&self.name)
        }
    }
}

/// One declared parameter of a cloud component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloudParameter {
    /// `Name`.
    pub name: String,
    /// `Type`: `String`, `Number` or `Boolean`.
    pub kind: String,
    /// `DefaultValue`; a parameter without one is required.
    pub default: Option<String>,
}

/// The answer to one question, as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The components with an id (none or one) or a name (every version).
    Components {
        /// What the region holds.
        found: Vec<CloudComponent>,
    },
    /// Whether an image, or an available image of a family, exists.
    Image {
        /// The answer.
        exists: bool,
    },
}
