use bc_lint::declare_rule;

use crate::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that a template is given once: `build` (a file) or `build_content` (inline), not
    /// both; likewise `test` and `test_content`.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline takes one `BuildContent` and one `TestContent`; with both forms in the
    /// manifest it is unclear which one is sent. bclint refuses to guess.
    ///
    /// ## Example
    /// ```toml
    /// build = "build.buildcontent"
    /// build_content = "RUN yum install -y nginx"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// build = "build.buildcontent"
    /// ```
    pub static RULE = {
        code: "BC516",
        name: "build-and-build-content",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    for (file, inline, file_key, inline_key) in [
        (&m.build, &m.build_content, "build", "build_content"),
        (&m.test, &m.test_content, "test", "test_content"),
    ] {
        if let (Some(file), Some(inline)) = (file, inline) {
            checker.report(
                &RULE,
                inline.key,
                format!("`{inline_key}` and `{file_key}` are both set"),
            )
            .label(file.key, format!("`{file_key}` set here"))
            .note("only one template can be sent")
            .help(format!("remove one of them; `{file_key}` keeps the template in its own file, where it is linted and formatted"));
        }
    }
}
