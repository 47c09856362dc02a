//! What each action does when no reply is scripted for it: one module per resource, so that
//! an action added later is one new match arm and, usually, one new file.

mod component;
mod execution;
mod idempotency;
mod image;
mod paging;
mod pipeline;
pub(crate) mod sts;

use serde_json::json;

use crate::http::HttpResponse;
use crate::state::State;

/// The answer to `action` carried out against the fake's state.
pub(crate) fn default_answer(
    action: &str,
    query: &[(String, String)],
    rid: &str,
    st: &mut State,
) -> HttpResponse {
    match action {
        "CreateImagePipeline" => pipeline::create(query, rid, st),
        "DescribeImagePipelines" => pipeline::describe(query, rid, st),
        "StartImagePipelineExecution" => execution::start(query, rid, st),
        "DescribeImagePipelineExecutions" => execution::describe(query, rid, st),
        "CreateImageComponent" => component::create(query, rid, st),
        "DescribeImageComponents" => component::describe(query, rid, st),
        "DescribeImages" => image::describe(query, rid, st),
        "DescribeImageFromFamily" => image::describe_from_family(query, rid, st),
        "AssumeRole" => sts::role_credentials(query, rid, st),
        _ => HttpResponse::json(200, &json!({"RequestId": rid})),
    }
}
