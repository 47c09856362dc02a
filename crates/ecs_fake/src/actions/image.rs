//! `DescribeImages` and `DescribeImageFromFamily` over the images a test added
//! (`FakeEcs::add_image`).

use serde_json::{Value, json};

use crate::http::HttpResponse;
use crate::respond::param;
use crate::state::{FakeImage, State};

/// `DescribeImages`: the image of `RegionId` with `ImageId` (every one without an id).
pub(super) fn describe(query: &[(String, String)], rid: &str, st: &State) -> HttpResponse {
    let region = param(query, "RegionId").unwrap_or_default();
    let wanted = param(query, "ImageId");
    let images: Vec<Value> = st
        .images
        .iter()
        .filter(|image| image.region == region && wanted.is_none_or(|id| id == image.id))
        .map(image)
        .collect();
    HttpResponse::json(
        200,
        &json!({
            "Images": {"Image": images},
            "TotalCount": images.len(),
            "PageNumber": 1,
            "PageSize": 10,
            "RegionId": region,
            "RequestId": rid,
        }),
    )
}

/// `DescribeImageFromFamily`: the last image added to `ImageFamily`, or an empty `Image`, as the
/// service answers for a family with no available image.
pub(super) fn describe_from_family(
    query: &[(String, String)],
    rid: &str,
    st: &State,
) -> HttpResponse {
    let region = param(query, "RegionId").unwrap_or_default();
    let family = param(query, "ImageFamily");
    let found = st
        .images
        .iter()
        .rev()
        .find(|image| {
            image.region == region && image.family.is_some() && image.family.as_deref() == family
        })
        .map_or_else(|| json!({}), image);
    HttpResponse::json(200, &json!({"Image": found, "RequestId": rid}))
}

fn image(image: &FakeImage) -> Value {
    json!({
        "ImageId": image.id,
        "ImageName": format!("{}-name", image.id),
        "ImageFamily": image.family.clone().unwrap_or_default(),
        "Status": "Available",
        "OSType": "linux",
    })
}
