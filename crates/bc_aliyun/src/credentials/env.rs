//! The environment provider: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`
//! and the optional `ALIBABA_CLOUD_SECURITY_TOKEN`.

use super::secret::Credentials;
use super::sources::CredentialSources;

/// Reads the AccessKey from the environment snapshot. Both variables must be non-empty,
/// as in the official provider; otherwise the reason names the missing one.
pub(super) fn from_env(sources: &CredentialSources) -> Result<(Credentials, String), String> {
    let id = sources.var("ALIBABA_CLOUD_ACCESS_KEY_ID");
    let secret = sources.var("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let mut creds = Credentials::new(id, secret);
            let mut description = "environment".to_string();
            if let Some(token) = sources.var("ALIBABA_CLOUD_SECURITY_TOKEN") {
                creds = creds.with_security_token(token);
                description.push_str(" (STS token)");
            }
            Ok((creds, description))
        }
        (None, None) => Err(
            "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set".into(),
        ),
        (None, Some(_)) => Err("ALIBABA_CLOUD_ACCESS_KEY_ID is not set".into()),
        (Some(_), None) => Err("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(vars: &[(&str, &str)]) -> CredentialSources {
        CredentialSources {
            env: vars
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            ..CredentialSources::default()
        }
    }

    #[test]
    fn reads_pair_and_token() {
        let (c, d) = from_env(&sources(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s"),
        ]))
        .unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), d.as_str()),
            ("id", "environment")
        );
        assert!(c.security_token.is_none());

        let (c, d) = from_env(&sources(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "t"),
        ]))
        .unwrap();
        assert_eq!(c.security_token.unwrap().expose(), "t");
        assert_eq!(d, "environment (STS token)");
    }

    #[test]
    fn empty_or_partial_is_skipped() {
        let err = from_env(&sources(&[("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")])).unwrap_err();
        assert!(err.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "{err}");
        let err = from_env(&sources(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ""),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "x"),
        ]))
        .unwrap_err();
        assert!(err.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{err}");
    }
}
