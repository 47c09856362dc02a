//! Components and described pipelines against the loopback fake: CreateImageComponent with
//! its ClientToken and version conflicts, DescribeImageComponents filters, batching and
//! paging, DescribeImagePipelines typed back, and failures injected per action.

use std::time::Duration;

use bc_aliyun::{ApiError, Client, ClientOptions, ComponentFilter, Credentials, PipelineFilter};
use ecs_fake::{FakeEcs, Reply};
use serde_json::json;

const AK: &str = "testid";
const SECRET: &str = "testsecret-DO-NOT-PRINT";
const REGION: &str = "cn-hangzhou";

fn client(fake: &FakeEcs) -> Client {
    let opts = ClientOptions {
        endpoint: Some(fake.url()),
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_millis(500),
        ..ClientOptions::new(REGION)
    };
    Client::new(opts, Credentials::new(AK, SECRET)).unwrap()
}

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn component(name: &str, version: &str, token: &str) -> Vec<(String, String)> {
    params(&[
        ("RegionId", REGION),
        ("Name", name),
        ("ComponentVersion", version),
        ("ComponentType", "Build"),
        ("SystemType", "Linux"),
        ("Content", "RUN echo hi\n"),
        ("Description", "installs things"),
        ("Tag.1.Key", "team"),
        ("Tag.1.Value", "platform"),
        ("ClientToken", token),
    ])
}

#[tokio::test]
async fn a_created_component_is_described_back_exactly() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    let created = c
        .create_image_component(&component("harden", "1.2.0", "t-1"))
        .await
        .unwrap();
    assert!(created.image_component_id.starts_with("ic-"));
    assert_eq!(created.client_token, "t-1");
    let found = c
        .describe_image_components(
            REGION,
            &ComponentFilter {
                ids: vec![created.image_component_id.clone()],
                ..ComponentFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let got = &found[0];
    assert_eq!(got.name.as_deref(), Some("harden"));
    assert_eq!(got.component_version.as_deref(), Some("1.2.0"));
    assert_eq!(got.component_type.as_deref(), Some("Build"));
    assert_eq!(got.system_type.as_deref(), Some("Linux"));
    assert_eq!(got.content.as_deref(), Some("RUN echo hi\n"));
    assert_eq!(got.owner.as_deref(), Some("SELF"));
    assert_eq!(got.description.as_deref(), Some("installs things"));
    assert_eq!(got.tags, [("team".to_owned(), "platform".to_owned())]);
    for r in fake.requests() {
        assert!(r.signature_valid, "{:?}: {:?}", r.action, r.signature_error);
    }
}

#[tokio::test]
async fn an_existing_version_is_refused_with_a_hint_unless_the_token_repeats() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    let first = c
        .create_image_component(&component("harden", "1.0.0", "t-1"))
        .await
        .unwrap();
    // The same request again (a retry whose answer was lost) gets the same component.
    let again = c
        .create_image_component(&component("harden", "1.0.0", "t-1"))
        .await
        .unwrap();
    assert_eq!(again.image_component_id, first.image_component_id);
    let err = c
        .create_image_component(&component("harden", "1.0.0", "t-2"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidComponentVersion.Exist"));
    assert!(err.to_string().contains("bump `version`"), "{err}");
    assert_eq!(fake.image_components().len(), 1);
}

#[tokio::test]
async fn components_are_filtered_by_name_version_pattern_and_owner() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    for (version, token) in [("1.0.0", "a"), ("1.1.0", "b"), ("2.0.0", "c")] {
        c.create_image_component(&component("harden", version, token))
            .await
            .unwrap();
    }
    fake.add_image_component(
        REGION,
        json!({"Name": "harden", "ComponentVersion": "1.1.5", "Owner": "ALIYUN",
               "ComponentType": "Build", "SystemType": "Linux", "Content": "RUN true"}),
    );
    fake.add_image_component(
        "cn-beijing",
        json!({"Name": "harden", "ComponentVersion": "1.1.9"}),
    );
    let versions = |found: Vec<bc_aliyun::ImageComponent>| {
        found
            .into_iter()
            .map(|c| c.component_version.unwrap())
            .collect::<Vec<_>>()
    };
    let filter = |version: &str, owner: Option<&str>| ComponentFilter {
        name: Some("harden".into()),
        version: Some(version.into()),
        owner: owner.map(str::to_owned),
        ..ComponentFilter::default()
    };
    let found = c
        .describe_image_components(REGION, &filter("1.*.0", None))
        .await
        .unwrap();
    assert_eq!(versions(found), ["1.1.0", "1.0.0"], "newest first");
    let found = c
        .describe_image_components(REGION, &filter("1.1.*", Some("SELF")))
        .await
        .unwrap();
    assert_eq!(versions(found), ["1.1.0"]);
    let found = c
        .describe_image_components(REGION, &filter("1.1.*", Some("ALIYUN")))
        .await
        .unwrap();
    assert_eq!(versions(found), ["1.1.5"]);
    // The service takes one `*` only.
    let err = c
        .describe_image_components(REGION, &filter("1.*.*", None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidParameter.ComponentVersion"));
}

#[tokio::test]
async fn many_ids_are_asked_twenty_at_a_time_and_pages_are_followed() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    let ids: Vec<String> = (0..25)
        .map(|i| {
            fake.add_image_component(
                REGION,
                json!({"Name": format!("c{i}"), "ComponentVersion": "1.0.0"}),
            )
        })
        .collect();
    let found = c
        .describe_image_components(
            REGION,
            &ComponentFilter {
                ids: ids.clone(),
                ..ComponentFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 25);
    let calls: Vec<_> = fake
        .api_requests()
        .into_iter()
        .filter(|r| r.action.as_deref() == Some("DescribeImageComponents"))
        .collect();
    assert_eq!(calls.len(), 2, "one call per 20 ids");
    assert_eq!(
        calls[0].param("ImageComponentId.20"),
        Some(ids[19].as_str())
    );
    assert_eq!(calls[0].param("ImageComponentId.21"), None);

    // Listing all 25 with 50 per page is one call; the fake pages when asked for fewer.
    fake.enqueue_for(
        "DescribeImageComponents",
        Reply::Ok(json!({
            "ImageComponent": {"ImageComponentSet": [{"ImageComponentId": "ic-page1"}]},
            "NextToken": "fake-page-1",
        })),
    );
    let found = c
        .describe_image_components(REGION, &ComponentFilter::default())
        .await
        .unwrap();
    assert_eq!(found[0].image_component_id, "ic-page1");
    let last = fake.api_requests().pop().unwrap();
    assert_eq!(last.param("NextToken"), Some("fake-page-1"));
    assert_eq!(
        found.len(),
        1 + 24,
        "the second page starts after the first item"
    );
}

#[tokio::test]
async fn a_created_pipeline_is_described_with_every_field() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    let created = c
        .create_image_pipeline(&params(&[
            ("RegionId", REGION),
            ("BaseImageType", "IMAGE"),
            ("BaseImage", "m-base"),
            ("BuildContent", "RUN echo hi\n"),
            ("Name", "web"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
            ("ToRegionId.1", "cn-beijing"),
            ("AddAccount.1", "1234567890"),
            ("ImageOptions.ImageName", "web-image"),
            ("ImageOptions.ImageFeatures.NvmeSupport", "supported"),
            ("ImageOptions.ImageTags.1.Key", "os"),
            ("ImageOptions.ImageTags.1.Value", "linux"),
            ("AdvancedOptions.RetainCloudAssistant", "true"),
            ("ImportImageOptions.DiskDeviceMappings.1.OSSBucket", "b"),
            (
                "ImportImageOptions.DiskDeviceMappings.1.DiskImageSize",
                "40",
            ),
            ("SystemDiskSize", "60"),
            ("DeleteInstanceOnFailure", "false"),
            ("ClientToken", "tok"),
        ]))
        .await
        .unwrap();
    let found = c
        .describe_image_pipelines(
            REGION,
            &PipelineFilter {
                name: Some("web".into()),
                ..PipelineFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let p = &found[0];
    assert_eq!(p.image_pipeline_id, created.image_pipeline_id);
    assert_eq!(p.build_content.as_deref(), Some("RUN echo hi\n"));
    assert_eq!(p.tags, [("env".to_owned(), "prod".to_owned())]);
    assert_eq!(p.to_region_ids, ["cn-beijing"]);
    assert_eq!(p.add_accounts, ["1234567890"]);
    assert_eq!(p.system_disk_size, Some(60));
    assert_eq!(p.delete_instance_on_failure, Some(false));
    let image = p.image_options.as_ref().unwrap();
    assert_eq!(image.image_name.as_deref(), Some("web-image"));
    assert_eq!(image.nvme_support.as_deref(), Some("supported"));
    assert_eq!(image.tags, [("os".to_owned(), "linux".to_owned())]);
    let advanced = p.advanced_options.as_ref().unwrap();
    assert_eq!(advanced.retain_cloud_assistant, Some(true));
    let import = p.import_image_options.as_ref().unwrap();
    assert_eq!(
        import.disk_device_mappings[0].oss_bucket.as_deref(),
        Some("b")
    );
    assert_eq!(import.disk_device_mappings[0].disk_image_size, Some(40));
    let elsewhere = c
        .describe_image_pipelines("cn-beijing", &PipelineFilter::default())
        .await
        .unwrap();
    assert!(elsewhere.is_empty(), "pipelines belong to their region");
}

#[tokio::test]
async fn any_action_can_be_made_to_fail_until_it_recovers() {
    let fake = FakeEcs::with_key(AK, SECRET);
    let c = client(&fake);
    fake.fail_action(
        "DescribeImagePipelines",
        Reply::error(500, "InternalError", "boom"),
    );
    let err = c
        .describe_image_pipelines(REGION, &PipelineFilter::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InternalError"));
    // Other actions are not affected.
    c.describe_image_components(REGION, &ComponentFilter::default())
        .await
        .unwrap();
    fake.fail_action(
        "DescribeImagePipelines",
        Reply::Delay(Duration::from_secs(2), Box::new(Reply::Ok(json!({})))),
    );
    let err = c
        .describe_image_pipelines(REGION, &PipelineFilter::default())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout(_)), "{err}");
    fake.recover_action("DescribeImagePipelines");
    c.describe_image_pipelines(REGION, &PipelineFilter::default())
        .await
        .unwrap();
}
