use bc_lint::{Severity, declare_rule};
use bc_syntax::excerpt;

use crate::Checker;
use crate::model::TemplateStatus;

declare_rule! {
    /// ## What it does
    /// Points out a `build` or `test` path that leaves the manifest's repository (an absolute
    /// path, a `../` path, or a symbolic link whose target is outside), once symbolic links are
    /// resolved. bclint does not read such a file, and the finding is an error, unless
    /// `bclint.toml` sets `allow-outside-repository = true`: then the file is read and the finding
    /// is only information.
    ///
    /// ## Why is this bad?
    /// The pipeline then depends on a file that is not versioned with the manifest, so a checkout
    /// of the repository elsewhere (CI, a colleague) builds something else or fails to find the
    /// template. The service itself never sees the path, only the content. Worse, a manifest in
    /// a pull request could name any file of the machine that lints it, such as
    /// `/proc/self/environ` with the CI secrets in it, and have it sent or shown; so reading
    /// outside the repository is something the repository's owner opts into.
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
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for (role, path, file) in checker.template_files() {
        if !file.outside_root {
            continue;
        }
        let key = role.key();
        let shown = excerpt(&file.path_display);
        if file.status == TemplateStatus::OutsideRepository {
            checker.report(&RULE, path.span, format!("`{key}` refers to `{shown}`, outside the repository; it was not read"))
                .note("a manifest may only name files inside its repository")
                .help("move the template into the repository, or set `allow-outside-repository = true` in bclint.toml");
        } else {
            // The settings allow the path, so the file was read; the finding is a reminder.
            checker
                .report(
                    &RULE,
                    path.span,
                    format!("`{key}` refers to `{shown}`, outside the repository"),
                )
                .severity(Severity::Info)
                .note("the template is not versioned with the manifest");
        }
    }
}
