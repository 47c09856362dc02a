//! The questions the online check puts to the service, one function per kind of question, each
//! turning the client's typed answer into the cached shape.

use bc_aliyun::{ApiError, Client, ComponentFilter, ImageComponent};
use bc_component::link::ComponentFormat;

use super::model::{CloudComponent, CloudParameter};

pub use bc_aliyun::MAX_IDS_PER_CALL as IDS_PER_CALL;

/// The components among `ids` (at most [`IDS_PER_CALL`], one call) that exist in `region`.
pub async fn components_by_id(
    client: &Client,
    region: &str,
    ids: &[&str],
) -> Result<Vec<CloudComponent>, ApiError> {
    let filter = ComponentFilter {
        ids: ids.iter().map(|id| id.to_string()).collect(),
        ..ComponentFilter::default()
    };
    let found = client.describe_image_components(region, &filter).await?;
    Ok(found.into_iter().map(cloud_component).collect())
}

/// Every version of the component named `name` in `region`.
pub async fn components_by_name(
    client: &Client,
    region: &str,
    name: &str,
) -> Result<Vec<CloudComponent>, ApiError> {
    let filter = ComponentFilter {
        name: Some(name.to_string()),
        ..ComponentFilter::default()
    };
    let found = client.describe_image_components(region, &filter).await?;
    Ok(found
        .into_iter()
        .filter(|component| component.name.as_deref() == Some(name))
        .map(cloud_component)
        .collect())
}

/// The fields the checks and hover use, with the service's defaults for those it left out.
fn cloud_component(component: ImageComponent) -> CloudComponent {
    CloudComponent {
        name: component
            .name
            .unwrap_or_else(|| component.image_component_id.clone()),
        id: component.image_component_id,
        version: component.component_version.unwrap_or_default(),
        component_type: component.component_type.unwrap_or_else(|| "Build".into()),
        system_type: component.system_type.unwrap_or_else(|| "Linux".into()),
        description: component.description.unwrap_or_default(),
        yaml: component
            .content
            .as_deref()
            .is_some_and(|content| ComponentFormat::of(content) == ComponentFormat::Yaml),
        parameters: component
            .parameters
            .into_iter()
            .map(|parameter| CloudParameter {
                name: parameter.name,
                kind: parameter.parameter_type,
                default: parameter.default_value,
            })
            .collect(),
    }
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
