//! Reading the answers of `Describe*` actions: typed fields out of JSON that the service
//! writes loosely (numbers sometimes as strings, lists inside wrapper objects such as
//! `ToRegionIds.ToRegionId[]`, tags as `TagKey`/`TagValue`).

use serde_json::Value;

use crate::client::{ApiResponse, Client};
use crate::error::{ApiError, excerpt};

/// At most this many pages are read for one question: a server that kept answering with a
/// `NextToken` must not keep bclint asking forever.
const MAX_PAGES: usize = 100;

/// Calls `action` with `params` and every `NextToken` it answers with, and returns the items
/// of `<outer>.<inner>[]` of all pages, in order.
pub(crate) async fn all_pages(
    client: &Client,
    action: &str,
    params: &[(String, String)],
    outer: &str,
    inner: &str,
) -> Result<Vec<Value>, ApiError> {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut page_params = params.to_vec();
        if let Some(token) = &token {
            page_params.push(("NextToken".to_owned(), token.clone()));
        }
        let resp = client.call(action, &page_params).await?;
        let set = resp
            .body
            .get(outer)
            .and_then(|o| o.get(inner))
            .and_then(Value::as_array)
            .ok_or_else(|| malformed(&resp, &format!("the response has no {outer}.{inner}")))?;
        items.extend(set.iter().cloned());
        token = text(&resp.body, "NextToken");
        if token.is_none() || set.is_empty() {
            return Ok(items);
        }
    }
    Ok(items)
}

/// `MalformedResponse` for a 2xx answer whose body lacks what the action promises.
pub(crate) fn malformed(resp: &ApiResponse, reason: &str) -> ApiError {
    ApiError::MalformedResponse {
        status: resp.status,
        body_excerpt: excerpt(&resp.body.to_string()),
        reason: reason.to_owned(),
    }
}

/// A string field; empty strings count as absent (the service reports unset fields as `""`).
pub(crate) fn text(item: &Value, key: &str) -> Option<String> {
    match item.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An integer field, written as a number or a numeric string.
pub(crate) fn integer(item: &Value, key: &str) -> Option<i64> {
    match item.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A boolean field, written as a boolean or `"true"`/`"false"`.
pub(crate) fn boolean(item: &Value, key: &str) -> Option<bool> {
    match item.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The elements of a list the service wraps in an object (`{"ToRegionId": [...]}` under
/// `ToRegionIds`); a bare array is accepted too.
pub(crate) fn list<'a>(item: &'a Value, outer: &str, inner: &str) -> &'a [Value] {
    let value = item.get(outer);
    value
        .and_then(|v| v.get(inner))
        .or(value)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The strings of a wrapped list, in order.
pub(crate) fn strings(item: &Value, outer: &str, inner: &str) -> Vec<String> {
    list(item, outer, inner)
        .iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect()
}

/// Tags of a wrapped list as `(key, value)`, in order; `TagKey`/`TagValue` as the service
/// writes them, `Key`/`Value` as some SDK models do.
pub(crate) fn tags(item: &Value, outer: &str, inner: &str) -> Vec<(String, String)> {
    list(item, outer, inner)
        .iter()
        .filter_map(|tag| {
            let key = text(tag, "TagKey").or_else(|| text(tag, "Key"))?;
            let value = text(tag, "TagValue")
                .or_else(|| text(tag, "Value"))
                .unwrap_or_default();
            Some((key, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn loose_fields_are_read_as_their_types() {
        let item = json!({
            "A": "", "B": "x", "N": "40", "M": 5, "T": "true", "F": false,
            "ToRegionIds": {"ToRegionId": ["cn-beijing", "cn-shanghai"]},
            "Bare": ["a"],
            "Tags": {"Tag": [{"TagKey": "k", "TagValue": "v"}, {"Key": "k2"}]},
        });
        assert_eq!(text(&item, "A"), None);
        assert_eq!(text(&item, "B").as_deref(), Some("x"));
        assert_eq!(integer(&item, "N"), Some(40));
        assert_eq!(integer(&item, "M"), Some(5));
        assert_eq!(boolean(&item, "T"), Some(true));
        assert_eq!(boolean(&item, "F"), Some(false));
        assert_eq!(
            strings(&item, "ToRegionIds", "ToRegionId"),
            ["cn-beijing", "cn-shanghai"]
        );
        assert_eq!(strings(&item, "Bare", "X"), ["a"]);
        assert!(strings(&item, "Missing", "X").is_empty());
        assert_eq!(
            tags(&item, "Tags", "Tag"),
            [("k".into(), "v".into()), ("k2".into(), String::new())]
        );
    }
}
