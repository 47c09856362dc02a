//! `ALIBABA_CLOUD_CREDENTIALS_URI`: a local service (a sidecar, a credentials helper) that
//! answers `GET` with temporary credentials in the metadata service's format.

use super::{CredentialSources, Credentials, STS_CONNECT_TIMEOUT, STS_TIMEOUT};
use crate::endpoint::is_loopback_host;
use crate::http::{build_http_client, error_chain};

/// Fetches credentials from the URI in `ALIBABA_CLOUD_CREDENTIALS_URI`. Plain `http://` is
/// accepted only for loopback hosts, as for the API endpoint: the answer holds a secret.
pub(super) async fn from_credentials_uri(
    sources: &CredentialSources,
) -> Result<(Credentials, String), String> {
    let Some(raw) = sources.var("ALIBABA_CLOUD_CREDENTIALS_URI") else {
        return Err("ALIBABA_CLOUD_CREDENTIALS_URI is not set".into());
    };
    let url = reqwest::Url::parse(raw).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
    let loopback = url.host_str().is_some_and(is_loopback_host);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(format!(
                "`{raw}` uses plain http to a host that is not loopback; use https"
            ));
        }
        other => return Err(format!("`{raw}` uses the {other} scheme; use https")),
    }
    let http = build_http_client(
        STS_CONNECT_TIMEOUT,
        STS_TIMEOUT,
        crate::client::DEFAULT_USER_AGENT,
        loopback,
    )?;
    let response = http
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| format!("GET {raw} failed: {}", error_chain(&e)))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("the answer of {raw} could not be read: {}", error_chain(&e)))?;
    if !status.is_success() {
        return Err(format!("{raw} answered HTTP {}", status.as_u16()));
    }
    let creds = super::imds::parse_role_credentials(&body).map_err(|e| format!("{raw}: {e}"))?;
    Ok((creds, format!("credentials URI {raw}")))
}
