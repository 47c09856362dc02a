//! What an image resource of a Terraform or ROS file is to bclint.

use bc_syntax::Span;

use crate::source_map::Text;

/// The kind of file templates are embedded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// A Terraform configuration (`*.tf`).
    Terraform,
    /// A ROS template (JSON or YAML).
    Ros,
}

impl Host {
    /// Whether `text` may declare an image resource: a byte search, so that the many host files
    /// without one are skipped before any parsing.
    pub fn may_embed(self, text: &str) -> bool {
        let needle: &[u8] = match self {
            Host::Terraform => b"alicloud_ecs_image_",
            Host::Ros => b"ALIYUN::ECS::Image",
        };
        memchr::memmem::find(text.as_bytes(), needle).is_some()
    }

    /// The host's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Host::Terraform => "Terraform",
            Host::Ros => "ROS",
        }
    }
}

/// What an image resource creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// An image pipeline (`alicloud_ecs_image_pipeline`, `ALIYUN::ECS::ImagePipeline`).
    Pipeline,
    /// An image component (`alicloud_ecs_image_component`, `ALIYUN::ECS::ImageComponent`).
    Component,
}

/// One image resource of the host file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// What it creates.
    pub kind: ResourceKind,
    /// Its name (`web` of `resource "alicloud_ecs_image_pipeline" "web"`; a ROS logical id).
    pub name: String,
    /// Where it is declared (its type).
    pub span: Span,
    /// Its arguments bclint knows, in source order.
    pub arguments: Vec<Argument>,
}

impl Resource {
    /// The argument `key` (canonical name, see [`Argument::key`]).
    pub fn get(&self, key: &str) -> Option<&Argument> {
        self.arguments.iter().find(|a| a.key == key)
    }

    /// The literal string value of argument `key`.
    pub fn string(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.value {
            Value::Text(text) if text.placeholders().next().is_none() => Some(&text.content),
            _ => None,
        }
    }
}

/// An argument of an image resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    /// Its name in Terraform's spelling (`build_content`, `system_disk_size`; for ROS the
    /// property's name converted: `BuildContent` → `build_content`).
    pub key: &'static str,
    /// Where its name is written.
    pub key_span: Span,
    /// Where its value is written.
    pub span: Span,
    /// The value.
    pub value: Value,
}

/// An argument's value, as far as bclint can know it without evaluating anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string, possibly with interpolations (placeholders).
    Text(Text),
    /// `file("path")` or `templatefile("path", …)` with a literal path.
    File {
        /// The path as written.
        path: String,
    },
    /// An integer.
    Integer(i64),
    /// A list, with each element's span.
    List(Vec<(Value, Span)>),
    /// Anything else (a variable, a `Ref`, a function bclint does not evaluate).
    Opaque,
}

/// What [`extract`] found in a host file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extraction {
    /// The image resources, in source order.
    pub resources: Vec<Resource>,
    /// The first syntax error of the host file, if it could not be read: where, and why.
    pub syntax_error: Option<(Span, String)>,
}
