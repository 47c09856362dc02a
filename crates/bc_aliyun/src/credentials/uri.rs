//! `ALIBABA_CLOUD_CREDENTIALS_URI`: a local service (a sidecar, a credentials helper) that
//! answers `GET` with temporary credentials in the metadata service's format.

use super::secret::Credentials;
use super::sources::{CredentialSources, STS_CONNECT_TIMEOUT, STS_TIMEOUT};
use crate::endpoint::is_loopback_host;
use crate::http::{build_http_client, error_chain};

/// Fetches credentials from the URI in `ALIBABA_CLOUD_CREDENTIALS_URI`. Plain `http://` is
/// accepted only for loopback hosts, as for the API endpoint: the answer holds a secret.
///
/// Messages show the URI as [`shown`] gives it: its query and user information often hold a
/// token of their own.
pub(super) async fn from_credentials_uri(
    sources: &CredentialSources,
) -> Result<(Credentials, String), String> {
    let Some(raw) = sources.var("ALIBABA_CLOUD_CREDENTIALS_URI") else {
        return Err("ALIBABA_CLOUD_CREDENTIALS_URI is not set".into());
    };
    let url = reqwest::Url::parse(raw)
        .map_err(|e| format!("ALIBABA_CLOUD_CREDENTIALS_URI is not a URL: {e}"))?;
    let uri = shown(&url);
    let loopback = url.host_str().is_some_and(is_loopback_host);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(format!(
                "`{uri}` uses plain http to a host that is not loopback; use https"
            ));
        }
        other => return Err(format!("`{uri}` uses the {other} scheme; use https")),
    }
    let http = build_http_client(
        STS_CONNECT_TIMEOUT,
        STS_TIMEOUT,
        crate::http::DEFAULT_USER_AGENT,
        loopback,
    )?;
    let response = http
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| format!("GET {uri} failed: {}", error_chain(&e)))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("the answer of {uri} could not be read: {}", error_chain(&e)))?;
    if !status.is_success() {
        return Err(format!("{uri} answered HTTP {}", status.as_u16()));
    }
    let creds = super::imds::parse_role_credentials(&body).map_err(|e| format!("{uri}: {e}"))?;
    Ok((creds, format!("credentials URI {uri}")))
}

/// The URI as messages show it: scheme, host, port and path, without the user information, the
/// query and the fragment, which may hold secrets.
fn shown(url: &reqwest::Url) -> String {
    let mut shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    shown.push_str(url.path());
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_uris_lose_user_information_query_and_fragment() {
        let url = reqwest::Url::parse("https://user:pw@creds.example:8443/v1/creds?token=abc#frag")
            .unwrap();
        assert_eq!(shown(&url), "https://creds.example:8443/v1/creds");
    }
}
