//! `CreateImagePipeline` (the pipeline is kept, as the service describes it) and
//! `DescribeImagePipelines`.

use std::time::SystemTime;

use serde_json::{Map, Value, json};

use super::idempotency::idempotent_id;
use super::paging::page;
use crate::http::HttpResponse;
use crate::respond::{error, list_param, param};
use crate::state::State;
use crate::verify::format_timestamp;

pub(super) fn create(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    let id = match idempotent_id("CreateImagePipeline", "ip", query, rid, st) {
        Ok(id) => id,
        Err(resp) => return resp,
    };
    if !st.pipelines.iter().any(|(_, p)| p["ImagePipelineId"] == id) {
        let region = param(query, "RegionId").unwrap_or_default().to_owned();
        let mut item = described(query);
        item["ImagePipelineId"] = json!(id);
        item["CreationTime"] = json!(format_timestamp(SystemTime::now()));
        st.pipelines.push((region, item));
    }
    HttpResponse::json(200, &json!({"ImagePipelineId": id, "RequestId": rid}))
}

/// Pipelines of the request's region, filtered by `ImagePipelineId.N`, `Name` and
/// `ResourceGroupId`, newest first, one page at a time.
pub(super) fn describe(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    let ids = list_param(query, "ImagePipelineId");
    if ids.len() > 20 {
        return error(
            400,
            rid,
            "InvalidImagePipelineIdSize.ExceededMaxNumber",
            "The number of ImagePipelineId exceeds the upper limit 20.",
        );
    }
    let region = param(query, "RegionId").unwrap_or_default();
    let name = param(query, "Name");
    let group = param(query, "ResourceGroupId");
    let items: Vec<Value> = st
        .pipelines
        .iter()
        .rev()
        .filter(|(r, _)| r == region)
        .map(|(_, item)| item)
        .filter(|item| ids.is_empty() || ids.iter().any(|id| item["ImagePipelineId"] == **id))
        .filter(|item| name.is_none_or(|name| item["Name"] == name))
        .filter(|item| group.is_none_or(|group| item["ResourceGroupId"] == group))
        .cloned()
        .collect();
    page(items, "ImagePipeline", "ImagePipelineSet", query, rid)
}

/// A pipeline as `DescribeImagePipelines` reports it, from the flattened CreateImagePipeline
/// parameters: lists in their wrapper objects (`ToRegionIds.ToRegionId[]`), tags as
/// `TagKey`/`TagValue`, numbers and booleans typed.
fn described(query: &[(String, String)]) -> Value {
    let text = |name: &str| param(query, name).map(|v| json!(v));
    let number = |name: &str| {
        param(query, name).map(|v| v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n)))
    };
    let boolean = |name: &str| {
        param(query, name).map(|v| v.parse::<bool>().map_or_else(|_| json!(v), |b| json!(b)))
    };
    let mut item = Map::new();
    for key in [
        "Name",
        "Description",
        "BaseImageType",
        "BaseImage",
        "BuildContent",
        "TestContent",
        "InstanceType",
        "VSwitchId",
        "ResourceGroupId",
        "RepairMode",
        "ImageName",
        "ImageFamily",
        "NvmeSupport",
    ] {
        put(&mut item, key, text(key));
    }
    for key in ["SystemDiskSize", "InternetMaxBandwidthOut"] {
        put(&mut item, key, number(key));
    }
    put(
        &mut item,
        "DeleteInstanceOnFailure",
        boolean("DeleteInstanceOnFailure"),
    );
    put(
        &mut item,
        "ToRegionIds",
        wrapped(query, "ToRegionId", "ToRegionId"),
    );
    put(
        &mut item,
        "AddAccounts",
        wrapped(query, "AddAccount", "AddAccount"),
    );
    put(&mut item, "Tags", tags(query, "Tag", "Tag"));

    let mut image = Map::new();
    for key in ["ImageName", "ImageFamily", "Description"] {
        put(&mut image, key, text(&format!("ImageOptions.{key}")));
    }
    if let Some(nvme) = text("ImageOptions.ImageFeatures.NvmeSupport") {
        image.insert("ImageFeatures".into(), json!({ "NvmeSupport": nvme }));
    }
    put(
        &mut image,
        "ImageTags",
        tags(query, "ImageOptions.ImageTags", "ImageTag"),
    );
    put(&mut item, "ImageOptions", non_empty(image));

    let mut import = Map::new();
    for key in [
        "Architecture",
        "OSType",
        "Platform",
        "BootMode",
        "LicenseType",
    ] {
        put(&mut import, key, text(&format!("ImportImageOptions.{key}")));
    }
    if let Some(nvme) = text("ImportImageOptions.Features.NvmeSupport") {
        import.insert("Features".into(), json!({ "NvmeSupport": nvme }));
    }
    put(
        &mut import,
        "RetainImportedImage",
        boolean("ImportImageOptions.RetainImportedImage"),
    );
    let mappings: Vec<Value> = (1..)
        .map(|n| format!("ImportImageOptions.DiskDeviceMappings.{n}"))
        .map_while(|prefix| {
            let mut mapping = Map::new();
            for key in ["OSSBucket", "OSSObject", "Format"] {
                put(&mut mapping, key, text(&format!("{prefix}.{key}")));
            }
            put(
                &mut mapping,
                "DiskImageSize",
                number(&format!("{prefix}.DiskImageSize")),
            );
            non_empty(mapping)
        })
        .collect();
    if !mappings.is_empty() {
        import.insert(
            "DiskDeviceMappings".into(),
            json!({ "DiskDeviceMapping": mappings }),
        );
    }
    put(&mut item, "ImportImageOptions", non_empty(import));

    let mut advanced = Map::new();
    put(
        &mut advanced,
        "RetainCloudAssistant",
        boolean("AdvancedOptions.RetainCloudAssistant"),
    );
    put(
        &mut advanced,
        "ImageNameSuffix",
        text("AdvancedOptions.ImageNameSuffix"),
    );
    put(&mut item, "AdvancedOptions", non_empty(advanced));
    Value::Object(item)
}

/// Sets `key` when there is a value.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn non_empty(map: Map<String, Value>) -> Option<Value> {
    (!map.is_empty()).then_some(Value::Object(map))
}

/// `Name.1`, `Name.2`, … as `{"<inner>": [...]}`, or `None` when there are none.
fn wrapped(query: &[(String, String)], name: &str, inner: &str) -> Option<Value> {
    let values = list_param(query, name);
    (!values.is_empty()).then(|| json!({ inner: values }))
}

/// `Prefix.N.Key` / `Prefix.N.Value` as `{"<inner>": [{"TagKey", "TagValue"}]}`.
fn tags(query: &[(String, String)], prefix: &str, inner: &str) -> Option<Value> {
    let tags: Vec<Value> = (1..)
        .map_while(|n| {
            let key = param(query, &format!("{prefix}.{n}.Key"))?;
            let value = param(query, &format!("{prefix}.{n}.Value")).unwrap_or_default();
            Some(json!({ "TagKey": key, "TagValue": value }))
        })
        .collect();
    (!tags.is_empty()).then(|| json!({ inner: tags }))
}
