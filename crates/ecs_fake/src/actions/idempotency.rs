//! ClientToken handling, as the service does it: a token seen before with the same
//! parameters returns the resource created then; with other parameters it is an error.

use crate::http::HttpResponse;
use crate::respond::{error, param};
use crate::state::State;

/// Operation parameters only (common V2 parameters left out), sorted, as an idempotency
/// fingerprint.
fn fingerprint(action: &str, query: &[(String, String)]) -> String {
    const COMMON: &[&str] = &[
        "Action",
        "Format",
        "Version",
        "Timestamp",
        "SignatureNonce",
        "SignatureMethod",
        "SignatureVersion",
        "AccessKeyId",
        "SecurityToken",
        "Signature",
    ];
    let mut ops: Vec<String> = query
        .iter()
        .filter(|(k, _)| !COMMON.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    ops.sort();
    format!("{action}?{}", ops.join("&"))
}

/// The resource created earlier with this request's ClientToken (`Some(Ok)`), a mismatch
/// error when that token came with other parameters (`Some(Err)`), or `None` for a new
/// request.
pub(crate) fn replayed(
    action: &str,
    query: &[(String, String)],
    rid: &str,
    st: &State,
) -> Option<Result<String, HttpResponse>> {
    let token = param(query, "ClientToken")?;
    let (seen, id) = st.idempotency.get(token)?;
    if *seen == fingerprint(action, query) {
        Some(Ok(id.clone()))
    } else {
        Some(Err(error(
            400,
            rid,
            "IdempotentParameterMismatch",
            "The specified parameters are different from before.",
        )))
    }
}

/// A new resource ID with `prefix`, remembered under the request's ClientToken.
pub(crate) fn new_id(
    action: &str,
    prefix: &str,
    query: &[(String, String)],
    st: &mut State,
) -> String {
    let id = format!("{prefix}-fake{:012}", st.next_id());
    if let Some(token) = param(query, "ClientToken") {
        st.idempotency
            .insert(token.to_owned(), (fingerprint(action, query), id.clone()));
    }
    id
}

/// The resource for a create request: the one from an earlier request with the same
/// ClientToken, else a new one.
pub(crate) fn idempotent_id(
    action: &str,
    prefix: &str,
    query: &[(String, String)],
    rid: &str,
    st: &mut State,
) -> Result<String, HttpResponse> {
    match replayed(action, query, rid, st) {
        Some(result) => result,
        None => Ok(new_id(action, prefix, query, st)),
    }
}
