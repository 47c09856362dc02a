//! The ECS instance RAM role, read from the instance metadata service (IMDS) at
//! `100.100.100.200`.
//!
//! Like the official providers this asks for an IMDSv2 session token first (`PUT
//! /latest/api/token`) and falls back to token-less requests only when the service
//! answered that request with an error, unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`. When
//! the service cannot be reached at all (the usual case off ECS) the provider gives up at
//! once instead of waiting for a second timeout.

use super::secret::Credentials;
use super::sources::{CredentialSources, IMDS_TIMEOUT};
use crate::http::{build_http_client, error_chain};

/// The link-local address of the metadata service on every ECS instance.
const DEFAULT_IMDS: &str = "http://100.100.100.200";
const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";
const ROLE_PATH: &str = "/latest/meta-data/ram/security-credentials/";

/// Fetches credentials for `role` (or the role named by `ALIBABA_CLOUD_ECS_METADATA`,
/// or the instance's only role) and describes where they came from.
pub(super) async fn from_instance_role(
    sources: &CredentialSources,
    role: Option<&str>,
) -> Result<(Credentials, String), String> {
    if sources.flag("ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
        return Err("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true".into());
    }
    let base = sources
        .imds_endpoint
        .as_deref()
        .unwrap_or(DEFAULT_IMDS)
        .trim_end_matches('/')
        .to_string();
    let http = build_http_client(
        IMDS_TIMEOUT,
        IMDS_TIMEOUT,
        crate::http::DEFAULT_USER_AGENT,
        true,
    )?;

    let token = match http
        .put(format!("{base}/latest/api/token"))
        .header(TOKEN_TTL_HEADER, "21600")
        .send()
        .await
    {
        Ok(resp) if resp.status().is_success() => Some(
            resp.text()
                .await
                .map_err(|e| format!("metadata token could not be read: {}", error_chain(&e)))?,
        ),
        Ok(resp) => {
            if sources.flag("ALIBABA_CLOUD_IMDSV1_DISABLED") {
                return Err(format!(
                    "the metadata token request failed with HTTP {} and ALIBABA_CLOUD_IMDSV1_DISABLED=true",
                    resp.status().as_u16()
                ));
            }
            None
        }
        Err(e) => {
            return Err(format!(
                "the metadata service at {base} is not reachable (not on ECS?): {}",
                error_chain(&e)
            ));
        }
    };
    let get = |path: String| {
        let mut req = http.get(format!("{base}{path}"));
        if let Some(token) = &token {
            req = req.header(TOKEN_HEADER, token.trim());
        }
        req
    };

    let role = match role
        .filter(|r| !r.is_empty())
        .or_else(|| sources.var("ALIBABA_CLOUD_ECS_METADATA"))
    {
        Some(role) => role.to_string(),
        None => {
            let resp = get(ROLE_PATH.to_string()).send().await.map_err(|e| {
                format!("listing the instance RAM role failed: {}", error_chain(&e))
            })?;
            if !resp.status().is_success() {
                return Err(format!(
                    "listing the instance RAM role failed with HTTP {} (no role attached?)",
                    resp.status().as_u16()
                ));
            }
            let text = resp.text().await.map_err(|e| {
                format!(
                    "the instance RAM role could not be read: {}",
                    error_chain(&e)
                )
            })?;
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .ok_or("no RAM role is attached to this instance")?
                .to_string()
        }
    };

    let resp = get(format!("{ROLE_PATH}{role}"))
        .send()
        .await
        .map_err(|e| {
            format!(
                "fetching credentials of role '{role}' failed: {}",
                error_chain(&e)
            )
        })?;
    let status = resp.status().as_u16();
    let body = resp.bytes().await.map_err(|e| {
        format!(
            "credentials of role '{role}' could not be read: {}",
            error_chain(&e)
        )
    })?;
    if !(200..300).contains(&status) {
        return Err(format!(
            "fetching credentials of role '{role}' failed with HTTP {status}"
        ));
    }
    let creds = parse_role_credentials(&body).map_err(|e| format!("role '{role}': {e}"))?;
    Ok((creds, format!("ECS instance RAM role '{role}'")))
}

pub(super) fn parse_role_credentials(body: &[u8]) -> Result<Credentials, String> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON from the metadata service: {e}"))?;
    let field = |name: &str| {
        value
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    };
    if field("Code") != Some("Success") {
        return Err(format!(
            "the metadata service answered Code={}",
            field("Code").unwrap_or("<missing>")
        ));
    }
    let need = |name: &str| field(name).ok_or_else(|| format!("the metadata answer has no {name}"));
    Ok(
        Credentials::new(need("AccessKeyId")?, need("AccessKeySecret")?)
            .with_security_token(need("SecurityToken")?)
            .with_expiration(field("Expiration")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_success_and_rejects_failure() {
        let c = parse_role_credentials(
            br#"{"Code":"Success","AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(c.access_key_id, "STS.x");
        assert_eq!(
            c.expires_at,
            crate::timestamp::parse_utc_timestamp("2030-01-01T00:00:00Z")
        );
        assert!(c.expires_at.is_some());
        let err = parse_role_credentials(br#"{"Code":"Failed"}"#).unwrap_err();
        assert!(err.contains("Code=Failed"), "{err}");
    }

    #[tokio::test]
    async fn disabled_by_env() {
        let sources = CredentialSources {
            env: [(
                "ALIBABA_CLOUD_ECS_METADATA_DISABLED".to_string(),
                "TRUE".to_string(),
            )]
            .into_iter()
            .collect(),
            ..CredentialSources::default()
        };
        let err = from_instance_role(&sources, None).await.unwrap_err();
        assert!(err.contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "{err}");
    }
}
