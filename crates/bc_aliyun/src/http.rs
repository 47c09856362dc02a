//! Construction of the underlying `reqwest` clients.
//!
//! The workspace builds reqwest with `rustls-no-provider`, so a rustls crypto provider
//! must be installed before the first client is built; `ring` is the one the workspace
//! selects. Redirects are never followed: an RPC endpoint does not redirect, and following
//! one could carry a signed request (and an STS token) to a host the user never named.

use std::time::Duration;

/// The user agent sent when the caller does not choose one.
pub const DEFAULT_USER_AGENT: &str = concat!("bclint/", env!("CARGO_PKG_VERSION"));

/// Builds an HTTP client with the given timeouts. `bypass_proxy` is set for loopback and
/// instance-metadata addresses, which must never go through an `HTTPS_PROXY`.
pub(crate) fn build_http_client(
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: &str,
    bypass_proxy: bool,
) -> Result<reqwest::Client, String> {
    // Installing fails harmlessly when a provider is already installed (by us or the caller).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .user_agent(user_agent)
        .redirect(reqwest::redirect::Policy::none());
    if bypass_proxy {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {}", error_chain(&e)))
}

/// Formats a reqwest error with its causes, without the URL (a V2 URL carries the
/// signature and the STS token in its query).
pub(crate) fn error_chain(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut out = strip_url(err);
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

fn strip_url(err: &reqwest::Error) -> String {
    // `without_url` consumes the error, and reqwest errors are not `Clone`, so rebuild the
    // top-level message from its kind instead.
    let kind = if err.is_timeout() {
        "operation timed out"
    } else if err.is_connect() {
        "connection failed"
    } else if err.is_request() {
        "error sending request"
    } else if err.is_body() || err.is_decode() {
        "error reading the response body"
    } else if err.is_redirect() {
        "unexpected redirect"
    } else if err.is_builder() {
        "invalid request"
    } else {
        "HTTP error"
    };
    kind.to_string()
}
