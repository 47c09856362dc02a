//! The AccessKey pair and the wrapper that keeps its secret parts out of every output.

use std::fmt;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let c = Credentials::new("AKID", "very-secret-value").with_security_token("tok-secret");
        let dbg = format!("{c:?}");
        assert!(dbg.contains("AKID"));
        assert!(!dbg.contains("very-secret-value"));
        assert!(!dbg.contains("tok-secret"));
        assert_eq!(c.access_key_secret().to_string(), "***");
        assert_eq!(c.access_key_secret().expose(), "very-secret-value");
    }
}
