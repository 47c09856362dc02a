//! `NextToken` / `MaxResults` paging, shared by the `Describe*` actions that list resources.

use serde_json::{Value, json};

use crate::http::HttpResponse;
use crate::respond::{error, param};

/// One page of `items`, as `{"<outer>": {"<inner>": [...]}, "TotalCount", "MaxResults",
/// "NextToken", "RequestId"}`. The token is the offset of the next page; a token the fake did
/// not hand out is refused as the service refuses it (`Invalid.NextToken`, 403), and so is a
/// `MaxResults` outside 1–500.
pub(super) fn page(
    items: Vec<Value>,
    outer: &str,
    inner: &str,
    query: &[(String, String)],
    rid: &str,
) -> HttpResponse {
    let max = match param(query, "MaxResults").map(str::parse::<usize>) {
        None => 50,
        Some(Ok(max)) if (1..=500).contains(&max) => max,
        Some(_) => {
            return error(
                400,
                rid,
                "InvalidParameter.MaxResults",
                "The specified MaxResults is out of the range 1 to 500.",
            );
        }
    };
    let start = match param(query, "NextToken").filter(|t| !t.is_empty()) {
        None => 0,
        Some(token) => match token.strip_prefix("fake-page-").map(str::parse::<usize>) {
            Some(Ok(start)) if start <= items.len() => start,
            _ => {
                return error(
                    403,
                    rid,
                    "Invalid.NextToken",
                    "The specified NextToken is invalid.",
                );
            }
        },
    };
    let total = items.len();
    let end = (start + max).min(total);
    let set: Vec<Value> = items[start..end].to_vec();
    let mut body = json!({
        outer: { inner: set },
        "TotalCount": total,
        "MaxResults": max,
        "RequestId": rid,
    });
    if end < total {
        body["NextToken"] = json!(format!("fake-page-{end}"));
    }
    HttpResponse::json(200, &body)
}
