//! BC710: a `COMPONENT` reference the region does not hold.

use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::{Span, excerpt};

declare_rule! {
    /// ## What it does
    /// Online only (`bclint check --online`, or `bclint.online` in the editor): asks the region
    /// for every component a template calls, with `DescribeImageComponents`, and reports an `ic-`
    /// id that does not exist, an ARN whose name does not exist, and an ARN whose version pattern
    /// matches none of that name's versions (`*` stands for any number in its part, and the latest
    /// matching version is the one used, as the service does).
    ///
    /// ## Why is this bad?
    /// The pipeline is created without complaint, and the build fails when it starts with
    /// `ImageComponent.NotFound`: after the wait for an instance, and for every region the
    /// template is used in. No offline check can know which components a region holds.
    ///
    /// ## Example
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb0000
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/harden-ssh/3.*.*
    /// ```
    ///
    /// ## Use instead
    /// An id and a version that exist in the region (`DescribeImageComponents` lists them):
    /// ```buildcontent
    /// COMPONENT ic-bp18hy47cqavewsb1a2b
    /// COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/harden-ssh/2.*.*
    /// ```
    pub static RULE = {
        code: "BC710",
        name: "component-not-found",
        severity: Error,
        api_error: Some("ImageComponent.NotFound"),
        fix: None,
    }
}

/// What the region lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing<'a> {
    /// No component has this `ic-` id.
    Id(&'a str),
    /// No component has this name.
    Name(&'a str),
    /// The name exists, but none of its versions (listed, highest first) matches the pattern.
    Version {
        /// The component's name.
        name: &'a str,
        /// The version pattern of the reference.
        pattern: &'a str,
        /// The versions the region holds.
        versions: &'a [String],
    },
}

/// The finding for a reference at `span` that `region` does not hold.
pub fn diagnostic(span: Span, region: &str, missing: Missing<'_>) -> Diagnostic {
    let (message, note) = match missing {
        Missing::Id(id) => (
            format!(
                "component `{}` does not exist in region {region}",
                excerpt(id)
            ),
            None,
        ),
        Missing::Name(name) => (
            format!(
                "no component named `{}` exists in region {region}",
                excerpt(name)
            ),
            None,
        ),
        Missing::Version {
            name,
            pattern,
            versions,
        } => (
            format!(
                "no version of component `{}` matches `{}` in region {region}",
                excerpt(name),
                excerpt(pattern)
            ),
            Some(format!("versions in the region: {}", list(versions))),
        ),
    };
    let mut diagnostic = Diagnostic::new(&RULE, span, message);
    diagnostic.note(note.unwrap_or_else(|| {
        "the build would fail with ImageComponent.NotFound when it starts".to_string()
    }));
    diagnostic.help("check the region, or create the component first (`bclint submit` takes component manifests); after creating it, `--refresh` asks again instead of using the cache");
    diagnostic
}

/// At most ten versions, then how many more.
fn list(versions: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = versions
        .iter()
        .take(SHOWN)
        .map(|v| excerpt(v).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if versions.len() > SHOWN {
        text.push_str(&format!(" and {} more", versions.len() - SHOWN));
    }
    text
}
