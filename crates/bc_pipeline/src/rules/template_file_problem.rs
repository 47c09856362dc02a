use bc_lint::{Severity, declare_rule};
use bc_syntax::excerpt;

use crate::Checker;
use crate::model::{TemplateRole, TemplateStatus};

declare_rule! {
    /// ## What it does
    /// Checks the files `build` and `test` name: they must exist, be regular files, be small
    /// enough to read, and be UTF-8. Warns when the extension does not match the role: `build`
    /// should name a `*.buildcontent` file and `test` a `*.testcontent` file (a `.testcontent`
    /// as `build`, an `.imagecomponent`, or an unknown extension).
    ///
    /// ## Why is this bad?
    /// A template that cannot be read cannot be sent as `BuildContent` / `TestContent`. A file of
    /// the wrong kind is linted with the wrong rules (test and build templates, and image
    /// components, allow different commands), so problems the service reports, such as
    /// `InvalidParameter.BuildContent`, can go unnoticed.
    ///
    /// ## Example
    /// ```toml
    /// build = "smoke.testcontent"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// build = "build.buildcontent"
    /// test = "smoke.testcontent"
    /// ```
    pub static RULE = {
        code: "BC520",
        name: "invalid-template-file",
        severity: Error,
        api_error: Some("InvalidParameter.BuildContent"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for (role, path, file) in checker.template_files() {
        let key = role.key();
        let shown = excerpt(&file.path_display);
        let problem = match &file.status {
            TemplateStatus::Missing => Some(format!("`{key}` file `{shown}` does not exist")),
            TemplateStatus::NotAFile => Some(format!("`{key}` path `{shown}` is not a file")),
            TemplateStatus::TooLarge => Some(format!(
                "`{key}` file `{shown}` is too large to be a template"
            )),
            TemplateStatus::NotUtf8 { offset } => Some(format!(
                "`{key}` file `{shown}` is not UTF-8 (invalid byte at offset {offset})"
            )),
            // BC521 reports a file that was not read because it is outside the repository.
            TemplateStatus::OutsideRepository => continue,
            TemplateStatus::Loaded { .. } => None,
        };
        if let Some(problem) = problem {
            let diagnostic = checker.report(&RULE, path.span, problem);
            match &file.status {
                TemplateStatus::Missing => {
                    diagnostic.note("paths are relative to the manifest's directory");
                }
                TemplateStatus::TooLarge => {
                    diagnostic
                        .note("templates are sent whole and must stay under 16 KB on the wire");
                }
                TemplateStatus::NotUtf8 { .. } => {
                    diagnostic.help("save the file as UTF-8");
                }
                _ => {}
            }
            continue;
        }
        let expected = role.file_kind();
        if file.kind == Some(expected) {
            continue;
        }
        let message = match file.kind {
            Some(kind) => format!(
                "`{key}` names {} `{shown}`, not a {}",
                article(kind.description()),
                expected.description()
            ),
            None => format!(
                "`{key}` file `{shown}` does not have the `.{}` extension",
                expected.extension()
            ),
        };
        checker
            .report(&RULE, path.span, message)
            .severity(Severity::Warning)
            .note(format!(
                "the file is sent as `{}`",
                if role == TemplateRole::Build {
                    "BuildContent"
                } else {
                    "TestContent"
                }
            ))
            .help(format!(
                "name {} files `*.{}`",
                expected.description(),
                expected.extension()
            ));
    }
}

fn article(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}
