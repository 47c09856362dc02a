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
mod sts;
mod uri;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// A string that must never be printed: `Debug` and `Display` show `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing. Named so that every use is easy to audit.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// An AccessKey pair, optionally with an STS security token.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The AccessKey ID; not secret, it appears in every request.
    pub access_key_id: String,
    access_key_secret: Secret,
    /// The STS token for temporary credentials.
    pub security_token: Option<Secret>,
    /// When temporary credentials stop working, if their source said (STS and the metadata
    /// service do).
    pub expires_at: Option<SystemTime>,
}

impl Credentials {
    /// Long-term AccessKey credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
            expires_at: None,
        }
    }

    /// Temporary (STS) credentials: the same pair plus a security token.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    /// Records when temporary credentials expire, from their source's `Expiration` field
    /// (`YYYY-MM-DDTHH:MM:SSZ`); an unreadable value leaves the expiry unknown.
    pub fn with_expiration(mut self, expiration: Option<&str>) -> Self {
        self.expires_at = expiration.and_then(crate::timestamp::parse_utc_timestamp);
        self
    }

    /// The AccessKey secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// Whether these are temporary (STS) credentials, which expire and can be fetched again.
    pub fn is_temporary(&self) -> bool {
        self.security_token.is_some()
    }

    /// Whether the credentials expire within `margin` of `now` (or already have).
    pub fn expire_within(&self, now: SystemTime, margin: Duration) -> bool {
        self.expires_at
            .is_some_and(|at| at.duration_since(now).map_or(true, |left| left < margin))
    }
}

/// Where the chain may look. Build it with [`CredentialSources::from_process`] in a
/// binary, or field by field in tests.
#[derive(Clone, Default)]
pub struct CredentialSources {
    /// A snapshot of the environment variables.
    pub env: HashMap<String, String>,
    /// The home directory holding `.aliyun/` and `.alibabacloud/`.
    pub home: Option<PathBuf>,
    /// Profile name chosen by the user (e.g. `--profile`); wins over `ALIBABA_CLOUD_PROFILE`.
    pub profile: Option<String>,
    /// Base URL of the instance metadata service; tests point it at a loopback fake.
    pub imds_endpoint: Option<String>,
    /// STS endpoint for `RamRoleArn` profiles; tests point it at a loopback fake.
    pub sts_endpoint: Option<String>,
}

impl CredentialSources {
    /// Snapshots the real process environment and home directory.
    pub fn from_process() -> Self {
        let env: HashMap<String, String> = std::env::vars().collect();
        let home = env
            .get("HOME")
            .or_else(|| env.get("USERPROFILE"))
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        CredentialSources {
            env,
            home,
            ..CredentialSources::default()
        }
    }

    /// The value of an environment variable, treating empty as unset.
    fn var(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// True when the variable is set to `true` (any case).
    fn flag(&self, name: &str) -> bool {
        self.var(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The profile name the user asked for, if any.
    fn requested_profile(&self) -> Option<&str> {
        self.profile
            .as_deref()
            .filter(|p| !p.is_empty())
            .or_else(|| self.var("ALIBABA_CLOUD_PROFILE"))
    }
}

impl fmt::Debug for CredentialSources {
    /// Prints variable names only: the snapshot holds the AccessKey secret when it came
    /// from the environment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.env.keys().collect();
        names.sort();
        f.debug_struct("CredentialSources")
            .field("env_names", &names)
            .field("home", &self.home)
            .field("profile", &self.profile)
            .field("imds_endpoint", &self.imds_endpoint)
            .field("sts_endpoint", &self.sts_endpoint)
            .finish()
    }
}

/// One source the chain looked at, and why it produced nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriedSource {
    /// The source, e.g. `environment` or `~/.aliyun/config.json`.
    pub source: String,
    /// Why it was skipped or failed.
    pub reason: String,
}

/// No source yielded credentials; lists every source and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "no Alibaba Cloud credentials found; tried, in order:{}\nset ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile with `aliyun configure`",
    tried.iter().map(|t| format!("\n  - {}: {}", t.source, t.reason)).collect::<String>(),
)]
pub struct CredentialsError {
    /// Every source tried, in chain order.
    pub tried: Vec<TriedSource>,
}

/// Timeouts for the metadata service, as in the official SDKs: it is either on the local
/// link and answers at once, or absent.
const IMDS_TIMEOUT: Duration = Duration::from_secs(1);

/// Timeouts for STS AssumeRole.
const STS_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const STS_TIMEOUT: Duration = Duration::from_secs(10);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_lists_every_source_tried() {
        let tried = |source: &str, reason: &str| TriedSource {
            source: source.into(),
            reason: reason.into(),
        };
        let error = CredentialsError {
            tried: vec![
                tried("environment", "ALIBABA_CLOUD_ACCESS_KEY_ID is not set"),
                tried("~/.aliyun/config.json", "no home directory is known"),
            ],
        };
        assert_eq!(
            error.to_string(),
            "no Alibaba Cloud credentials found; tried, in order:\
             \n  - environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set\
             \n  - ~/.aliyun/config.json: no home directory is known\
             \nset ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile with `aliyun configure`"
        );
    }

    #[test]
    fn secrets_never_print() {
        let c = Credentials::new("AKID", "very-secret-value").with_security_token("tok-secret");
        let dbg = format!("{c:?}");
        assert!(dbg.contains("AKID"));
        assert!(!dbg.contains("very-secret-value"));
        assert!(!dbg.contains("tok-secret"));
        assert_eq!(c.access_key_secret().to_string(), "***");
        assert_eq!(c.access_key_secret().expose(), "very-secret-value");

        let mut env = HashMap::new();
        env.insert(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET".to_string(),
            "very-secret-value".to_string(),
        );
        let sources = CredentialSources {
            env,
            ..CredentialSources::default()
        };
        let dbg = format!("{sources:?}");
        assert!(dbg.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        assert!(!dbg.contains("very-secret-value"));
    }
}
