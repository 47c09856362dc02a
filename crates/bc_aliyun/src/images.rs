//! `DescribeImages` and `DescribeImageFromFamily`: whether a pipeline's base image exists.

use serde_json::Value;

use crate::client::Client;
use crate::describe::{malformed, text};
use crate::error::ApiError;

/// An image as `DescribeImages` and `DescribeImageFromFamily` describe it (the fields bclint
/// reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// `ImageId` (`m-…`, or a public image's name-like id).
    pub image_id: String,
    /// `ImageName`.
    pub image_name: Option<String>,
    /// `ImageFamily`.
    pub image_family: Option<String>,
    /// `Status`: `Available`, `Creating`, `Deprecated`, ….
    pub status: Option<String>,
}

impl Client {
    /// `DescribeImages` for one image id in `region`: the image, or nothing when the region does
    /// not hold it (the service answers an unknown id with an empty list).
    pub async fn describe_images(
        &self,
        region: &str,
        image_id: &str,
    ) -> Result<Vec<Image>, ApiError> {
        let params = vec![
            ("RegionId".to_string(), region.to_string()),
            ("ImageId".to_string(), image_id.to_string()),
        ];
        let resp = self.call("DescribeImages", &params).await?;
        let images = resp
            .body
            .pointer("/Images/Image")
            .and_then(Value::as_array)
            .ok_or_else(|| malformed(&resp, "the response has no Images.Image"))?;
        Ok(images.iter().filter_map(image).collect())
    }

    /// `DescribeImageFromFamily`: the newest available image of `family` in `region`, or `None`
    /// when the family has none there (the service answers with an empty `Image`).
    pub async fn describe_image_from_family(
        &self,
        region: &str,
        family: &str,
    ) -> Result<Option<Image>, ApiError> {
        let params = vec![
            ("RegionId".to_string(), region.to_string()),
            ("ImageFamily".to_string(), family.to_string()),
        ];
        let resp = self.call("DescribeImageFromFamily", &params).await?;
        Ok(resp.body.get("Image").and_then(image))
    }
}

/// An image object, if it has an id.
fn image(value: &Value) -> Option<Image> {
    Some(Image {
        image_id: text(value, "ImageId")?,
        image_name: text(value, "ImageName"),
        image_family: text(value, "ImageFamily"),
        status: text(value, "Status"),
    })
}
