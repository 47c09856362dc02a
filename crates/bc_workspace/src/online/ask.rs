//! The questions the online check puts to the service, one function per kind of question, each
//! turning the answer into the cached [`Answer`] shape.

use bc_aliyun::{ApiError, Client};
use serde_json::Value;

use super::model::{CloudComponent, CloudParameter};

/// How many ids one `DescribeImageComponents` call takes (`ImageComponentId.N`, N = 1..20).
pub const IDS_PER_CALL: usize = 20;

/// The components among `ids` (at most [`IDS_PER_CALL`]) that exist in `region`.
pub async fn components_by_id(
    client: &Client,
    region: &str,
    ids: &[&str],
) -> Result<Vec<CloudComponent>, ApiError> {
    let mut params = vec![
        ("RegionId".to_string(), region.to_string()),
        ("MaxResults".to_string(), "100".to_string()),
    ];
    for (n, id) in ids.iter().enumerate() {
        params.push((format!("ImageComponentId.{}", n + 1), id.to_string()));
    }
    let body = client.call("DescribeImageComponents", &params).await?.body;
    Ok(components(&body))
}

/// Every version of the component named `name` in `region`, following `NextToken`.
pub async fn components_by_name(
    client: &Client,
    region: &str,
    name: &str,
) -> Result<Vec<CloudComponent>, ApiError> {
    let mut found = Vec::new();
    let mut next_token: Option<String> = None;
    loop {
        let mut params = vec![
            ("RegionId".to_string(), region.to_string()),
            ("Name".to_string(), name.to_string()),
            ("MaxResults".to_string(), "100".to_string()),
        ];
        if let Some(token) = &next_token {
            params.push(("NextToken".to_string(), token.clone()));
        }
        let body = client.call("DescribeImageComponents", &params).await?.body;
        found.extend(components(&body).into_iter().filter(|c| c.name == name));
        next_token = text(&body, "NextToken");
        if next_token.is_none() {
            return Ok(found);
        }
    }
}

fn components(body: &Value) -> Vec<CloudComponent> {
    let set = body
        .pointer("/ImageComponent/ImageComponentSet")
        .and_then(Value::as_array);
    set.into_iter()
        .flatten()
        .filter_map(|item| {
            let parameters = item
                .pointer("/Parameters/Parameter")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    Some(CloudParameter {
                        name: text(p, "Name")?,
                        kind: text(p, "Type").unwrap_or_else(|| "String".into()),
                        default: text(p, "DefaultValue"),
                    })
                })
                .collect();
            Some(CloudComponent {
                id: text(item, "ImageComponentId")?,
                name: text(item, "Name").unwrap_or_default(),
                version: text(item, "ComponentVersion").unwrap_or_default(),
                component_type: text(item, "ComponentType").unwrap_or_else(|| "Build".into()),
                system_type: text(item, "SystemType").unwrap_or_else(|| "Linux".into()),
                description: text(item, "Description").unwrap_or_default(),
                parameters,
            })
        })
        .collect()
}

fn text(value: &Value, field: &str) -> Option<String> {
    value
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Whether image `image_id` exists in `region` (`DescribeImages`).
pub async fn image_exists(client: &Client, region: &str, image_id: &str) -> Result<bool, ApiError> {
    Ok(client
        .describe_images(region, image_id)
        .await?
        .iter()
        .any(|image| image.image_id == image_id))
}

/// Whether image family `family` has an available image in `region` (`DescribeImageFromFamily`).
pub async fn family_has_image(
    client: &Client,
    region: &str,
    family: &str,
) -> Result<bool, ApiError> {
    Ok(client
        .describe_image_from_family(region, family)
        .await?
        .is_some())
}
