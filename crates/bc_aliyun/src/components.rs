//! `CreateImageComponent` and `DescribeImageComponents`.

use serde_json::Value;

use crate::client::{Client, ensure_client_token, required_str};
use crate::describe::{all_pages, list, tags, text};
use crate::error::ApiError;

/// The most `ImageComponentId.N` one `DescribeImageComponents` call takes.
pub const MAX_IDS_PER_CALL: usize = 20;

/// Result of `CreateImageComponent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedComponent {
    /// The new component's ID (`ic-…`).
    pub image_component_id: String,
    /// Request ID of the successful attempt.
    pub request_id: Option<String>,
    /// The client token used: the caller's, or the one generated for this call.
    pub client_token: String,
}

/// An image component as `DescribeImageComponents` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageComponent {
    /// `ic-…`.
    pub image_component_id: String,
    /// `Name`.
    pub name: Option<String>,
    /// `ComponentVersion` (`major.minor.patch`).
    pub component_version: Option<String>,
    /// `Build` or `Test`.
    pub component_type: Option<String>,
    /// `Linux` or `Windows`.
    pub system_type: Option<String>,
    /// `Content`, exactly as stored.
    pub content: Option<String>,
    /// `SELF` or `ALIYUN`.
    pub owner: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<String>,
    /// `Parameters.Parameter[]`.
    pub parameters: Vec<ComponentParameter>,
    /// `Tags.Tag[]` as `(key, value)`.
    pub tags: Vec<(String, String)>,
    /// `CreationTime`.
    pub creation_time: Option<String>,
}

/// A parameter a component declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentParameter {
    /// `Name`.
    pub name: String,
    /// `Type`: `String`, `Number` or `Boolean`.
    pub parameter_type: String,
    /// `DefaultValue`; a parameter without one is required.
    pub default_value: Option<String>,
}

/// Which components `DescribeImageComponents` should return.
#[derive(Debug, Clone, Default)]
pub struct ComponentFilter {
    /// `ImageComponentId.N`; more than [`MAX_IDS_PER_CALL`] are asked in several calls.
    pub ids: Vec<String>,
    /// `Name` (exact).
    pub name: Option<String>,
    /// `ComponentVersion` (only with `name`; one part may be `*`).
    pub version: Option<String>,
    /// `Owner`: `SELF` or `ALIYUN`.
    pub owner: Option<String>,
    /// `ComponentType`: `Build` or `Test`.
    pub component_type: Option<String>,
    /// `SystemType`: `Linux` or `Windows`.
    pub system_type: Option<String>,
}

impl Client {
    /// `CreateImageComponent`. A `ClientToken` is generated when `params` have none, so
    /// retries cannot create a second component; it is returned for reuse.
    pub async fn create_image_component(
        &self,
        params: &[(String, String)],
    ) -> Result<CreatedComponent, ApiError> {
        let mut params = params.to_vec();
        let client_token = ensure_client_token(&mut params);
        let resp = self.call("CreateImageComponent", &params).await?;
        Ok(CreatedComponent {
            image_component_id: required_str(&resp, "ImageComponentId")?,
            request_id: resp.request_id,
            client_token,
        })
    }

    /// `DescribeImageComponents` in `region`, every page; ids are asked
    /// [`MAX_IDS_PER_CALL`] at a time.
    pub async fn describe_image_components(
        &self,
        region: &str,
        filter: &ComponentFilter,
    ) -> Result<Vec<ImageComponent>, ApiError> {
        let mut common = vec![
            ("RegionId".to_owned(), region.to_owned()),
            ("MaxResults".to_owned(), "50".to_owned()),
        ];
        for (key, value) in [
            ("Name", &filter.name),
            ("ComponentVersion", &filter.version),
            ("Owner", &filter.owner),
            ("ComponentType", &filter.component_type),
            ("SystemType", &filter.system_type),
        ] {
            if let Some(value) = value {
                common.push((key.to_owned(), value.clone()));
            }
        }
        let batches: Vec<&[String]> = if filter.ids.is_empty() {
            vec![&[]]
        } else {
            filter.ids.chunks(MAX_IDS_PER_CALL).collect()
        };
        let mut components = Vec::new();
        for batch in batches {
            let mut params = common.clone();
            for (i, id) in batch.iter().enumerate() {
                params.push((format!("ImageComponentId.{}", i + 1), id.clone()));
            }
            let items = all_pages(
                self,
                "DescribeImageComponents",
                &params,
                "ImageComponent",
                "ImageComponentSet",
            )
            .await?;
            components.extend(items.iter().map(parse_component));
        }
        Ok(components)
    }
}

fn parse_component(item: &Value) -> ImageComponent {
    ImageComponent {
        image_component_id: text(item, "ImageComponentId").unwrap_or_default(),
        name: text(item, "Name"),
        component_version: text(item, "ComponentVersion"),
        component_type: text(item, "ComponentType"),
        system_type: text(item, "SystemType"),
        // Content is kept exactly, even when empty: it is what `import` writes.
        content: item
            .get("Content")
            .and_then(Value::as_str)
            .map(str::to_owned),
        owner: text(item, "Owner"),
        description: text(item, "Description"),
        resource_group_id: text(item, "ResourceGroupId"),
        parameters: list(item, "Parameters", "Parameter")
            .iter()
            .filter_map(|p| {
                Some(ComponentParameter {
                    name: text(p, "Name")?,
                    parameter_type: text(p, "Type").unwrap_or_else(|| "String".to_owned()),
                    default_value: p
                        .get("DefaultValue")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                })
            })
            .collect(),
        tags: tags(item, "Tags", "Tag"),
        creation_time: text(item, "CreationTime"),
    }
}
