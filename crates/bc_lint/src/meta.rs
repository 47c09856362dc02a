//! Rule metadata and the `declare_rule!` macro that builds it from a rule's doc comment. Which
//! family a rule belongs to (template, manifest, component) is the registry's business
//! (`bc_workspace::registry`), not the rule's.

use crate::severity::Severity;

/// Whether a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some findings.
    Sometimes,
    /// For every finding.
    Always,
}

/// Everything known about a rule except how it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleMeta {
    /// The stable public code, `BC` and three digits. Never reused.
    pub code: &'static str,
    /// The kebab-case name.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// Whether the rule runs without being selected.
    pub enabled_by_default: bool,
    /// The Image Builder / ECS API error code the rule prevents, if any.
    pub api_error: Option<&'static str>,
    /// Whether it can fix findings.
    pub fix: FixAvailability,
    /// The doc comment, as written (each line still starts with the space after `///`).
    pub raw_docs: &'static str,
}

impl RuleMeta {
    /// The rule's documentation as Markdown: the doc comment with the `///` indentation removed.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first paragraph under "What it does", for one-line summaries.
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let body = docs
            .split_once("## What it does")
            .map_or(docs.as_str(), |(_, rest)| rest);
        body.trim_start()
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The URL of the rule's documentation page.
    pub fn url(&self) -> String {
        format!("{DOCS_BASE_URL}/{}.md", self.code)
    }
}

/// Where the generated rule pages are published.
pub const DOCS_BASE_URL: &str = "https://github.com/bclint/bclint/blob/main/docs/rules";

/// Declares a rule's metadata from its doc comment and a few fields.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub(crate) static RULE = {
///         code: "BC201", name: "deprecated-from", severity: Warning,
///         api_error: Some("InvalidCommandOrder.FROM"), fix: Sometimes,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            $(enabled_by_default: $enabled:literal,)?
            api_error: $api_error:expr,
            fix: $fix:ident,
        }
    ) => {
        $vis static $ident: $crate::RuleMeta = $crate::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::Severity::$severity,
            enabled_by_default: $crate::declare_rule!(@enabled $($enabled)?),
            api_error: $api_error,
            fix: $crate::FixAvailability::$fix,
            raw_docs: concat!($($doc, "\n"),*),
        };
    };
    (@enabled) => { true };
    (@enabled $enabled:literal) => { $enabled };
}
