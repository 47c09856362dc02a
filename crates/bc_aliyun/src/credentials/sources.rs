//! Where the credentials chain may look, and how long it waits for the sources it asks over
//! the network.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

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
    pub(super) fn var(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// True when the variable is set to `true` (any case).
    pub(super) fn flag(&self, name: &str) -> bool {
        self.var(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The profile name the user asked for, if any.
    pub(super) fn requested_profile(&self) -> Option<&str> {
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

/// Timeouts for the metadata service, as in the official SDKs: it is either on the local
/// link and answers at once, or absent.
pub(super) const IMDS_TIMEOUT: Duration = Duration::from_secs(1);

/// Timeouts for STS AssumeRole.
pub(super) const STS_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub(super) const STS_TIMEOUT: Duration = Duration::from_secs(10);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_prints_variable_names_only() {
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
