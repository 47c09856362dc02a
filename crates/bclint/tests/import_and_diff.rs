//! End-to-end tests of `bclint import` and `bclint diff`: the real binary against `ecs_fake`.

mod common;

use std::fs;
use std::path::Path;

use common::{SECRET, bclint_against, repository, sent_parameters, text};
use ecs_fake::{FakeEcs, Reply};
use serde_json::{Value, json};

const REGION: &str = "cn-hangzhou";

/// A pipeline with every field the service describes set.
fn full_pipeline() -> Value {
    json!({
        "Name": "web-base",
        "Description": "the web base image",
        "BaseImageType": "IMAGE",
        "BaseImage": "m-bp1234567890abcdef",
        "BuildContent": "RUN yum install -y nginx\nCOMPONENT ic-bp1harden --port 2222\nRESTART\n",
        "TestContent": "RUN nginx -t\n",
        "InstanceType": "ecs.g6.large",
        "SystemDiskSize": 60,
        "InternetMaxBandwidthOut": 5,
        "VSwitchId": "vsw-bp1abcdef",
        "DeleteInstanceOnFailure": false,
        "ToRegionIds": {"ToRegionId": ["cn-beijing", "cn-shanghai"]},
        "AddAccounts": {"AddAccount": ["1234567890123456"]},
        "RepairMode": "Standard",
        "ResourceGroupId": "rg-acfm2abc",
        "Tags": {"Tag": [{"TagKey": "team", "TagValue": "platform"}, {"TagKey": "env", "TagValue": ""}]},
        "ImageOptions": {
            "ImageName": "web-base",
            "ImageFamily": "web-family",
            "Description": "built by the pipeline",
            "ImageFeatures": {"NvmeSupport": "supported"},
            "ImageTags": {"ImageTag": [{"TagKey": "os", "TagValue": "alinux3"}]},
        },
        "ImportImageOptions": {
            "Architecture": "x86_64",
            "OSType": "linux",
            "Platform": "Aliyun",
            "BootMode": "UEFI",
            "LicenseType": "Auto",
            "Features": {"NvmeSupport": "supported"},
            "RetainImportedImage": true,
            "DiskDeviceMappings": {"DiskDeviceMapping": [
                {"OSSBucket": "images-bucket", "OSSObject": "disk.qcow2", "Format": "QCOW2", "DiskImageSize": 40}
            ]},
        },
        "AdvancedOptions": {"RetainCloudAssistant": true, "ImageNameSuffix": "disable"},
        "CreationTime": "2026-01-01T00:00:00Z",
    })
}

/// The parameters a `--dry-run --output json` would send, sorted, without the ClientToken.
fn dry_run_params(root: &Path, fake: &FakeEcs, manifest: &str) -> Vec<(String, String)> {
    let output = bclint_against(
        root,
        fake,
        &["submit", "--dry-run", "--output", "json", manifest],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let mut params = sent_parameters(&output);
    params.retain(|(key, _)| key != "ClientToken");
    params
}

#[test]
fn an_imported_pipeline_is_submitted_with_exactly_the_parameters_described() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let id = fake.add_image_pipeline(REGION, full_pipeline());
    let output = bclint_against(
        dir.path(),
        &fake,
        &["import", &id, "--region", REGION, "--dir", "web"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let web = dir.path().join("web");
    assert_eq!(
        fs::read_to_string(web.join("build.buildcontent")).unwrap(),
        full_pipeline()["BuildContent"].as_str().unwrap()
    );
    assert_eq!(
        fs::read_to_string(web.join("test.testcontent")).unwrap(),
        "RUN nginx -t\n"
    );
    let mut expected: Vec<(String, String)> = [
        ("RegionId", REGION),
        ("Name", "web-base"),
        ("Description", "the web base image"),
        ("BaseImageType", "IMAGE"),
        ("BaseImage", "m-bp1234567890abcdef"),
        (
            "BuildContent",
            "RUN yum install -y nginx\nCOMPONENT ic-bp1harden --port 2222\nRESTART\n",
        ),
        ("TestContent", "RUN nginx -t\n"),
        ("InstanceType", "ecs.g6.large"),
        ("SystemDiskSize", "60"),
        ("InternetMaxBandwidthOut", "5"),
        ("VSwitchId", "vsw-bp1abcdef"),
        ("DeleteInstanceOnFailure", "false"),
        ("ToRegionId.1", "cn-beijing"),
        ("ToRegionId.2", "cn-shanghai"),
        ("AddAccount.1", "1234567890123456"),
        ("RepairMode", "Standard"),
        ("ResourceGroupId", "rg-acfm2abc"),
        ("Tag.1.Key", "team"),
        ("Tag.1.Value", "platform"),
        ("Tag.2.Key", "env"),
        ("Tag.2.Value", ""),
        ("ImageOptions.ImageName", "web-base"),
        ("ImageOptions.ImageFamily", "web-family"),
        ("ImageOptions.Description", "built by the pipeline"),
        ("ImageOptions.ImageFeatures.NvmeSupport", "supported"),
        ("ImageOptions.ImageTags.1.Key", "os"),
        ("ImageOptions.ImageTags.1.Value", "alinux3"),
        ("ImportImageOptions.Architecture", "x86_64"),
        ("ImportImageOptions.OSType", "linux"),
        ("ImportImageOptions.Platform", "Aliyun"),
        ("ImportImageOptions.BootMode", "UEFI"),
        ("ImportImageOptions.LicenseType", "Auto"),
        ("ImportImageOptions.Features.NvmeSupport", "supported"),
        ("ImportImageOptions.RetainImportedImage", "true"),
        (
            "ImportImageOptions.DiskDeviceMappings.1.OSSBucket",
            "images-bucket",
        ),
        (
            "ImportImageOptions.DiskDeviceMappings.1.OSSObject",
            "disk.qcow2",
        ),
        ("ImportImageOptions.DiskDeviceMappings.1.Format", "QCOW2"),
        (
            "ImportImageOptions.DiskDeviceMappings.1.DiskImageSize",
            "40",
        ),
        ("AdvancedOptions.RetainCloudAssistant", "true"),
        ("AdvancedOptions.ImageNameSuffix", "disable"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    expected.sort();
    assert_eq!(
        dry_run_params(dir.path(), &fake, "web/imagepipeline.toml"),
        expected
    );
    // And `diff` agrees that nothing differs.
    let output = bclint_against(dir.path(), &fake, &["diff", "web/imagepipeline.toml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    assert!(text(&output.stdout).contains("No differences."));
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let id = fake.add_image_pipeline(REGION, full_pipeline());
    fs::write(dir.path().join("test.testcontent"), "RUN mine\n").unwrap();
    let output = bclint_against(dir.path(), &fake, &["import", &id, "--region", REGION]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("test.testcontent exists"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(
        !dir.path().join("imagepipeline.toml").exists(),
        "nothing is written when one file exists"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("test.testcontent")).unwrap(),
        "RUN mine\n"
    );
    let output = bclint_against(
        dir.path(),
        &fake,
        &["import", &id, "--region", REGION, "--force"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        fs::read_to_string(dir.path().join("test.testcontent")).unwrap(),
        "RUN nginx -t\n"
    );
}

#[test]
fn import_refuses_what_is_not_a_pipeline_or_component_id() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    for id in ["m-bp1abc", "ip-../../etc", "IP-ABC", "ic-"] {
        let output = bclint_against(dir.path(), &fake, &["import", id, "--region", REGION]);
        assert_eq!(output.status.code(), Some(2), "{id}");
        assert!(
            text(&output.stderr).contains("is not an image pipeline ID"),
            "{}",
            text(&output.stderr)
        );
    }
    assert!(fake.requests().is_empty(), "nothing is asked");
    let output = bclint_against(
        dir.path(),
        &fake,
        &["import", "ip-doesnotexist", "--region", REGION],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr)
            .contains("there is no image pipeline ip-doesnotexist in region cn-hangzhou")
    );
}

#[test]
fn an_imported_yaml_component_keeps_its_exact_content_and_manifest() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let content = "# hardening\nParameters:\n  port:\n    Type: Number\n    DefaultValue: 22\nTasks:\n  - Name: sshd\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n";
    let id = fake.add_image_component(
        REGION,
        json!({
            "Name": "harden-ssh", "ComponentVersion": "1.2.0", "ComponentType": "Build",
            "SystemType": "Linux", "Content": content, "Description": "SSH hardening",
            "Owner": "SELF", "Tags": {"Tag": [{"TagKey": "team", "TagValue": "sec"}]},
        }),
    );
    let output = bclint_against(dir.path(), &fake, &["import", &id, "--region", REGION]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        fs::read_to_string(dir.path().join("harden-ssh.imagecomponent.yaml")).unwrap(),
        content
    );
    let manifest = fs::read_to_string(dir.path().join("harden-ssh.imagecomponent.toml")).unwrap();
    let table: toml::Table = manifest.parse().unwrap();
    assert_eq!(table["region"].as_str(), Some(REGION));
    assert_eq!(table["name"].as_str(), Some("harden-ssh"));
    assert_eq!(table["version"].as_str(), Some("1.2.0"));
    assert_eq!(table["component_type"].as_str(), Some("Build"));
    assert_eq!(table["system_type"].as_str(), Some("Linux"));
    assert_eq!(
        table["content"].as_str(),
        Some("harden-ssh.imagecomponent.yaml")
    );
    assert_eq!(table["description"].as_str(), Some("SSH hardening"));
    assert_eq!(table["tags"]["team"].as_str(), Some("sec"));

    let dockerfile = fake.add_image_component(
        REGION,
        json!({"Name": "base", "ComponentVersion": "1.0.0", "Content": "RUN true\n"}),
    );
    let output = bclint_against(
        dir.path(),
        &fake,
        &["import", &dockerfile, "--region", REGION],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        fs::read_to_string(dir.path().join("base.imagecomponent")).unwrap(),
        "RUN true\n"
    );
}

#[test]
fn diff_shows_a_changed_run_line_and_exits_1() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let id = fake.add_image_pipeline(REGION, full_pipeline());
    let output = bclint_against(dir.path(), &fake, &["import", &id, "--region", REGION]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    fs::write(
        dir.path().join("build.buildcontent"),
        "RUN yum install -y nginx httpd-tools\nCOMPONENT ic-bp1harden --port 2222\nRESTART\n",
    )
    .unwrap();
    let output = bclint_against(dir.path(), &fake, &["diff"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains(&format!("image pipeline {id}")), "{stdout}");
    assert!(
        stdout.contains("--- ./build.buildcontent\n+++ ./build.buildcontent\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n-RUN yum install -y nginx\n"), "{stdout}");
    assert!(
        stdout.contains("\n+RUN yum install -y nginx httpd-tools\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("RepairMode"),
        "unchanged parameters are not shown: {stdout}"
    );
}

#[test]
fn diff_and_import_say_why_when_the_service_cannot_be_asked() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let id = fake.add_image_pipeline(REGION, full_pipeline());
    fake.fail_action(
        "DescribeImagePipelines",
        Reply::error(
            403,
            "Forbidden.RAM",
            "User not authorized to operate on the specified resource.",
        ),
    );
    let output = bclint_against(dir.path(), &fake, &["import", &id, "--region", REGION]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("Forbidden.RAM"),
        "{}",
        text(&output.stderr)
    );
    assert!(!dir.path().join("imagepipeline.toml").exists());
}

#[test]
fn diff_refuses_a_manifest_with_errors_and_one_without_a_name() {
    let dir = repository(&[]);
    let fake = FakeEcs::with_key("testid", SECRET);
    fs::write(
        dir.path().join("imagepipeline.toml"),
        "region = \"cn-hangzhou\"\nname = \"web\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-1\"\nsystem_disk_size = 10\n",
    )
    .unwrap();
    let output = bclint_against(dir.path(), &fake, &["diff"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("BC505"), "{stderr}");
    assert!(
        stderr.contains("cannot compare: 1 error must be fixed first"),
        "{stderr}"
    );
    fs::write(
        dir.path().join("imagepipeline.toml"),
        "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-1\"\n",
    )
    .unwrap();
    let output = bclint_against(dir.path(), &fake, &["diff"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("has no `name`"),
        "{}",
        text(&output.stderr)
    );
    assert!(fake.requests().is_empty(), "nothing is asked");
}
