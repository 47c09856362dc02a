//! The diagnostic model shared by every rule, the CLI and the language server.

use std::borrow::Cow;

use bc_syntax::Span;

use crate::meta::RuleMeta;
use crate::severity::Severity;

/// The text of a finding, fix or edit: most are fixed sentences, which are borrowed rather than
/// copied into a new allocation for every finding; the rest are built for the finding.
pub type CowStr = Cow<'static, str>;

/// Whether a fix can be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the meaning of the template; applied by `--fix`.
    Safe,
    /// May change behaviour; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the text of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub span: Span,
    /// The new text.
    pub replacement: CowStr,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<CowStr>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Edit {
        Edit {
            span,
            replacement: CowStr::Borrowed(""),
        }
    }

    /// Inserts `text` at `offset`.
    pub fn insert(offset: usize, text: impl Into<CowStr>) -> Edit {
        Edit {
            span: Span::empty(offset),
            replacement: text.into(),
        }
    }
}

/// A set of non-overlapping edits that together fix one finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, as an imperative ("Replace `run` with `RUN`").
    pub title: CowStr,
    /// The edits, sorted by position.
    pub edits: Vec<Edit>,
    /// Whether the fix is safe.
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix.
    pub fn safe(title: impl Into<CowStr>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, edits, Applicability::Safe)
    }

    /// An unsafe fix.
    pub fn unsafe_(title: impl Into<CowStr>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, edits, Applicability::Unsafe)
    }

    fn new(title: impl Into<CowStr>, mut edits: Vec<Edit>, applicability: Applicability) -> Fix {
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        Fix {
            title: title.into(),
            edits,
            applicability,
        }
    }
}

/// A secondary location with a message, e.g. "first FROM here".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: CowStr,
}

/// Editor hints that change how a finding is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tags {
    /// The code uses something deprecated (drawn struck through).
    pub deprecated: bool,
    /// The code is unnecessary (drawn faded).
    pub unnecessary: bool,
}

/// One finding: what is wrong (message), why (note), what to do (help or fix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The rule's stable code, e.g. `BC201`.
    pub code: &'static str,
    /// The rule's kebab-case name, e.g. `deprecated-from`.
    pub name: &'static str,
    /// The severity after configuration.
    pub severity: Severity,
    /// What is wrong, as one sentence.
    pub message: CowStr,
    /// Why it matters.
    pub note: Option<CowStr>,
    /// What to do, when there is no fix or as extra advice.
    pub help: Option<CowStr>,
    /// The primary location.
    pub span: Span,
    /// Secondary locations.
    pub labels: Vec<Label>,
    /// The fixes, at most one safe and one unsafe, safe first.
    pub fixes: Vec<Fix>,
    /// Editor hints.
    pub tags: Tags,
}

impl Diagnostic {
    /// Appends a finding of `rule` at `span` to `list` and returns it there for refinement
    /// (note, help, fix, labels): what every checker's `report` does.
    pub fn push_new<'l>(
        list: &'l mut Vec<Diagnostic>,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<CowStr>,
    ) -> &'l mut Diagnostic {
        let at = list.len();
        list.push(Diagnostic::new(rule, span, message));
        &mut list[at]
    }

    /// A finding of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &RuleMeta, span: Span, message: impl Into<CowStr>) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            message: message.into(),
            note: None,
            help: None,
            span,
            labels: Vec::new(),
            fixes: Vec::new(),
            tags: Tags::default(),
        }
    }

    /// Sets the note (why).
    pub fn note(&mut self, note: impl Into<CowStr>) -> &mut Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// Sets the help (what to do).
    pub fn help(&mut self, help: impl Into<CowStr>) -> &mut Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    pub fn label(&mut self, span: Span, message: impl Into<CowStr>) -> &mut Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a fix; safe fixes are kept before unsafe ones.
    pub fn fix(&mut self, fix: Fix) -> &mut Diagnostic {
        self.fixes.push(fix);
        self.fixes.sort_by_key(|fix| fix.applicability);
        self
    }

    /// Overrides the severity for this finding (rules with error variants use this).
    pub fn severity(&mut self, severity: Severity) -> &mut Diagnostic {
        self.severity = severity;
        self
    }

    /// Marks the finding as about deprecated syntax.
    pub fn deprecated(&mut self) -> &mut Diagnostic {
        self.tags.deprecated = true;
        self
    }

    /// Marks the finding as about unnecessary text.
    pub fn unnecessary(&mut self) -> &mut Diagnostic {
        self.tags.unnecessary = true;
        self
    }

    /// The safe fix, if any.
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fixes
            .iter()
            .find(|fix| fix.applicability == Applicability::Safe)
    }

    /// The fix `--fix` (with `unsafe_fixes` as given) would apply.
    pub fn applicable_fix(&self, unsafe_fixes: bool) -> Option<&Fix> {
        self.fixes
            .iter()
            .find(|fix| unsafe_fixes || fix.applicability == Applicability::Safe)
    }
}
