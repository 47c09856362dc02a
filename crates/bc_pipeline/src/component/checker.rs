//! The context every component manifest rule's `check` function receives.

use bc_component::link::ComponentFormat;
use bc_lint::{Diagnostic, RuleMeta};
use bc_syntax::Span;

use super::model::ComponentManifest;

/// What the caller found of the component the manifest describes: its `content` file, or the
/// file beside the manifest with its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentFile {
    /// Read; its format.
    Read(ComponentFormat),
    /// Not read, and why ("no such file", "outside the repository"), as a sentence fragment.
    Unreadable(String),
}

/// The rules that check a component manifest, with what they read.
pub struct ComponentChecker<'a> {
    /// The manifest.
    pub manifest: &'a ComponentManifest,
    /// The content file.
    pub content: &'a ContentFile,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl ComponentChecker<'_> {
    /// Reports a finding of `rule` and returns it for refinement.
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<bc_lint::CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, rule, span, message)
    }
}
