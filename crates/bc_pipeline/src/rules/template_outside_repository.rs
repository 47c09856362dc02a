use bc_lint::declare_rule;
use bc_syntax::excerpt;

use crate::Context;

declare_rule! {
    /// ## What it does
    /// Points out a `build` or `test` path that leaves the manifest's repository (for example
    /// through `../`). Such a path is allowed, so the finding is only information.
    ///
    /// ## Why is this bad?
    /// The pipeline then depends on a file that is not versioned with the manifest, so a checkout
    /// of the repository elsewhere (CI, a colleague) builds something else or fails to find the
    /// template. The service itself never sees the path, only the content.
    ///
    /// ## Example
    /// ```toml
    /// build = "../shared/build.buildcontent"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// build = "templates/build.buildcontent"
    /// ```
    pub static RULE = {
        code: "BC521",
        name: "template-outside-repository",
        severity: Info,
        api_error: None,
        fix: None,
        target: Manifest,
    }
}

pub fn check(cx: &mut Context<'_>) {
    for (role, path, file) in cx.template_files() {
        if file.outside_root {
            cx.report(
                &RULE,
                path.span,
                format!("`{}` refers to `{}`, outside the repository", role.key(), excerpt(&file.path_display)),
            )
            .note("the template is not versioned with the manifest");
        }
    }
}
