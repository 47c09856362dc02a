use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::excerpt;

use crate::link::{Linker, Version};

declare_rule! {
    /// ## What it does
    /// Checks that the version pattern of a `COMPONENT` ARN matches a version of the component
    /// of that name in the repository (its manifest's `version`). `*` stands for any number in
    /// its part, and the latest matching version is called, as the service does.
    ///
    /// ## Why is this bad?
    /// The local component is probably the one meant, and the template calls a version that is
    /// not in the repository: an old one still in the cloud, or none, which the service rejects
    /// with `ImageComponent.NotFound`. It is a warning because the version may exist in the cloud
    /// only (`bclint check --online` asks).
    ///
    /// ## Example
    /// With `harden-ssh.imagecomponent.toml` saying `version = "1.2.0"`:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/2.*.*
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.*.*
    /// ```
    pub static RULE = {
        code: "BC706",
        name: "component-version-not-found",
        severity: Warning,
        api_error: Some("ImageComponent.NotFound"),
        fix: None,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    for call in &linker.calls {
        if call.called().is_some() {
            continue;
        }
        let Some((pattern, span)) = call.version else {
            continue;
        };
        let mut versions: Vec<&str> = call
            .candidates
            .iter()
            .filter_map(|candidate| candidate.version.as_deref())
            .collect();
        versions.sort_by_key(|version| Version::parse(version));
        versions.dedup();
        Diagnostic::push_new(
            out,
            &RULE,
            span,
            format!(
                "no local version of component `{name}` matches `{pattern}`",
                name = excerpt(call.name),
                pattern = excerpt(pattern)
            ),
        )
        .note(format!(
            "the repository has version {}",
            versions
                .iter()
                .map(|version| format!("`{}`", excerpt(version)))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .help("call a local version, or check that this version exists in the cloud (`bclint check --online`)");
    }
}
