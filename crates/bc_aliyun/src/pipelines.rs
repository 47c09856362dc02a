//! `DescribeImagePipelines`: existing pipelines, typed, for `bclint import` and `bclint diff`.

use serde_json::Value;

use crate::client::Client;
use crate::describe::{all_pages, boolean, integer, list, strings, tags, text};
use crate::error::ApiError;

/// An image pipeline as `DescribeImagePipelines` reports it: every CreateImagePipeline
/// parameter the service gives back. Absent and empty fields are `None` (or empty lists).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImagePipeline {
    /// `ip-…`.
    pub image_pipeline_id: String,
    /// `Name`.
    pub name: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `IMAGE`, `IMAGE_FAMILY` or `OSS`.
    pub base_image_type: Option<String>,
    /// `BaseImage`.
    pub base_image: Option<String>,
    /// `BuildContent`, exactly as stored.
    pub build_content: Option<String>,
    /// `TestContent`, exactly as stored.
    pub test_content: Option<String>,
    /// `InstanceType`.
    pub instance_type: Option<String>,
    /// `SystemDiskSize` (GiB).
    pub system_disk_size: Option<i64>,
    /// `InternetMaxBandwidthOut` (Mbit/s).
    pub internet_max_bandwidth_out: Option<i64>,
    /// `VSwitchId`.
    pub vswitch_id: Option<String>,
    /// `DeleteInstanceOnFailure`.
    pub delete_instance_on_failure: Option<bool>,
    /// `ToRegionIds.ToRegionId[]`.
    pub to_region_ids: Vec<String>,
    /// `AddAccounts.AddAccount[]`.
    pub add_accounts: Vec<String>,
    /// `RepairMode`.
    pub repair_mode: Option<String>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<String>,
    /// Deprecated top-level `ImageName`.
    pub image_name: Option<String>,
    /// Deprecated top-level `ImageFamily`.
    pub image_family: Option<String>,
    /// Deprecated top-level `NvmeSupport`.
    pub nvme_support: Option<String>,
    /// `Tags.Tag[]` as `(key, value)`.
    pub tags: Vec<(String, String)>,
    /// `ImageOptions`.
    pub image_options: Option<PipelineImageOptions>,
    /// `ImportImageOptions`.
    pub import_image_options: Option<PipelineImportOptions>,
    /// `AdvancedOptions`.
    pub advanced_options: Option<PipelineAdvancedOptions>,
    /// `CreationTime`.
    pub creation_time: Option<String>,
}

/// `ImageOptions` of a described pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PipelineImageOptions {
    /// `ImageName`.
    pub image_name: Option<String>,
    /// `ImageFamily`.
    pub image_family: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `ImageFeatures.NvmeSupport`.
    pub nvme_support: Option<String>,
    /// `ImageTags.ImageTag[]` as `(key, value)`.
    pub tags: Vec<(String, String)>,
}

/// `ImportImageOptions` of a described pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PipelineImportOptions {
    /// `Architecture`.
    pub architecture: Option<String>,
    /// `OSType`.
    pub os_type: Option<String>,
    /// `Platform`.
    pub platform: Option<String>,
    /// `BootMode`.
    pub boot_mode: Option<String>,
    /// `LicenseType`.
    pub license_type: Option<String>,
    /// `Features.NvmeSupport`.
    pub nvme_support: Option<String>,
    /// `RetainImportedImage`.
    pub retain_imported_image: Option<bool>,
    /// `DiskDeviceMappings.DiskDeviceMapping[]`.
    pub disk_device_mappings: Vec<PipelineDiskMapping>,
}

/// One `DiskDeviceMapping` of `ImportImageOptions`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PipelineDiskMapping {
    /// `OSSBucket`.
    pub oss_bucket: Option<String>,
    /// `OSSObject`.
    pub oss_object: Option<String>,
    /// `Format`.
    pub format: Option<String>,
    /// `DiskImageSize` (GiB).
    pub disk_image_size: Option<i64>,
}

/// `AdvancedOptions` of a described pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PipelineAdvancedOptions {
    /// `RetainCloudAssistant`.
    pub retain_cloud_assistant: Option<bool>,
    /// `ImageNameSuffix`.
    pub image_name_suffix: Option<String>,
}

/// Which pipelines `DescribeImagePipelines` should return.
#[derive(Debug, Clone, Default)]
pub struct PipelineFilter {
    /// `ImagePipelineId.N` (at most 20).
    pub ids: Vec<String>,
    /// `Name`.
    pub name: Option<String>,
}

impl ImagePipeline {
    /// The CreateImagePipeline parameters that describe this pipeline again in `region`,
    /// flattened as the official SDKs send them (`Tag.1.Key`, `ImageOptions.ImageName`), with
    /// no `ClientToken`: what `bclint submit` of an exact copy of it sends.
    pub fn create_params(&self, region: &str) -> Vec<(String, String)> {
        let mut out = vec![("RegionId".to_owned(), region.to_owned())];
        let mut put = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                out.push((key.to_owned(), value));
            }
        };
        let p = self;
        put("BaseImageType", p.base_image_type.clone());
        put("BaseImage", p.base_image.clone());
        put("BuildContent", p.build_content.clone());
        put("TestContent", p.test_content.clone());
        put("Name", p.name.clone());
        put("Description", p.description.clone());
        for (i, (key, value)) in p.tags.iter().enumerate() {
            put(&format!("Tag.{}.Key", i + 1), Some(key.clone()));
            put(&format!("Tag.{}.Value", i + 1), Some(value.clone()));
        }
        for (i, region) in p.to_region_ids.iter().enumerate() {
            put(&format!("ToRegionId.{}", i + 1), Some(region.clone()));
        }
        for (i, account) in p.add_accounts.iter().enumerate() {
            put(&format!("AddAccount.{}", i + 1), Some(account.clone()));
        }
        if let Some(o) = &p.image_options {
            put("ImageOptions.ImageName", o.image_name.clone());
            put("ImageOptions.ImageFamily", o.image_family.clone());
            put("ImageOptions.Description", o.description.clone());
            put(
                "ImageOptions.ImageFeatures.NvmeSupport",
                o.nvme_support.clone(),
            );
            for (i, (key, value)) in o.tags.iter().enumerate() {
                put(
                    &format!("ImageOptions.ImageTags.{}.Key", i + 1),
                    Some(key.clone()),
                );
                put(
                    &format!("ImageOptions.ImageTags.{}.Value", i + 1),
                    Some(value.clone()),
                );
            }
        }
        if let Some(o) = &p.advanced_options {
            put(
                "AdvancedOptions.RetainCloudAssistant",
                o.retain_cloud_assistant.map(|b| b.to_string()),
            );
            put(
                "AdvancedOptions.ImageNameSuffix",
                o.image_name_suffix.clone(),
            );
        }
        if let Some(o) = &p.import_image_options {
            let q = "ImportImageOptions";
            put(&format!("{q}.Architecture"), o.architecture.clone());
            put(&format!("{q}.OSType"), o.os_type.clone());
            put(&format!("{q}.Platform"), o.platform.clone());
            put(&format!("{q}.BootMode"), o.boot_mode.clone());
            put(&format!("{q}.LicenseType"), o.license_type.clone());
            put(&format!("{q}.Features.NvmeSupport"), o.nvme_support.clone());
            put(
                &format!("{q}.RetainImportedImage"),
                o.retain_imported_image.map(|b| b.to_string()),
            );
            for (i, d) in o.disk_device_mappings.iter().enumerate() {
                let m = format!("{q}.DiskDeviceMappings.{}", i + 1);
                put(&format!("{m}.OSSBucket"), d.oss_bucket.clone());
                put(&format!("{m}.OSSObject"), d.oss_object.clone());
                put(&format!("{m}.Format"), d.format.clone());
                put(
                    &format!("{m}.DiskImageSize"),
                    d.disk_image_size.map(|n| n.to_string()),
                );
            }
        }
        put("InstanceType", p.instance_type.clone());
        put("SystemDiskSize", p.system_disk_size.map(|n| n.to_string()));
        put(
            "InternetMaxBandwidthOut",
            p.internet_max_bandwidth_out.map(|n| n.to_string()),
        );
        put("VSwitchId", p.vswitch_id.clone());
        put(
            "DeleteInstanceOnFailure",
            p.delete_instance_on_failure.map(|b| b.to_string()),
        );
        put("RepairMode", p.repair_mode.clone());
        put("ResourceGroupId", p.resource_group_id.clone());
        put("ImageName", p.image_name.clone());
        put("ImageFamily", p.image_family.clone());
        put("NvmeSupport", p.nvme_support.clone());
        out
    }
}

impl Client {
    /// `DescribeImagePipelines` in `region`, every page.
    pub async fn describe_image_pipelines(
        &self,
        region: &str,
        filter: &PipelineFilter,
    ) -> Result<Vec<ImagePipeline>, ApiError> {
        let mut params = vec![
            ("RegionId".to_owned(), region.to_owned()),
            ("MaxResults".to_owned(), "50".to_owned()),
        ];
        for (i, id) in filter.ids.iter().enumerate() {
            params.push((format!("ImagePipelineId.{}", i + 1), id.clone()));
        }
        if let Some(name) = &filter.name {
            params.push(("Name".to_owned(), name.clone()));
        }
        let items = all_pages(
            self,
            "DescribeImagePipelines",
            &params,
            "ImagePipeline",
            "ImagePipelineSet",
        )
        .await?;
        Ok(items.iter().map(parse_pipeline).collect())
    }
}

fn parse_pipeline(item: &Value) -> ImagePipeline {
    let object = |key: &str| item.get(key).filter(|v| v.is_object());
    ImagePipeline {
        image_pipeline_id: text(item, "ImagePipelineId").unwrap_or_default(),
        name: text(item, "Name"),
        description: text(item, "Description"),
        base_image_type: text(item, "BaseImageType"),
        base_image: text(item, "BaseImage"),
        build_content: text(item, "BuildContent"),
        test_content: text(item, "TestContent"),
        instance_type: text(item, "InstanceType"),
        system_disk_size: integer(item, "SystemDiskSize"),
        internet_max_bandwidth_out: integer(item, "InternetMaxBandwidthOut"),
        vswitch_id: text(item, "VSwitchId"),
        delete_instance_on_failure: boolean(item, "DeleteInstanceOnFailure"),
        to_region_ids: strings(item, "ToRegionIds", "ToRegionId"),
        add_accounts: strings(item, "AddAccounts", "AddAccount"),
        repair_mode: text(item, "RepairMode"),
        resource_group_id: text(item, "ResourceGroupId"),
        image_name: text(item, "ImageName"),
        image_family: text(item, "ImageFamily"),
        nvme_support: text(item, "NvmeSupport"),
        tags: tags(item, "Tags", "Tag"),
        image_options: object("ImageOptions").map(|o| PipelineImageOptions {
            image_name: text(o, "ImageName"),
            image_family: text(o, "ImageFamily"),
            description: text(o, "Description"),
            nvme_support: o.get("ImageFeatures").and_then(|f| text(f, "NvmeSupport")),
            tags: tags(o, "ImageTags", "ImageTag"),
        }),
        import_image_options: object("ImportImageOptions").map(|o| PipelineImportOptions {
            architecture: text(o, "Architecture"),
            os_type: text(o, "OSType"),
            platform: text(o, "Platform"),
            boot_mode: text(o, "BootMode"),
            license_type: text(o, "LicenseType"),
            nvme_support: o.get("Features").and_then(|f| text(f, "NvmeSupport")),
            retain_imported_image: boolean(o, "RetainImportedImage"),
            disk_device_mappings: list(o, "DiskDeviceMappings", "DiskDeviceMapping")
                .iter()
                .map(|d| PipelineDiskMapping {
                    oss_bucket: text(d, "OSSBucket"),
                    oss_object: text(d, "OSSObject"),
                    format: text(d, "Format"),
                    disk_image_size: integer(d, "DiskImageSize"),
                })
                .collect(),
        }),
        advanced_options: object("AdvancedOptions").map(|o| PipelineAdvancedOptions {
            retain_cloud_assistant: boolean(o, "RetainCloudAssistant"),
            image_name_suffix: text(o, "ImageNameSuffix"),
        }),
        creation_time: text(item, "CreationTime"),
    }
}
