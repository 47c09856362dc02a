//! STS `AssumeRole` (signed) and the answer `AssumeRoleWithOIDC` shares with it.

use std::time::{Duration, SystemTime};

use serde_json::json;

use crate::http::HttpResponse;
use crate::respond::param;
use crate::state::{IssuedCredentials, State};
use crate::verify::format_timestamp;

/// Issues role credentials (the configured ones, else fresh ones), accepts them from then on,
/// and answers as STS does for `AssumeRole` and `AssumeRoleWithOIDC`.
pub(crate) fn role_credentials(
    params: &[(String, String)],
    rid: &str,
    st: &mut State,
) -> HttpResponse {
    let creds = match st.sts.clone() {
        Some(creds) => creds,
        None => {
            let n = st.next_id();
            IssuedCredentials {
                access_key_id: format!("STS.fake{n}"),
                access_key_secret: format!("sts-secret-{n}"),
                security_token: format!("sts-token-{n}"),
            }
        }
    };
    st.secrets
        .insert(creds.access_key_id.clone(), creds.access_key_secret.clone());
    st.tokens
        .insert(creds.access_key_id.clone(), creds.security_token.clone());
    let lifetime = st.credential_lifetime.unwrap_or(Duration::from_secs(3600));
    if st.credential_lifetime.is_some() {
        st.expiries.insert(
            creds.access_key_id.clone(),
            std::time::Instant::now() + lifetime,
        );
    }
    let expiration = format_timestamp(
        SystemTime::now() + Duration::from_secs(lifetime.as_secs_f64().ceil() as u64),
    );
    let role = param(params, "RoleArn").unwrap_or("");
    let session = param(params, "RoleSessionName").unwrap_or("");
    HttpResponse::json(
        200,
        &json!({
            "RequestId": rid,
            "AssumedRoleUser": {
                "Arn": format!("{role}/{session}"),
                "AssumedRoleId": format!("3000:{session}"),
            },
            "Credentials": {
                "AccessKeyId": creds.access_key_id,
                "AccessKeySecret": creds.access_key_secret,
                "SecurityToken": creds.security_token,
                "Expiration": expiration,
            },
        }),
    )
}
