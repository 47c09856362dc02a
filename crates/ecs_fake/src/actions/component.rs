//! `CreateImageComponent` (the component is kept, as the service describes it) and
//! `DescribeImageComponents`.

use std::time::SystemTime;

use serde_json::{Value, json};

use super::idempotency::{new_id, replayed};
use super::paging::page;
use crate::http::HttpResponse;
use crate::respond::{error, list_param, param};
use crate::state::State;
use crate::verify::format_timestamp;

const ACTION: &str = "CreateImageComponent";

/// Creates a component with the service's defaults (`Build`, `Linux`, the next major version,
/// the ID as the name). A version its name already has is `InvalidComponentVersion.Exist`
/// (403), unless the request repeats an earlier one's ClientToken. Components created here
/// declare no parameters (the fake does not read YAML); tests that need some add the component
/// with `FakeEcs::add_image_component`.
pub(super) fn create(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    let created =
        |id: &str| HttpResponse::json(200, &json!({"ImageComponentId": id, "RequestId": rid}));
    match replayed(ACTION, query, rid, st) {
        Some(Ok(id)) => return created(&id),
        Some(Err(resp)) => return resp,
        None => {}
    }
    let Some(content) = param(query, "Content").filter(|c| !c.is_empty()) else {
        return error(
            400,
            rid,
            "MissingParameter.Content",
            "Content is mandatory for this action.",
        );
    };
    let component_type = param(query, "ComponentType").unwrap_or("Build");
    if !["Build", "Test"].contains(&component_type) {
        return error(
            400,
            rid,
            "InvalidComponentType.NotSupportedValue",
            "The specified ComponentType is not supported.",
        );
    }
    let system_type = param(query, "SystemType").unwrap_or("Linux");
    if !["Linux", "Windows"].contains(&system_type) {
        return error(
            400,
            rid,
            "InvalidSystemType.NotSupportedValue",
            "The specified SystemType is not supported.",
        );
    }
    let region = param(query, "RegionId").unwrap_or_default().to_owned();
    let name = param(query, "Name").map(str::to_owned);
    let same_name = |st: &State, name: &str| -> Vec<Value> {
        st.components
            .iter()
            .filter(|(r, c)| *r == region && c["Name"] == name)
            .map(|(_, c)| c["ComponentVersion"].clone())
            .collect()
    };
    let version = match param(query, "ComponentVersion") {
        Some(version) if parse_version(version).is_none() => {
            return error(
                400,
                rid,
                "InvalidParameter.ComponentVersion",
                "The specified ComponentVersion is invalid.",
            );
        }
        Some(version) => {
            if let Some(name) = &name
                && same_name(st, name).iter().any(|v| v == version)
            {
                return error(
                    403,
                    rid,
                    "InvalidComponentVersion.Exist",
                    "The specified component version already exists.",
                );
            }
            version.to_owned()
        }
        None => {
            let highest = name
                .as_deref()
                .map(|name| same_name(st, name))
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_str().and_then(parse_version))
                .map(|[major, _, _]| major + 1)
                .max()
                .unwrap_or(1);
            format!("{highest}.0.0")
        }
    };
    let id = new_id(ACTION, "ic", query, st);
    let mut item = json!({
        "ImageComponentId": id,
        "Name": name.unwrap_or_else(|| id.clone()),
        "ComponentVersion": version,
        "ComponentType": component_type,
        "SystemType": system_type,
        "Content": content,
        "Owner": "SELF",
        "Parameters": { "Parameter": [] },
        "CreationTime": format_timestamp(SystemTime::now()),
    });
    for key in ["Description", "ResourceGroupId"] {
        if let Some(value) = param(query, key) {
            item[key] = json!(value);
        }
    }
    let tags: Vec<Value> = (1..)
        .map_while(|n| {
            let key = param(query, &format!("Tag.{n}.Key"))?;
            let value = param(query, &format!("Tag.{n}.Value")).unwrap_or_default();
            Some(json!({ "TagKey": key, "TagValue": value }))
        })
        .collect();
    if !tags.is_empty() {
        item["Tags"] = json!({ "Tag": tags });
    }
    st.components.push((region, item));
    created(&id)
}

/// Components of the request's region, filtered by `ImageComponentId.N` (at most 20), `Name`
/// (exact), `ComponentVersion` (with `Name` only, as the service does; one part may be `*`),
/// `Owner`, `ComponentType`, `SystemType` and `ResourceGroupId`, newest first, one page at a
/// time.
pub(super) fn describe(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    let ids = list_param(query, "ImageComponentId");
    if ids.len() > 20 {
        return error(
            400,
            rid,
            "InvalidImageComponentIdSize.ExceededMaxNumber",
            "The number of ImageComponentId exceeds the upper limit 20.",
        );
    }
    let name = param(query, "Name");
    let version = match (name, param(query, "ComponentVersion")) {
        (Some(_), Some(pattern)) => match parse_pattern(pattern) {
            Some(parts) => Some(parts),
            None => {
                return error(
                    400,
                    rid,
                    "InvalidParameter.ComponentVersion",
                    "The specified ComponentVersion is invalid.",
                );
            }
        },
        _ => None,
    };
    let region = param(query, "RegionId").unwrap_or_default();
    let field = |item: &Value, key: &str, wanted: Option<&str>| {
        wanted.is_none_or(|wanted| item[key] == wanted)
    };
    let items: Vec<Value> = st
        .components
        .iter()
        .rev()
        .filter(|(r, _)| r == region)
        .map(|(_, item)| item)
        .filter(|item| ids.is_empty() || ids.iter().any(|id| item["ImageComponentId"] == **id))
        .filter(|item| field(item, "Name", name))
        .filter(|item| field(item, "Owner", param(query, "Owner")))
        .filter(|item| field(item, "ComponentType", param(query, "ComponentType")))
        .filter(|item| field(item, "SystemType", param(query, "SystemType")))
        .filter(|item| field(item, "ResourceGroupId", param(query, "ResourceGroupId")))
        .filter(|item| {
            version.is_none_or(|pattern| {
                item["ComponentVersion"]
                    .as_str()
                    .and_then(parse_version)
                    .is_some_and(|v| {
                        v.iter()
                            .zip(pattern)
                            .all(|(v, p)| p.is_none_or(|p| p == *v))
                    })
            })
        })
        .cloned()
        .collect();
    page(items, "ImageComponent", "ImageComponentSet", query, rid)
}

/// `major.minor.patch`, each a non-negative integer.
fn parse_version(text: &str) -> Option<[u64; 3]> {
    let mut parts = text.split('.').map(|p| {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u64>().ok())
            .flatten()
    });
    let version = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(version)
}

/// A version filter: `major.minor.patch` where one part may be `*` (`None`).
fn parse_pattern(text: &str) -> Option<[Option<u64>; 3]> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 3 || parts.iter().filter(|p| **p == "*").count() > 1 {
        return None;
    }
    let concrete = parts
        .iter()
        .map(|p| if *p == "*" { "0" } else { p })
        .collect::<Vec<_>>();
    let numbers = parse_version(&concrete.join("."))?;
    let mut pattern = [None; 3];
    for (i, part) in parts.iter().enumerate() {
        if *part != "*" {
            pattern[i] = Some(numbers[i]);
        }
    }
    Some(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_patterns() {
        assert_eq!(parse_version("1.2.3"), Some([1, 2, 3]));
        assert_eq!(parse_version("1.2"), None);
        assert_eq!(parse_version("1.2.x"), None);
        assert_eq!(parse_version("1.2.3.4"), None);
        assert_eq!(parse_pattern("1.*.3"), Some([Some(1), None, Some(3)]));
        assert_eq!(parse_pattern("1.*.*"), None);
        assert_eq!(parse_pattern("*.0"), None);
    }
}
