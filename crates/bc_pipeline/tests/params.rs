//! `to_request_params` against the SDK's flattening (reference aliyun-api.md §1.4, §2.5).

use bc_pipeline::{Templates, lint_manifest, parse_manifest, to_request_params};

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

const FULL: &str = r#"
region = "cn-hangzhou"
name = "web-base"
description = "base image for web"
base_image_type = "IMAGE"
base_image = "m-bp1234567890abcdef"
build = "build.buildcontent"
test = "smoke.testcontent"
instance_type = "ecs.g6.large"
system_disk_size = 40
internet_max_bandwidth_out = 0
vswitch_id = "vsw-bp1abc"
delete_instance_on_failure = true
to_region_ids = ["cn-beijing", "ap-southeast-1"]
add_accounts = [1234567890123456, 2222]
repair_mode = "Standard"
resource_group_id = "rg-acfm123"
client_token = "token-from-manifest"
image_name = "old-name"
image_family = "old-family"
nvme_support = "auto"

[tags]
env = "prod"
team = "web"

[image_options]
image_name = "web-base"
image_family = "web"
description = "web base image"
nvme_support = "auto"

[image_options.tags]
app = "web"

[advanced_options]
retain_cloud_assistant = false
image_name_suffix = "disable"

[import_image_options]
architecture = "x86_64"
os_type = "linux"
platform = "Aliyun"
boot_mode = "BIOS"
license_type = "Auto"
nvme_support = "unsupported"
retain_imported_image = false

[[import_image_options.disk_device_mappings]]
oss_bucket = "my-bucket"
oss_object = "images/base.qcow2"
format = "QCOW2"
disk_image_size = 40

[[import_image_options.disk_device_mappings]]
oss_bucket = "my-bucket"
oss_object = "images/data.raw"
format = "RAW"
disk_image_size = 100
"#;

#[test]
fn full_example_flattens_like_the_sdk() {
    let parsed = parse_manifest(FULL);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let manifest = parsed.manifest.expect("valid manifest");
    let params = to_request_params(
        &manifest,
        Some("RUN echo build\n"),
        Some("RUN echo test\n"),
        "generated-token",
    );
    let expected = pairs(&[
        ("RegionId", "cn-hangzhou"),
        ("BaseImageType", "IMAGE"),
        ("BaseImage", "m-bp1234567890abcdef"),
        ("BuildContent", "RUN echo build\n"),
        ("TestContent", "RUN echo test\n"),
        ("Name", "web-base"),
        ("Description", "base image for web"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "prod"),
        ("Tag.2.Key", "team"),
        ("Tag.2.Value", "web"),
        ("ToRegionId.1", "cn-beijing"),
        ("ToRegionId.2", "ap-southeast-1"),
        ("AddAccount.1", "1234567890123456"),
        ("AddAccount.2", "2222"),
        ("ImageOptions.ImageName", "web-base"),
        ("ImageOptions.ImageFamily", "web"),
        ("ImageOptions.Description", "web base image"),
        ("ImageOptions.ImageFeatures.NvmeSupport", "auto"),
        ("ImageOptions.ImageTags.1.Key", "app"),
        ("ImageOptions.ImageTags.1.Value", "web"),
        ("AdvancedOptions.RetainCloudAssistant", "false"),
        ("AdvancedOptions.ImageNameSuffix", "disable"),
        ("ImportImageOptions.Architecture", "x86_64"),
        ("ImportImageOptions.OSType", "linux"),
        ("ImportImageOptions.Platform", "Aliyun"),
        ("ImportImageOptions.BootMode", "BIOS"),
        ("ImportImageOptions.LicenseType", "Auto"),
        ("ImportImageOptions.Features.NvmeSupport", "unsupported"),
        ("ImportImageOptions.RetainImportedImage", "false"),
        (
            "ImportImageOptions.DiskDeviceMappings.1.OSSBucket",
            "my-bucket",
        ),
        (
            "ImportImageOptions.DiskDeviceMappings.1.OSSObject",
            "images/base.qcow2",
        ),
        ("ImportImageOptions.DiskDeviceMappings.1.Format", "QCOW2"),
        (
            "ImportImageOptions.DiskDeviceMappings.1.DiskImageSize",
            "40",
        ),
        (
            "ImportImageOptions.DiskDeviceMappings.2.OSSBucket",
            "my-bucket",
        ),
        (
            "ImportImageOptions.DiskDeviceMappings.2.OSSObject",
            "images/data.raw",
        ),
        ("ImportImageOptions.DiskDeviceMappings.2.Format", "RAW"),
        (
            "ImportImageOptions.DiskDeviceMappings.2.DiskImageSize",
            "100",
        ),
        ("InstanceType", "ecs.g6.large"),
        ("SystemDiskSize", "40"),
        ("InternetMaxBandwidthOut", "0"),
        ("VSwitchId", "vsw-bp1abc"),
        ("DeleteInstanceOnFailure", "true"),
        ("RepairMode", "Standard"),
        ("ResourceGroupId", "rg-acfm123"),
        ("ClientToken", "token-from-manifest"),
        ("ImageName", "old-name"),
        ("ImageFamily", "old-family"),
        ("NvmeSupport", "auto"),
    ]);
    assert_eq!(params, expected);
}

/// The request of aliyun-api.md §2.5, whose canonicalized query string the official SDK produced.
#[test]
fn reference_request_gives_the_sdk_parameters() {
    let text = r#"
region = "cn-hangzhou"
name = "my-pipeline"
description = "描述 test"
base_image_type = "IMAGE"
base_image = "m-bp1234567890abcdef"
build_content = "RUN echo hello world"
system_disk_size = 40
internet_max_bandwidth_out = 0
to_region_ids = ["cn-beijing", "ap-southeast-1"]
add_accounts = [1234567890123456]

[tags]
env = "dev test*~"

[image_options]
image_name = "out-img"

[image_options.tags]
a = "b"
"#;
    let manifest = parse_manifest(text).manifest.expect("valid manifest");
    // The SDK sends BuildContent without a final newline; pass the wire form as given.
    let params = to_request_params(&manifest, Some("RUN echo hello world"), None, "token-123");
    let expected = pairs(&[
        ("RegionId", "cn-hangzhou"),
        ("BaseImageType", "IMAGE"),
        ("BaseImage", "m-bp1234567890abcdef"),
        ("BuildContent", "RUN echo hello world"),
        ("Name", "my-pipeline"),
        ("Description", "描述 test"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "dev test*~"),
        ("ToRegionId.1", "cn-beijing"),
        ("ToRegionId.2", "ap-southeast-1"),
        ("AddAccount.1", "1234567890123456"),
        ("ImageOptions.ImageName", "out-img"),
        ("ImageOptions.ImageTags.1.Key", "a"),
        ("ImageOptions.ImageTags.1.Value", "b"),
        ("SystemDiskSize", "40"),
        ("InternetMaxBandwidthOut", "0"),
        ("ClientToken", "token-123"),
    ]);
    assert_eq!(params, expected);

    // The same set, in the byte order of the SDK's canonicalized query string (§2.5), minus the
    // common parameters.
    let mut sorted: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "AddAccount.1=1234567890123456",
            "BaseImage=m-bp1234567890abcdef",
            "BaseImageType=IMAGE",
            "BuildContent=RUN echo hello world",
            "ClientToken=token-123",
            "Description=描述 test",
            "ImageOptions.ImageName=out-img",
            "ImageOptions.ImageTags.1.Key=a",
            "ImageOptions.ImageTags.1.Value=b",
            "InternetMaxBandwidthOut=0",
            "Name=my-pipeline",
            "RegionId=cn-hangzhou",
            "SystemDiskSize=40",
            "Tag.1.Key=env",
            "Tag.1.Value=dev test*~",
            "ToRegionId.1=cn-beijing",
            "ToRegionId.2=ap-southeast-1",
        ]
    );
    assert!(lint_manifest(text, &Templates::default(), &Default::default()).is_empty());
}

#[test]
fn inline_content_is_rendered_when_no_wire_form_is_given() {
    let text = "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-1\"\nbuild_content = '''\n# comment\nrun echo hi\n\n'''\n";
    let manifest = parse_manifest(text).manifest.unwrap();
    let params = to_request_params(&manifest, None, None, "");
    assert!(params.contains(&("BuildContent".to_owned(), "RUN echo hi\n".to_owned())));
    assert!(!params.iter().any(|(k, _)| k == "ClientToken"));
}

#[test]
fn unset_values_are_omitted() {
    let manifest = parse_manifest(
        "region = \"cn-hangzhou\"\nbase_image_type = \"OSS\"\n[import_image_options]\n",
    )
    .manifest
    .unwrap();
    assert_eq!(
        to_request_params(&manifest, None, None, "t"),
        pairs(&[
            ("RegionId", "cn-hangzhou"),
            ("BaseImageType", "OSS"),
            ("ClientToken", "t")
        ])
    );
}
