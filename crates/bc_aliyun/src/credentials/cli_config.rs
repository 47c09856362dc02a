//! Profiles of the Aliyun CLI, `~/.aliyun/config.json`.
//!
//! The file looks like `{"current": "default", "profiles": [{"name": "default", "mode":
//! "AK", "access_key_id": …, "access_key_secret": …}]}`. The profile is the one the user
//! asked for (option, then `ALIBABA_CLOUD_PROFILE`), else the file's `current`. Modes
//! `AK`, `StsToken`, `RamRoleArn` (via STS), `EcsRamRole` (via the metadata service) and
//! `OIDC` (via STS `AssumeRoleWithOIDC`) are supported, as in the official credential
//! providers.

use serde_json::Value;

use super::imds;
use super::secret::Credentials;
use super::sources::CredentialSources;
use super::sts::{AssumeRole, AssumeRoleWithOidc, assume_role, assume_role_with_oidc};

/// Loads credentials from the CLI profile, or says why not.
pub(super) async fn from_cli_config(
    sources: &CredentialSources,
) -> Result<(Credentials, String), String> {
    if sources.flag("ALIBABA_CLOUD_CLI_PROFILE_DISABLED") {
        return Err("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true".into());
    }
    let home = sources.home.as_ref().ok_or("no home directory is known")?;
    let path = home.join(".aliyun").join("config.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("{} does not exist", path.display()));
        }
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let config: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not valid JSON: {e}", path.display()))?;
    let name = match sources.requested_profile() {
        Some(name) => name.to_string(),
        None => config
            .get("current")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or("no profile was requested and the file has no \"current\" profile")?
            .to_string(),
    };
    let profile = config
        .get("profiles")
        .and_then(Value::as_array)
        .and_then(|profiles| {
            profiles
                .iter()
                .find(|p| p.get("name").and_then(Value::as_str) == Some(name.as_str()))
        })
        .ok_or_else(|| format!("profile '{name}' is not defined in {}", path.display()))?;
    let field = |key: &str| {
        profile
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let need = |key: &str| field(key).ok_or_else(|| format!("profile '{name}' has no {key}"));
    let mode = field("mode").unwrap_or("AK");
    let describe = |mode: &str| format!("~/.aliyun/config.json profile '{name}' ({mode})");
    let duration = profile.get("expired_seconds").and_then(|v| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    });
    let enable_vpc = profile
        .get("enable_vpc")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    match mode {
        "AK" => Ok((
            Credentials::new(need("access_key_id")?, need("access_key_secret")?),
            describe("AK"),
        )),
        "StsToken" => Ok((
            Credentials::new(need("access_key_id")?, need("access_key_secret")?)
                .with_security_token(need("sts_token")?),
            describe("StsToken"),
        )),
        "RamRoleArn" => {
            let base = Credentials::new(need("access_key_id")?, need("access_key_secret")?);
            let req = AssumeRole {
                role_arn: need("ram_role_arn")?,
                session_name: field("ram_session_name"),
                policy: field("policy"),
                external_id: field("external_id"),
                duration_seconds: duration.filter(|d| *d > 0),
                sts_region: field("sts_region"),
                enable_vpc,
            };
            let creds = assume_role(sources, &base, &req)
                .await
                .map_err(|e| format!("profile '{name}' (RamRoleArn): {e}"))?;
            Ok((creds, describe("RamRoleArn")))
        }
        "EcsRamRole" => {
            let (creds, _) = imds::from_instance_role(sources, field("ram_role_name"))
                .await
                .map_err(|e| format!("profile '{name}' (EcsRamRole): {e}"))?;
            Ok((creds, describe("EcsRamRole")))
        }
        "OIDC" => {
            let req = AssumeRoleWithOidc {
                role_arn: need("ram_role_arn")?,
                provider_arn: need("oidc_provider_arn")?,
                token_file: need("oidc_token_file")?,
                session_name: field("role_session_name"),
                policy: field("policy"),
                duration_seconds: duration.filter(|d| *d > 0),
                sts_region: field("sts_region"),
                enable_vpc,
            };
            let creds = assume_role_with_oidc(sources, &req)
                .await
                .map_err(|e| format!("profile '{name}' (OIDC): {e}"))?;
            Ok((creds, describe("OIDC")))
        }
        other => Err(format!(
            "profile '{name}' uses mode {other}, which bclint does not support (use AK, StsToken, RamRoleArn, EcsRamRole or OIDC)"
        )),
    }
}
