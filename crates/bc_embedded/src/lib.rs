//! Image Builder templates kept inside other files: the `build_content` of Terraform's
//! `alicloud_ecs_image_pipeline` and the `content` of `alicloud_ecs_image_component` in `*.tf`
//! files, and the `BuildContent`/`TestContent`/`Content` of ROS's `ALIYUN::ECS::ImagePipeline`
//! and `ALIYUN::ECS::ImageComponent` in ROS templates (JSON or YAML).
//!
//! [`extract`] finds those resources and decodes each embedded text with a map from its bytes
//! to the host file's ([`Text`]); [`lint`] lints them with the template, component and
//! manifest rules and returns findings positioned in the host file.
//!
//! ```
//! use bc_embedded::{Host, extract, lint};
//! let tf = "resource \"alicloud_ecs_image_pipeline\" \"web\" {\n  build_content = \"run yum install nginx\"\n}\n";
//! let found = lint(Host::Terraform, tf, &extract(Host::Terraform, tf), &Default::default(), &|_| None);
//! let codes: Vec<_> = found.iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC301", "BC303"]);
//! assert_eq!(found[1].span.text(tf), "yum install");
//! ```
//!
//! The crate is pure: the caller reads the host file and any file a `file("…")` names.

mod lint;
mod model;
mod ros;
mod source_map;
mod terraform;

pub use lint::{lint, lint_referenced};
pub use model::{Argument, Extraction, Host, Resource, ResourceKind, Value};
pub use source_map::{Notation, Text};

/// Finds the image resources of `text`, a file of kind `host`. A file without any (see
/// [`Host::may_embed`]) is not parsed.
pub fn extract(host: Host, text: &str) -> Extraction {
    if !host.may_embed(text) {
        return Extraction::default();
    }
    match host {
        Host::Terraform => terraform::extract(text),
        Host::Ros => ros::extract(text),
    }
}
