//! How serious a finding is: shared by the findings and the rules' metadata.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a build by default.
    Info,
    /// Likely a mistake, or a risk.
    Warning,
    /// The service would reject the template, or the build would fail.
    Error,
}

impl Severity {
    /// The lowercase name used in configuration and output (`error`, `warning`, `info`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a lowercase name.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}
