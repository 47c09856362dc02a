//! Mapping a manifest to CreateImagePipeline request parameters, flattened the way the official
//! SDKs do it (`Tag.1.Key`, `ToRegionId.2`, `ImageOptions.ImageTags.1.Value`).

use bc_syntax::FileKind;

use crate::model::{Manifest, Spanned, Tag};

/// The CreateImagePipeline parameters for `manifest`, in a fixed order, flattened as the official
/// SDKs do: lists are 1-based (`ToRegionId.1`), objects dotted (`ImageOptions.ImageName`),
/// booleans `true`/`false`, integers decimal; unset values are left out.
///
/// `build_wire` and `test_wire` are the rendered wire forms of the templates (`bclint render`);
/// when one is `None` and the manifest has the inline form (`build_content`), the inline text is
/// rendered here. `client_token` is used unless the manifest sets `client_token`; an empty one is
/// left out.
pub fn to_request_params(
    manifest: &Manifest,
    build_wire: Option<&str>,
    test_wire: Option<&str>,
    client_token: &str,
) -> Vec<(String, String)> {
    let mut out = Params::default();
    let m = manifest;
    out.string("RegionId", &m.region);
    out.string("BaseImageType", &m.base_image_type);
    out.string("BaseImage", &m.base_image);
    out.opt(
        "BuildContent",
        wire(build_wire, &m.build_content, FileKind::Build),
    );
    out.opt(
        "TestContent",
        wire(test_wire, &m.test_content, FileKind::Test),
    );
    out.string("Name", &m.name);
    out.string("Description", &m.description);
    out.tags("Tag", &m.tags);
    if let Some(regions) = &m.to_region_ids {
        for (i, region) in regions.value.iter().enumerate() {
            out.push(format!("ToRegionId.{}", i + 1), region.value.clone());
        }
    }
    if let Some(accounts) = &m.add_accounts {
        for (i, account) in accounts.value.iter().enumerate() {
            out.push(format!("AddAccount.{}", i + 1), account.value.to_string());
        }
    }
    if let Some(options) = &m.image_options {
        let o = &options.value;
        out.string("ImageOptions.ImageName", &o.image_name);
        out.string("ImageOptions.ImageFamily", &o.image_family);
        out.string("ImageOptions.Description", &o.description);
        out.string("ImageOptions.ImageFeatures.NvmeSupport", &o.nvme_support);
        out.tags("ImageOptions.ImageTags", &o.tags);
    }
    if let Some(options) = &m.advanced_options {
        let o = &options.value;
        out.boolean(
            "AdvancedOptions.RetainCloudAssistant",
            &o.retain_cloud_assistant,
        );
        out.string("AdvancedOptions.ImageNameSuffix", &o.image_name_suffix);
    }
    if let Some(options) = &m.import_image_options {
        let o = &options.value;
        let p = "ImportImageOptions";
        out.string(&format!("{p}.Architecture"), &o.architecture);
        out.string(&format!("{p}.OSType"), &o.os_type);
        out.string(&format!("{p}.Platform"), &o.platform);
        out.string(&format!("{p}.BootMode"), &o.boot_mode);
        out.string(&format!("{p}.LicenseType"), &o.license_type);
        out.string(&format!("{p}.Features.NvmeSupport"), &o.nvme_support);
        out.boolean(
            &format!("{p}.RetainImportedImage"),
            &o.retain_imported_image,
        );
        if let Some(mappings) = &o.disk_device_mappings {
            for (i, mapping) in mappings.value.iter().enumerate() {
                let d = &mapping.value;
                let q = format!("{p}.DiskDeviceMappings.{}", i + 1);
                out.string(&format!("{q}.OSSBucket"), &d.oss_bucket);
                out.string(&format!("{q}.OSSObject"), &d.oss_object);
                out.string(&format!("{q}.Format"), &d.format);
                out.integer(&format!("{q}.DiskImageSize"), &d.disk_image_size);
            }
        }
    }
    out.string("InstanceType", &m.instance_type);
    out.integer("SystemDiskSize", &m.system_disk_size);
    out.integer("InternetMaxBandwidthOut", &m.internet_max_bandwidth_out);
    out.string("VSwitchId", &m.vswitch_id);
    out.boolean("DeleteInstanceOnFailure", &m.delete_instance_on_failure);
    out.string("RepairMode", &m.repair_mode);
    out.string("ResourceGroupId", &m.resource_group_id);
    match &m.client_token {
        Some(token) => out.push("ClientToken".to_owned(), token.value.clone()),
        None if !client_token.is_empty() => {
            out.push("ClientToken".to_owned(), client_token.to_owned());
        }
        None => {}
    }
    out.string("ImageName", &m.image_name);
    out.string("ImageFamily", &m.image_family);
    out.string("NvmeSupport", &m.nvme_support);
    out.0
}

fn wire(given: Option<&str>, inline: &Option<Spanned<String>>, kind: FileKind) -> Option<String> {
    match (given, inline) {
        (Some(wire), _) => Some(wire.to_owned()),
        (None, Some(inline)) => Some(bc_syntax::render(&bc_syntax::parse(&inline.value, kind))),
        (None, None) => None,
    }
}

#[derive(Default)]
pub(crate) struct Params(pub(crate) Vec<(String, String)>);

impl Params {
    pub(crate) fn push(&mut self, key: String, value: String) {
        self.0.push((key, value));
    }

    pub(crate) fn opt(&mut self, key: &str, value: Option<String>) {
        if let Some(value) = value {
            self.push(key.to_owned(), value);
        }
    }

    pub(crate) fn string(&mut self, key: &str, value: &Option<Spanned<String>>) {
        self.opt(key, value.as_ref().map(|v| v.value.clone()));
    }

    fn integer(&mut self, key: &str, value: &Option<Spanned<i64>>) {
        self.opt(key, value.as_ref().map(|v| v.value.to_string()));
    }

    fn boolean(&mut self, key: &str, value: &Option<Spanned<bool>>) {
        self.opt(key, value.as_ref().map(|v| v.value.to_string()));
    }

    pub(crate) fn tags(&mut self, prefix: &str, tags: &Option<Spanned<Vec<Tag>>>) {
        let Some(tags) = tags else { return };
        for (i, tag) in tags.value.iter().enumerate() {
            self.push(format!("{prefix}.{}.Key", i + 1), tag.key.value.clone());
            self.push(format!("{prefix}.{}.Value", i + 1), tag.value.value.clone());
        }
    }
}
