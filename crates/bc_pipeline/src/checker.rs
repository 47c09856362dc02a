//! The context every manifest rule's `check` function receives.

use bc_lint::{Config, Diagnostic, Edit, Fix, RuleMeta};
use bc_syntax::{Span, excerpt};

use crate::model::{Manifest, Spanned, TemplateFile, TemplateRole, Templates};
use crate::text::{case_match, one_of, toml_string};

/// The manifest being validated, the templates it refers to, and the findings so far.
pub struct Checker<'a> {
    /// The manifest.
    pub manifest: &'a Manifest,
    /// The templates the caller loaded.
    pub templates: &'a Templates,
    /// The manifest text (spans index into it).
    pub source: &'a str,
    /// The rule configuration (used for inline templates, which the template rules lint).
    pub config: &'a Config,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        manifest: &'a Manifest,
        templates: &'a Templates,
        config: &'a Config,
    ) -> Checker<'a> {
        Checker {
            manifest,
            templates,
            source: manifest.source(),
            config,
            diagnostics: Vec::new(),
        }
    }

    /// Reports a finding of `rule` and returns it for refinement.
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<bc_lint::CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, rule, span, message)
    }

    /// The template files the manifest names (`build`, `test`) and the caller loaded: the role,
    /// the path as written in the manifest, and the file.
    pub fn template_files(
        &self,
    ) -> impl Iterator<Item = (TemplateRole, &'a Spanned<String>, &'a TemplateFile)> + use<'a> {
        let (manifest, templates) = (self.manifest, self.templates);
        [
            (TemplateRole::Build, &manifest.build),
            (TemplateRole::Test, &manifest.test),
        ]
        .into_iter()
        .filter_map(move |(role, path)| Some((role, path.as_ref()?, templates.get(role)?)))
    }

    /// The text of `span`.
    pub fn text(&self, span: Span) -> &'a str {
        span.text(self.source)
    }
}

impl Checker<'_> {
    /// Reports `value` of `key` unless it is one of `allowed`, offering a safe fix when only the
    /// case differs. Returns whether the value is valid.
    pub(crate) fn check_enum(
        &mut self,
        rule: &RuleMeta,
        key: &str,
        value: &Spanned<String>,
        allowed: &[&'static str],
        api_error: &str,
    ) -> bool {
        if allowed.contains(&value.value.as_str()) {
            return true;
        }
        let diagnostic = self.report(
            rule,
            value.span,
            format!("`{key}` must be {}", one_of(allowed)),
        );
        diagnostic.note(format!(
            "CreateImagePipeline rejects `{}` with `{api_error}`",
            excerpt(&value.value)
        ));
        if let Some(valid) = case_match(&value.value, allowed) {
            diagnostic.fix(Fix::safe(
                format!("Replace with `{valid}`"),
                vec![Edit::replace(value.span, toml_string(valid))],
            ));
        }
        false
    }
}
