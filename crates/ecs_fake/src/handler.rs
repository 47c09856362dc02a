//! Routing and answers: metadata paths, then signed API requests (verified, recorded,
//! answered from the action's scripted replies, the general queue, or with the action's
//! default).

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};

use crate::actions::default_answer;
use crate::actions::sts::role_credentials;
use crate::http::{HttpRequest, HttpResponse, read_request, write_response};
use crate::reply::{Reply, Scripted};
use crate::respond::{error_body, param, request_id};
use crate::state::{IssuedCredentials, RecordedRequest, State, lock};
use crate::verify::{format_timestamp, parse_query, verify};

/// Accepts connections until `shutdown` fires; each connection is one request.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    state: Arc<Mutex<State>>,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    let listener = TcpListener::from_std(listener).expect("register the listener with tokio");
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(handle_connection(stream, Arc::clone(&state)));
                }
            }
        }
    }
}

/// What to do with a connection after the request was read.
enum Action {
    Respond(HttpResponse),
    Drop,
    Delay(Duration, Box<Action>),
}

async fn handle_connection(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let req = match read_request(&mut stream).await {
        Ok(req) => req,
        Err(e) => {
            write_response(&mut stream, &HttpResponse::text(400, &e.to_string())).await;
            return;
        }
    };
    let anonymous_sts = req.method == "POST"
        && parse_query(req.raw_query())
            .iter()
            .any(|(k, v)| k == "Action" && v == "AssumeRoleWithOIDC");
    let mut action = if req.path().starts_with("/latest/") {
        Action::Respond(metadata(&req, &state))
    } else if req.path() == "/credentials" {
        Action::Respond(credentials_uri(&req, &state))
    } else if anonymous_sts {
        Action::Respond(oidc(&req, &state))
    } else {
        api(&req, &state)
    };
    loop {
        match action {
            Action::Respond(resp) => {
                write_response(&mut stream, &resp).await;
                return;
            }
            Action::Drop => return,
            Action::Delay(d, inner) => {
                tokio::time::sleep(d).await;
                action = *inner;
            }
        }
    }
}

/// The endpoint of `ALIBABA_CLOUD_CREDENTIALS_URI`: `GET /credentials` answers with the
/// credentials set by `FakeEcs::set_uri_credentials`, in the metadata service's format.
fn credentials_uri(req: &HttpRequest, state: &Arc<Mutex<State>>) -> HttpResponse {
    let mut st = lock(state);
    record_unsigned(&mut st, req, None, "credentials URI request (not signed)");
    match (&req.method[..], st.uri_credentials.clone()) {
        ("GET", Some(creds)) => HttpResponse::json(200, &metadata_credentials(&creds)),
        ("GET", None) => HttpResponse::text(404, "no credentials configured"),
        _ => HttpResponse::text(405, "GET only"),
    }
}

/// STS `AssumeRoleWithOIDC`: anonymous (no signature), the role, provider and token in a form
/// body. The token must be the one set with `FakeEcs::set_oidc_token`.
fn oidc(req: &HttpRequest, state: &Arc<Mutex<State>>) -> HttpResponse {
    let mut st = lock(state);
    let form = parse_query(&String::from_utf8_lossy(&req.body));
    record_unsigned(
        &mut st,
        req,
        Some("AssumeRoleWithOIDC"),
        "anonymous STS request (not signed)",
    );
    let rid = request_id(&mut st);
    let missing = ["RoleArn", "OIDCProviderArn", "OIDCToken", "RoleSessionName"]
        .into_iter()
        .find(|name| param(&form, name).is_none_or(str::is_empty));
    if let Some(name) = missing {
        return HttpResponse::json(
            400,
            &error_body(
                &rid,
                &format!("MissingParameter.{name}"),
                &format!("{name} is mandatory for this action."),
            ),
        );
    }
    let token = param(&form, "OIDCToken").unwrap_or_default();
    if st.oidc_token.as_deref() != Some(token) {
        return HttpResponse::json(
            400,
            &error_body(
                &rid,
                "AuthenticationFail.OIDCToken.Invalid",
                "The OIDC token is invalid.",
            ),
        );
    }
    role_credentials(&form, &rid, &mut st)
}

/// Records a request that carries no signature (metadata, credentials URI, anonymous STS).
fn record_unsigned(st: &mut State, req: &HttpRequest, action: Option<&str>, why: &str) {
    st.requests.push(RecordedRequest {
        method: req.method.clone(),
        path: req.path().to_string(),
        query: parse_query(req.raw_query()),
        headers: req.headers.clone(),
        body: req.body.clone(),
        action: action.map(str::to_string),
        access_key_id: None,
        signature_kind: None,
        signature_valid: false,
        signature_error: Some(why.to_string()),
    });
}

/// The instance metadata service: IMDSv2 token, role listing, role credentials.
fn metadata(req: &HttpRequest, state: &Arc<Mutex<State>>) -> HttpResponse {
    let mut st = lock(state);
    record_unsigned(&mut st, req, None, "metadata request (not signed)");
    const ROLES: &str = "/latest/meta-data/ram/security-credentials/";
    if req.path() == "/latest/api/token" {
        if req.method != "PUT"
            || req
                .header("x-aliyun-ecs-metadata-token-ttl-seconds")
                .is_none()
        {
            return HttpResponse::text(400, "token requests are PUT with a TTL header");
        }
        let token = format!("imds-token-{}", st.next_id());
        st.imds_tokens.push(token.clone());
        return HttpResponse::text(200, &token);
    }
    let token_ok = req
        .header("x-aliyun-ecs-metadata-token")
        .is_some_and(|t| st.imds_tokens.iter().any(|k| k == t));
    if !token_ok {
        return HttpResponse::text(401, "missing or unknown metadata token");
    }
    let Some((role, creds)) = st.instance_role.clone() else {
        return HttpResponse::text(404, "no RAM role is attached");
    };
    if req.path() == ROLES {
        return HttpResponse::text(200, &role);
    }
    if req.path().strip_prefix(ROLES) == Some(role.as_str()) {
        return HttpResponse::json(200, &metadata_credentials(&creds));
    }
    HttpResponse::text(404, "not found")
}

/// Credentials as the metadata service (and a credentials URI) gives them.
fn metadata_credentials(creds: &IssuedCredentials) -> Value {
    json!({
        "Code": "Success",
        "AccessKeyId": creds.access_key_id,
        "AccessKeySecret": creds.access_key_secret,
        "SecurityToken": creds.security_token,
        "Expiration": format_timestamp(SystemTime::now() + Duration::from_secs(3600)),
        "LastUpdated": format_timestamp(SystemTime::now()),
    })
}

/// A signed API request: verify, record, then answer.
fn api(req: &HttpRequest, state: &Arc<Mutex<State>>) -> Action {
    let query = parse_query(req.raw_query());
    let mut st = lock(state);
    let verified = {
        let secrets = st.secrets.clone();
        let tokens = st.tokens.clone();
        verify(
            req,
            &query,
            &|ak| secrets.get(ak).cloned(),
            &|ak| tokens.get(ak).cloned(),
            SystemTime::now(),
        )
    };
    let mut failure = verified.failure.clone();
    let expired = verified
        .access_key_id
        .as_ref()
        .and_then(|ak| st.expiries.get(ak))
        .is_some_and(|&until| std::time::Instant::now() >= until);
    if failure.is_none() && expired {
        failure = Some((
            400,
            "InvalidSecurityToken.Expired",
            "Specified SecurityToken is expired.".to_string(),
        ));
    }
    if failure.is_none()
        && let Some(nonce) = &verified.nonce
        && !st.seen_nonces.insert(nonce.clone())
    {
        failure = Some((
            400,
            "SignatureNonceUsed",
            format!("Specified signature nonce {nonce} was used already."),
        ));
    }
    st.requests.push(RecordedRequest {
        method: req.method.clone(),
        path: req.path().to_string(),
        query: query.clone(),
        headers: req.headers.clone(),
        body: req.body.clone(),
        action: verified.action.clone(),
        access_key_id: verified.access_key_id.clone(),
        signature_kind: verified.kind,
        signature_valid: failure.is_none(),
        signature_error: failure
            .as_ref()
            .map(|(_, code, msg)| format!("{code}: {msg}")),
    });
    let rid = request_id(&mut st);
    if let Some((status, code, message)) = failure {
        return Action::Respond(HttpResponse::json(
            status,
            &error_body(&rid, code, &message),
        ));
    }
    let action = verified.action.unwrap_or_default();
    if let Some(reply) = st
        .action_replies
        .get_mut(&action)
        .and_then(|q| q.pop_front())
    {
        return scripted(reply, &action, &query, &rid, &mut st);
    }
    if let Some(reply) = st.failing_actions.get(&action).cloned() {
        return scripted(reply, &action, &query, &rid, &mut st);
    }
    match st.queue.pop_front() {
        Some(Scripted::Reply(reply)) => scripted(reply, &action, &query, &rid, &mut st),
        Some(Scripted::Default) | None => {
            Action::Respond(default_answer(&action, &query, &rid, &mut st))
        }
    }
}

fn scripted(
    reply: Reply,
    action: &str,
    query: &[(String, String)],
    rid: &str,
    st: &mut State,
) -> Action {
    match reply {
        Reply::Processed(inner) => {
            default_answer(action, query, rid, st);
            scripted(*inner, action, query, rid, st)
        }
        Reply::Ok(mut body) => {
            if let Some(obj) = body.as_object_mut() {
                obj.entry("RequestId").or_insert_with(|| json!(rid));
            }
            Action::Respond(HttpResponse::json(200, &body))
        }
        Reply::ApiError {
            status,
            code,
            message,
        } => Action::Respond(HttpResponse::json(
            status,
            &error_body(rid, &code, &message),
        )),
        Reply::ServiceUnavailableThenOk => {
            st.queue.push_front(Scripted::Default);
            Action::Respond(HttpResponse::json(
                503,
                &error_body(
                    rid,
                    "ServiceUnavailable",
                    "The request has failed due to a temporary failure of the server.",
                ),
            ))
        }
        Reply::Throttle { retry_after_ms } => {
            let mut resp = HttpResponse::json(
                400,
                &error_body(
                    rid,
                    "Throttling.User",
                    "Request was denied due to user flow control.",
                ),
            );
            resp.extra_headers
                .push(("x-acs-retry-after".into(), retry_after_ms.to_string()));
            Action::Respond(resp)
        }
        Reply::Delay(d, inner) => {
            Action::Delay(d, Box::new(scripted(*inner, action, query, rid, st)))
        }
        Reply::DropConnection => Action::Drop,
        Reply::MalformedJson => Action::Respond(HttpResponse {
            status: 200,
            content_type: "application/json;charset=utf-8".into(),
            extra_headers: Vec::new(),
            body: format!("{{\"RequestId\":\"{rid}\",\"ImagePipelineId\":").into_bytes(),
        }),
        Reply::Raw {
            status,
            content_type,
            body,
        } => Action::Respond(HttpResponse {
            status,
            content_type,
            extra_headers: Vec::new(),
            body: body.into_bytes(),
        }),
    }
}
