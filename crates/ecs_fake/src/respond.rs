//! The pieces every answer is made of: request IDs, the gateway's error body, and reading
//! a parameter of the request.

use serde_json::{Value, json};

use crate::http::HttpResponse;
use crate::state::State;

/// A fresh `RequestId`.
pub(crate) fn request_id(state: &mut State) -> String {
    format!("FAKE-REQ-{:08}", state.next_id())
}

/// An error in the gateway's JSON shape.
pub(crate) fn error_body(request_id: &str, code: &str, message: &str) -> Value {
    json!({
        "RequestId": request_id,
        "HostId": "ecs.fake.aliyuncs.com",
        "Code": code,
        "Message": message,
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}&requestId={request_id}"),
    })
}

/// An error answer with `status`.
pub(crate) fn error(status: u16, request_id: &str, code: &str, message: &str) -> HttpResponse {
    HttpResponse::json(status, &error_body(request_id, code, message))
}

/// The first parameter called `name`.
pub(crate) fn param<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The values of a list parameter (`Name.1`, `Name.2`, …) in index order; an index that is
/// missing ends the list, as the service reads it.
pub(crate) fn list_param(query: &[(String, String)], name: &str) -> Vec<String> {
    (1..)
        .map_while(|n| param(query, &format!("{name}.{n}")).map(str::to_owned))
        .collect()
}
