//! Editor settings: `{ "bclint": { "severity": { "BC301": "off" } } }` from `initializationOptions`
//! and `workspace/didChangeConfiguration`, layered over the `bclint.toml` configuration.

use std::collections::BTreeMap;

use bc_lint::{Config, Level};
use serde_json::Value;

/// What the editor asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditorSettings {
    /// Per-code levels; these win over `bclint.toml`.
    pub severity: BTreeMap<String, Level>,
    /// The online check (`bclint.online`, off by default) and how to reach the service.
    pub online: OnlineSettings,
}

/// `bclint.online` (bool) and its companions `bclint.onlineRegion`, `bclint.onlineProfile` and
/// `bclint.onlineEndpoint`, as `check --online`'s `--region`, `--profile` and `--endpoint`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OnlineSettings {
    /// Whether online findings are computed.
    pub enabled: bool,
    /// The region of `ic-` ids.
    pub region: Option<String>,
    /// The credentials profile.
    pub profile: Option<String>,
    /// An endpoint override.
    pub endpoint: Option<String>,
}

impl EditorSettings {
    /// Reads settings from a JSON value shaped `{ "bclint": { … } }` or `{ … }` (the inner object,
    /// as `workspace/configuration` for section `bclint` returns it). Unknown keys and bad levels
    /// are ignored; returns the problems found so they can be logged.
    pub fn from_json(value: &Value) -> (EditorSettings, Vec<String>) {
        let inner = value.get("bclint").unwrap_or(value);
        let mut settings = EditorSettings::default();
        let mut problems = Vec::new();
        if let Some(severity) = inner.get("severity").and_then(Value::as_object) {
            for (code, level) in severity {
                let code = code.trim().to_ascii_uppercase();
                match level.as_str().and_then(Level::from_name) {
                    Some(level) => {
                        settings.severity.insert(code, level);
                    }
                    None => problems.push(format!(
                        "bclint.severity.{code}: {level} is not one of \"off\", \"info\", \"warning\", \"error\""
                    )),
                }
            }
        }
        if let Some(online) = inner.get("online") {
            match online.as_bool() {
                Some(enabled) => settings.online.enabled = enabled,
                None => problems.push(format!("bclint.online: {online} is not true or false")),
            }
        }
        let text = |key: &str| {
            inner
                .get(key)
                .and_then(Value::as_str)
                .filter(|value| !value.is_empty())
                .map(str::to_owned)
        };
        settings.online.region = text("onlineRegion");
        settings.online.profile = text("onlineProfile");
        settings.online.endpoint = text("onlineEndpoint");
        (settings, problems)
    }

    /// Whether the value holds any bclint settings at all.
    pub fn present_in(value: &Value) -> bool {
        value.get("bclint").is_some()
            || value.get("severity").is_some()
            || value.get("online").is_some()
    }

    /// `base` with the editor's levels applied on top.
    pub fn apply(&self, base: &Config) -> Config {
        let mut config = base.clone();
        for (code, level) in &self.severity {
            config.levels.insert(code.clone(), *level);
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_lint::Severity;
    use serde_json::json;

    #[test]
    fn reads_levels_and_reports_bad_ones() {
        let (settings, problems) = EditorSettings::from_json(
            &json!({ "bclint": { "severity": { "bc301": "off", "BC201": "error", "BC006": "loud" } } }),
        );
        assert_eq!(settings.severity.get("BC301"), Some(&Level::Off));
        assert_eq!(
            settings.severity.get("BC201"),
            Some(&Level::On(Severity::Error))
        );
        assert_eq!(problems.len(), 1);
        let (inner, _) = EditorSettings::from_json(&json!({ "severity": { "BC301": "info" } }));
        assert_eq!(
            inner.severity.get("BC301"),
            Some(&Level::On(Severity::Info))
        );
    }

    #[test]
    fn the_online_check_is_off_unless_turned_on() {
        let (settings, _) = EditorSettings::from_json(&json!({ "bclint": {} }));
        assert!(!settings.online.enabled);
        let (settings, problems) = EditorSettings::from_json(&json!({
            "bclint": { "online": true, "onlineRegion": "cn-hangzhou", "onlineEndpoint": "" }
        }));
        assert!(settings.online.enabled && problems.is_empty());
        assert_eq!(settings.online.region.as_deref(), Some("cn-hangzhou"));
        assert_eq!(settings.online.endpoint, None);
        let (_, problems) = EditorSettings::from_json(&json!({ "bclint": { "online": "yes" } }));
        assert_eq!(problems.len(), 1);
    }
}
