//! `DescribeImages` and `DescribeImageFromFamily` over the images a test added (`FakeEcs::add_image`).

use serde_json::{Value, json};

use crate::http::HttpResponse;

/// An image the fake's region holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeImage {
    /// `ImageId`.
    pub id: String,
    /// `ImageFamily`, if it belongs to one.
    pub family: Option<String>,
}

/// `DescribeImages` of `region`: the image with id `wanted` (every image without one).
pub(crate) fn describe_images(
    images: &[FakeImage],
    region: &str,
    wanted: Option<&str>,
    rid: &str,
) -> HttpResponse {
    let images: Vec<Value> = images
        .iter()
        .filter(|image| wanted.is_none_or(|id| id == image.id))
        .map(describe)
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

/// `DescribeImageFromFamily`: the last image added to `family`, or an empty `Image`.
pub(crate) fn describe_image_from_family(
    images: &[FakeImage],
    family: Option<&str>,
    rid: &str,
) -> HttpResponse {
    let image = images
        .iter()
        .rev()
        .find(|image| image.family.is_some() && image.family.as_deref() == family)
        .map_or_else(|| json!({}), describe);
    HttpResponse::json(200, &json!({"Image": image, "RequestId": rid}))
}

fn describe(image: &FakeImage) -> Value {
    json!({
        "ImageId": image.id,
        "ImageName": format!("{}-name", image.id),
        "ImageFamily": image.family.clone().unwrap_or_default(),
        "Status": "Available",
        "OSType": "linux",
    })
}
