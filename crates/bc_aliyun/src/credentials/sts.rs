//! STS `AssumeRole`, used by `RamRoleArn` profiles to turn a long-term AccessKey into
//! temporary role credentials. The official credential providers sign this call with V2
//! (HMAC-SHA1, `GET`, everything in the query), so this does too.

use std::time::SystemTime;

use super::{CredentialSources, Credentials, STS_CONNECT_TIMEOUT, STS_TIMEOUT};
use crate::endpoint::{BaseUrl, parse_endpoint};
use crate::error::parse_error_body;
use crate::http::{build_http_client, error_chain};
use crate::sign::{percent_encode, sign_v2};
use crate::timestamp::{new_nonce, utc_timestamp};

/// What to assume. Optional fields fall back to the official defaults.
#[derive(Debug, Default)]
pub(super) struct AssumeRole<'a> {
    /// `acs:ram::<account>:role/<name>`.
    pub role_arn: &'a str,
    /// Session name; defaults to `bclint-<unix seconds>`.
    pub session_name: Option<&'a str>,
    /// An inline policy that narrows the role's permissions.
    pub policy: Option<&'a str>,
    /// The role's external ID, when its trust policy requires one.
    pub external_id: Option<&'a str>,
    /// Lifetime in seconds (the service's minimum is 900, default 3600).
    pub duration_seconds: Option<u64>,
    /// Region of the STS endpoint; the central endpoint when unset.
    pub sts_region: Option<&'a str>,
    /// Use the VPC endpoint of `sts_region`.
    pub enable_vpc: bool,
}

/// The STS endpoint the official providers would use, unless the sources override it.
fn sts_base(sources: &CredentialSources, req: &AssumeRole<'_>) -> Result<BaseUrl, String> {
    let raw = match (&sources.sts_endpoint, req.sts_region) {
        (Some(endpoint), _) => endpoint.clone(),
        (None, Some(region)) if !region.is_empty() => {
            let vpc = if req.enable_vpc { "-vpc" } else { "" };
            format!("sts{vpc}.{region}.aliyuncs.com")
        }
        _ => "sts.aliyuncs.com".to_string(),
    };
    parse_endpoint(&raw).map_err(|e| e.to_string())
}

/// Calls `AssumeRole` with `base` and returns the temporary credentials.
pub(super) async fn assume_role(
    sources: &CredentialSources,
    base: &Credentials,
    req: &AssumeRole<'_>,
) -> Result<Credentials, String> {
    if req.role_arn.is_empty() {
        return Err("the role ARN is empty".into());
    }
    let endpoint = sts_base(sources, req)?;
    let now = SystemTime::now();
    let default_session = format!(
        "bclint-{}",
        now.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    );
    let mut params: Vec<(String, String)> = vec![
        ("Action".into(), "AssumeRole".into()),
        ("Format".into(), "JSON".into()),
        ("Version".into(), "2015-04-01".into()),
        ("Timestamp".into(), utc_timestamp(now)),
        ("SignatureNonce".into(), new_nonce()),
        ("SignatureMethod".into(), "HMAC-SHA1".into()),
        ("SignatureVersion".into(), "1.0".into()),
        ("AccessKeyId".into(), base.access_key_id.clone()),
        (
            "DurationSeconds".into(),
            req.duration_seconds.unwrap_or(3600).to_string(),
        ),
        ("RoleArn".into(), req.role_arn.to_string()),
        (
            "RoleSessionName".into(),
            req.session_name
                .filter(|s| !s.is_empty())
                .map_or(default_session, str::to_string),
        ),
    ];
    if let Some(policy) = req.policy.filter(|p| !p.is_empty()) {
        params.push(("Policy".into(), policy.to_string()));
    }
    if let Some(external_id) = req.external_id.filter(|p| !p.is_empty()) {
        params.push(("ExternalId".into(), external_id.to_string()));
    }
    if let Some(token) = &base.security_token {
        params.push(("SecurityToken".into(), token.expose().to_string()));
    }
    let signature = sign_v2("GET", &params, base.access_key_secret().expose());
    params.push(("Signature".into(), signature));
    let query = params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let url = format!("{}?{query}", endpoint.root());

    let http = build_http_client(
        STS_CONNECT_TIMEOUT,
        STS_TIMEOUT,
        crate::client::DEFAULT_USER_AGENT,
        endpoint.is_loopback(),
    )?;
    let response = http
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| {
            format!(
                "STS AssumeRole at {} failed: {}",
                endpoint.authority,
                error_chain(&e)
            )
        })?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.bytes().await.map_err(|e| {
        format!(
            "STS AssumeRole response could not be read: {}",
            error_chain(&e)
        )
    })?;
    if !(200..300).contains(&status) {
        return Err(format!(
            "STS AssumeRole for {} failed: {}",
            req.role_arn,
            parse_error_body(status, content_type.as_deref(), &body)
        ));
    }
    parse_assume_role_response(&body)
}

fn parse_assume_role_response(body: &[u8]) -> Result<Credentials, String> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| format!("STS AssumeRole returned invalid JSON: {e}"))?;
    let creds = value
        .get("Credentials")
        .ok_or("STS AssumeRole response has no Credentials object")?;
    let field = |name: &str| {
        creds
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| format!("STS AssumeRole response has no Credentials.{name}"))
    };
    Ok(
        Credentials::new(field("AccessKeyId")?, field("AccessKeySecret")?)
            .with_security_token(field("SecurityToken")?)
            .with_expiration(field("Expiration").ok()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_choice() {
        let s = CredentialSources::default();
        let mut req = AssumeRole {
            role_arn: "acs:ram::1:role/r",
            ..AssumeRole::default()
        };
        assert_eq!(sts_base(&s, &req).unwrap().authority, "sts.aliyuncs.com");
        req.sts_region = Some("cn-beijing");
        assert_eq!(
            sts_base(&s, &req).unwrap().authority,
            "sts.cn-beijing.aliyuncs.com"
        );
        req.enable_vpc = true;
        assert_eq!(
            sts_base(&s, &req).unwrap().authority,
            "sts-vpc.cn-beijing.aliyuncs.com"
        );
        let s = CredentialSources {
            sts_endpoint: Some("http://example.com".into()),
            ..CredentialSources::default()
        };
        assert!(sts_base(&s, &req).unwrap_err().contains("loopback"));
    }

    #[test]
    fn parses_credentials() {
        let c = parse_assume_role_response(
            br#"{"RequestId":"r","Credentials":{"AccessKeyId":"STS.a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}}"#,
        )
        .unwrap();
        assert_eq!(c.access_key_id, "STS.a");
        let expires = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_456_000);
        assert_eq!(c.expires_at, Some(expires));
        let day_before = expires - std::time::Duration::from_secs(86_400);
        assert!(!c.expire_within(day_before, std::time::Duration::from_secs(300)));
        assert!(c.expire_within(
            expires - std::time::Duration::from_secs(299),
            std::time::Duration::from_secs(300)
        ));
        assert!(c.expire_within(
            expires + std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(300)
        ));
        assert_eq!(c.security_token.unwrap().expose(), "t");
        assert!(parse_assume_role_response(br#"{"Credentials":{}}"#).is_err());
    }
}
