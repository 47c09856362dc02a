//! The shared credentials file: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else
//! `~/.alibabacloud/credentials` (the Go SDK's name) or `~/.alibabacloud/credentials.ini`
//! (the Python and Java SDKs' name).
//!
//! The format is a tiny INI dialect, so it is parsed by hand: `[section]` headers,
//! `key = value` lines, `#` and `;` comment lines, and inline ` #` comments stripped from
//! values as the Python SDK does.

use std::collections::HashMap;
use std::path::PathBuf;

use super::imds;
use super::secret::Credentials;
use super::sources::CredentialSources;
use super::sts::{AssumeRole, assume_role};

/// Loads credentials from the section named by the requested profile, else `default`.
pub(super) async fn from_ini_file(
    sources: &CredentialSources,
) -> Result<(Credentials, String), String> {
    let path = credentials_path(sources)?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sections = parse_ini(&text);
    let name = sources.requested_profile().unwrap_or("default");
    let section = sections
        .get(name)
        .ok_or_else(|| format!("{} has no [{name}] section", path.display()))?;
    let field = |key: &str| {
        section
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let need = |key: &str| {
        field(key).ok_or_else(|| format!("[{name}] in {} has no {key}", path.display()))
    };
    if field("enable").is_some_and(|v| v.eq_ignore_ascii_case("false")) {
        return Err(format!(
            "[{name}] in {} is disabled (enable = false)",
            path.display()
        ));
    }
    let kind = need("type")?;
    let describe = format!("{} [{name}] ({kind})", path.display());
    match kind {
        "access_key" => Ok((
            Credentials::new(need("access_key_id")?, need("access_key_secret")?),
            describe,
        )),
        "ram_role_arn" => {
            let base = Credentials::new(need("access_key_id")?, need("access_key_secret")?);
            let req = AssumeRole {
                role_arn: need("role_arn")?,
                session_name: field("role_session_name"),
                policy: field("policy"),
                ..AssumeRole::default()
            };
            let creds = assume_role(sources, &base, &req)
                .await
                .map_err(|e| format!("[{name}] (ram_role_arn): {e}"))?;
            Ok((creds, describe))
        }
        "ecs_ram_role" => {
            let (creds, _) = imds::from_instance_role(sources, field("role_name"))
                .await
                .map_err(|e| format!("[{name}] (ecs_ram_role): {e}"))?;
            Ok((creds, describe))
        }
        other => Err(format!(
            "[{name}] in {} has type {other}, which bclint does not support (use access_key, ram_role_arn or ecs_ram_role)",
            path.display()
        )),
    }
}

/// The file to read: the environment override, else the first default name that exists.
fn credentials_path(sources: &CredentialSources) -> Result<PathBuf, String> {
    if let Some(path) = sources.var("ALIBABA_CLOUD_CREDENTIALS_FILE") {
        let path = PathBuf::from(path);
        if !path.is_file() {
            return Err(format!(
                "ALIBABA_CLOUD_CREDENTIALS_FILE points to {}, which does not exist",
                path.display()
            ));
        }
        return Ok(path);
    }
    let home = sources.home.as_ref().ok_or("no home directory is known")?;
    let dir = home.join(".alibabacloud");
    let candidates = [dir.join("credentials"), dir.join("credentials.ini")];
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| format!("{} does not exist", candidates[0].display()))
}

/// Parses INI text into section → key → value. Keys before any section are ignored.
pub(super) fn parse_ini(text: &str) -> HashMap<String, HashMap<String, String>> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim().to_string();
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        let (Some(section), Some((key, value))) = (&current, line.split_once('=')) else {
            continue;
        };
        let value = match value.find(" #") {
            Some(i) => &value[..i],
            None => value,
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        sections
            .entry(section.clone())
            .or_default()
            .insert(key.trim().to_string(), value.to_string());
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_comments_and_quotes() {
        let ini = "\
top = ignored
# comment
[default]
type = access_key   # inline comment
access_key_id = foo
access_key_secret = \"bar=baz\"
; another comment

[ project ]
type=ram_role_arn
";
        let s = parse_ini(ini);
        assert_eq!(s["default"]["type"], "access_key");
        assert_eq!(s["default"]["access_key_id"], "foo");
        assert_eq!(s["default"]["access_key_secret"], "bar=baz");
        assert_eq!(s["project"]["type"], "ram_role_arn");
        assert!(!s.contains_key(""));
        assert_eq!(s.len(), 2);
    }
}
