//! Credentials and the default credentials chain.
//!
//! The chain follows the official SDKs' order (`alibabacloud_credentials/provider/default.py`
//! in the Python package `alibabacloud-credentials`, `credentials/providers/default.go` in
//! `aliyun/credentials-go`): environment, OIDC
//! role assumption configured by environment (RRSA), the Aliyun CLI's
//! `~/.aliyun/config.json`, the INI file `~/.alibabacloud/credentials`, the ECS instance RAM
//! role from the metadata service, then `ALIBABA_CLOUD_CREDENTIALS_URI`. The caller passes a snapshot of
//! the environment and the home directory so that tests never read the real ones.

mod cli_config;
mod env;
mod imds;
mod ini;
mod secret;
mod sources;
mod sts;
mod uri;

pub use crate::error::{CredentialsError, TriedSource};
pub use secret::{Credentials, Secret};
pub use sources::CredentialSources;

/// Walks the chain and returns the first credentials found, with a description of where
/// they came from (e.g. `environment`, `~/.aliyun/config.json profile 'x' (AK)`).
pub async fn resolve(
    sources: &CredentialSources,
) -> Result<(Credentials, String), CredentialsError> {
    let mut tried = Vec::new();
    let mut note = |source: &str, reason: String| {
        tried.push(TriedSource {
            source: source.to_string(),
            reason,
        });
    };

    match env::from_env(sources) {
        Ok(found) => return Ok(found),
        Err(why) => note("environment", why),
    }
    match oidc_from_env(sources).await {
        Some(Ok(found)) => return Ok(found),
        Some(Err(why)) => note("OIDC (ALIBABA_CLOUD_OIDC_TOKEN_FILE)", why),
        None => {}
    }
    match cli_config::from_cli_config(sources).await {
        Ok(found) => return Ok(found),
        Err(why) => note("~/.aliyun/config.json", why),
    }
    match ini::from_ini_file(sources).await {
        Ok(found) => return Ok(found),
        Err(why) => note("credentials file (~/.alibabacloud/credentials)", why),
    }
    match imds::from_instance_role(sources, None).await {
        Ok(found) => return Ok(found),
        Err(why) => note("ECS instance RAM role (metadata service)", why),
    }
    if sources.var("ALIBABA_CLOUD_CREDENTIALS_URI").is_some() {
        match uri::from_credentials_uri(sources).await {
            Ok(found) => return Ok(found),
            Err(why) => note("ALIBABA_CLOUD_CREDENTIALS_URI", why),
        }
    }
    Err(CredentialsError { tried })
}

/// The OIDC provider configured by environment (RRSA on ACK sets these), or `None` when none of
/// its variables is set. As in the official chain it needs all three of
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, `ALIBABA_CLOUD_ROLE_ARN` and
/// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`; a partial set is reported rather than ignored.
async fn oidc_from_env(
    sources: &CredentialSources,
) -> Option<Result<(Credentials, String), String>> {
    const REQUIRED: [&str; 3] = [
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
        "ALIBABA_CLOUD_ROLE_ARN",
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    ];
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|name| sources.var(name).is_none())
        .collect();
    if missing.len() == REQUIRED.len() {
        return None;
    }
    if !missing.is_empty() {
        return Some(Err(format!("{} not set", missing.join(" and "))));
    }
    let req = sts::AssumeRoleWithOidc {
        role_arn: sources.var("ALIBABA_CLOUD_ROLE_ARN").unwrap_or_default(),
        provider_arn: sources
            .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
            .unwrap_or_default(),
        token_file: sources
            .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE")
            .unwrap_or_default(),
        session_name: sources.var("ALIBABA_CLOUD_ROLE_SESSION_NAME"),
        sts_region: sources.var("ALIBABA_CLOUD_STS_REGION"),
        enable_vpc: sources.flag("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"),
        ..sts::AssumeRoleWithOidc::default()
    };
    Some(
        sts::assume_role_with_oidc(sources, &req)
            .await
            .map(|creds| (creds, "OIDC role (environment)".to_string())),
    )
}
