//! STS `AssumeRole`, used by `RamRoleArn` profiles to turn a long-term AccessKey into
//! temporary role credentials, and `AssumeRoleWithOIDC`, which turns an OIDC token (RRSA on
//! ACK, a CI system's identity token) into them. The official credential providers sign
//! `AssumeRole` with V2 (HMAC-SHA1, `GET`, everything in the query), so this does too;
//! `AssumeRoleWithOIDC` is anonymous (`POST`, the token and role in a form body), as there.

use std::time::SystemTime;

use super::secret::Credentials;
use super::sources::{CredentialSources, STS_CONNECT_TIMEOUT, STS_TIMEOUT};
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

/// What to assume with an OIDC token. Optional fields fall back to the official defaults.
#[derive(Debug, Default)]
pub(super) struct AssumeRoleWithOidc<'a> {
    /// `acs:ram::<account>:role/<name>`.
    pub role_arn: &'a str,
    /// `acs:ram::<account>:oidc-provider/<name>`.
    pub provider_arn: &'a str,
    /// The file holding the OIDC token; read on every call, as the token is rotated.
    pub token_file: &'a str,
    /// Session name; defaults to `bclint-<unix seconds>`.
    pub session_name: Option<&'a str>,
    /// An inline policy that narrows the role's permissions.
    pub policy: Option<&'a str>,
    /// Lifetime in seconds (the service's minimum is 900, default 3600).
    pub duration_seconds: Option<u64>,
    /// Region of the STS endpoint; the central endpoint when unset.
    pub sts_region: Option<&'a str>,
    /// Use the VPC endpoint of `sts_region`.
    pub enable_vpc: bool,
}

/// The STS endpoint the official providers would use, unless the sources override it.
fn sts_base(
    sources: &CredentialSources,
    sts_region: Option<&str>,
    enable_vpc: bool,
) -> Result<BaseUrl, String> {
    let raw = match (&sources.sts_endpoint, sts_region) {
        (Some(endpoint), _) => endpoint.clone(),
        (None, Some(region)) if !region.is_empty() => {
            let vpc = if enable_vpc { "-vpc" } else { "" };
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
    let endpoint = sts_base(sources, req.sts_region, req.enable_vpc)?;
    let now = SystemTime::now();
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
            session_name(req.session_name, now),
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
    let http = client_for(&endpoint)?;
    let request = http.get(url).header("accept", "application/json");
    send("AssumeRole", req.role_arn, &endpoint, request).await
}

/// Calls `AssumeRoleWithOIDC` with the token in `req.token_file` and returns the temporary
/// credentials.
pub(super) async fn assume_role_with_oidc(
    sources: &CredentialSources,
    req: &AssumeRoleWithOidc<'_>,
) -> Result<Credentials, String> {
    if req.role_arn.is_empty() || req.provider_arn.is_empty() {
        return Err("the role ARN or the OIDC provider ARN is empty".into());
    }
    let token = std::fs::read_to_string(req.token_file)
        .map_err(|e| format!("cannot read the OIDC token file {}: {e}", req.token_file))?;
    let token = token.trim();
    if token.is_empty() {
        return Err(format!("the OIDC token file {} is empty", req.token_file));
    }
    let endpoint = sts_base(sources, req.sts_region, req.enable_vpc)?;
    let now = SystemTime::now();
    let query = [
        ("Action", "AssumeRoleWithOIDC".to_string()),
        ("Format", "JSON".to_string()),
        ("Version", "2015-04-01".to_string()),
        ("Timestamp", utc_timestamp(now)),
        ("SignatureNonce", new_nonce()),
    ];
    let mut form = vec![
        ("RoleArn", req.role_arn.to_string()),
        ("OIDCProviderArn", req.provider_arn.to_string()),
        ("OIDCToken", token.to_string()),
        ("RoleSessionName", session_name(req.session_name, now)),
        (
            "DurationSeconds",
            req.duration_seconds.unwrap_or(3600).to_string(),
        ),
    ];
    if let Some(policy) = req.policy.filter(|p| !p.is_empty()) {
        form.push(("Policy", policy.to_string()));
    }
    let encode = |pairs: &[(&str, String)]| {
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let url = format!("{}?{}", endpoint.root(), encode(&query));
    let http = client_for(&endpoint)?;
    let request = http
        .post(url)
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&form));
    send("AssumeRoleWithOIDC", req.role_arn, &endpoint, request).await
}

/// The session name asked for, or `bclint-<unix seconds>`.
fn session_name(asked: Option<&str>, now: SystemTime) -> String {
    match asked.filter(|s| !s.is_empty()) {
        Some(name) => name.to_string(),
        None => format!(
            "bclint-{}",
            now.duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        ),
    }
}

fn client_for(endpoint: &BaseUrl) -> Result<reqwest::Client, String> {
    build_http_client(
        STS_CONNECT_TIMEOUT,
        STS_TIMEOUT,
        crate::http::DEFAULT_USER_AGENT,
        endpoint.is_loopback(),
    )
}

/// Sends an STS request and reads the credentials from its answer.
async fn send(
    action: &str,
    role_arn: &str,
    endpoint: &BaseUrl,
    request: reqwest::RequestBuilder,
) -> Result<Credentials, String> {
    let response = request.send().await.map_err(|e| {
        format!(
            "STS {action} at {} failed: {}",
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
            "STS {action} response could not be read: {}",
            error_chain(&e)
        )
    })?;
    if !(200..300).contains(&status) {
        return Err(format!(
            "STS {action} for {role_arn} failed: {}",
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
        let base = |s: &CredentialSources, req: &AssumeRole<'_>| {
            sts_base(s, req.sts_region, req.enable_vpc)
        };
        assert_eq!(base(&s, &req).unwrap().authority, "sts.aliyuncs.com");
        req.sts_region = Some("cn-beijing");
        assert_eq!(
            base(&s, &req).unwrap().authority,
            "sts.cn-beijing.aliyuncs.com"
        );
        req.enable_vpc = true;
        assert_eq!(
            base(&s, &req).unwrap().authority,
            "sts-vpc.cn-beijing.aliyuncs.com"
        );
        let s = CredentialSources {
            sts_endpoint: Some("http://example.com".into()),
            ..CredentialSources::default()
        };
        assert!(base(&s, &req).unwrap_err().contains("loopback"));
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
