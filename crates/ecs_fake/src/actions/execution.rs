//! `StartImagePipelineExecution` and `DescribeImagePipelineExecutions`: an execution walks
//! through the statuses the test configured.

use std::time::SystemTime;

use serde_json::json;

use super::idempotency::idempotent_id;
use crate::http::HttpResponse;
use crate::respond::param;
use crate::state::State;
use crate::verify::format_timestamp;

pub(super) fn start(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    match idempotent_id("StartImagePipelineExecution", "exec", query, rid, st) {
        Ok(id) => HttpResponse::json(200, &json!({"ExecutionId": id, "RequestId": rid})),
        Err(resp) => resp,
    }
}

/// Each call for an execution reports the next configured status; the last one repeats.
pub(super) fn describe(query: &[(String, String)], rid: &str, st: &mut State) -> HttpResponse {
    let exec = param(query, "ExecutionId")
        .unwrap_or("exec-fake")
        .to_string();
    let pipeline = param(query, "ImagePipelineId")
        .unwrap_or("ip-fake")
        .to_string();
    let calls = st.describe_calls.entry(exec.clone()).or_insert(0);
    let index = *calls;
    *calls += 1;
    let status = st
        .statuses
        .get(index)
        .or(st.statuses.last())
        .cloned()
        .unwrap_or_else(|| "SUCCESS".into());
    let mut item = json!({
        "ExecutionId": exec,
        "ImagePipelineId": pipeline,
        "Status": status,
        "Message": format!("fake execution is {status}"),
        "CreationTime": format_timestamp(SystemTime::now()),
        "ModifiedTime": format_timestamp(SystemTime::now()),
    });
    if status == "SUCCESS" || status == "PARTITION_SUCCESS" {
        item["ImageId"] = json!(format!("m-fake{:012}", index));
    }
    HttpResponse::json(
        200,
        &json!({
            "ImagePipelineExecution": {"ImagePipelineExecutionSet": [item]},
            "TotalCount": 1,
            "MaxResults": 50,
            "RequestId": rid,
        }),
    )
}
