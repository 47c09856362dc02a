//! The typed component manifest.

use bc_component::SystemType;
use bc_component::link::ComponentType;

use crate::model::{Spanned, Tag};

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
