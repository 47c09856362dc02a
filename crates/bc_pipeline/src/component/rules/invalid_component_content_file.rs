use bc_lint::declare_rule;
use bc_syntax::{Span, excerpt};

use crate::component::checker::{ComponentChecker, ContentFile};

declare_rule! {
    /// ## What it does
    /// Checks that the component a manifest describes can be read: the file its `content` key
    /// names (relative to the manifest), or without that key, the component file beside it with
    /// the same stem (`web.imagecomponent.toml` → `web.imagecomponent`, `.yaml` or `.yml`).
    /// Files outside the repository are not read unless `allow-outside-repository = true`.
    ///
    /// ## Why is this bad?
    /// Without content there is nothing to submit: CreateImageComponent fails with
    /// `MissingParameter.Content`.
    ///
    /// ## Example
    /// ```toml
    /// content = "harden-sshd.imagecomponent.yaml"   # the file is harden-ssh.imagecomponent.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// content = "harden-ssh.imagecomponent.yaml"
    /// ```
    pub static RULE = {
        code: "BC534",
        name: "invalid-component-content-file",
        severity: Error,
        api_error: Some("MissingParameter.Content"),
        fix: None,
    }
}

pub fn check(checker: &mut ComponentChecker<'_>) {
    let ContentFile::Unreadable(why) = checker.content else {
        return;
    };
    let (span, message) = match &checker.manifest.content {
        Some(content) => (
            content.span,
            format!(
                "cannot read the component file `{}`: {why}",
                excerpt(&content.value)
            ),
        ),
        None => (
            Span::empty(0),
            format!("no component file beside this manifest: {why}"),
        ),
    };
    checker
        .report(&RULE, span, message)
        .note("CreateImageComponent needs the component's content")
        .help("set `content` to the component file, relative to this manifest");
}
