//! Mapping a component manifest to CreateImageComponent request parameters.

use crate::params::Params;

use super::model::ComponentManifest;

/// The CreateImageComponent parameters for `manifest` and its `content` (the component's text,
/// sent byte for byte), in a fixed order, flattened as the official SDKs do (`Tag.1.Key`);
/// unset values are left out, so the service applies its defaults (Build, Linux, a version
/// after the latest). `client_token` is used unless the manifest sets `client_token`; an empty
/// one is left out. `name` is the name to create it under when the manifest gives none (the
/// file stem).
pub fn to_component_params(
    manifest: &ComponentManifest,
    name: &str,
    content: &str,
    client_token: &str,
) -> Vec<(String, String)> {
    let mut out = Params::default();
    let m = manifest;
    out.string("RegionId", &m.region);
    match &m.name {
        Some(_) => out.string("Name", &m.name),
        None => out.opt("Name", Some(name.to_owned()).filter(|n| !n.is_empty())),
    }
    out.string("ComponentVersion", &m.version);
    out.string("ComponentType", &m.component_type);
    out.string("SystemType", &m.system_type);
    out.push("Content".to_owned(), content.to_owned());
    out.string("Description", &m.description);
    out.tags("Tag", &m.tags);
    out.string("ResourceGroupId", &m.resource_group_id);
    match &m.client_token {
        Some(_) => out.string("ClientToken", &m.client_token),
        None => out.opt(
            "ClientToken",
            Some(client_token.to_owned()).filter(|t| !t.is_empty()),
        ),
    }
    out.0
}
