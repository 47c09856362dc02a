//! The context every rule's `check` function receives.

use std::cell::OnceCell;

use bc_syntax::{
    Arn, Body, CommandRef, ComponentCall, ComponentRefKind, FileKind, KeywordKind, Parse, Span,
    Word,
};

use crate::{Diagnostic, Edit, RuleMeta};

/// A parsed file being linted, and the findings so far.
pub struct Checker<'a> {
    /// The parse being checked.
    pub parse: &'a Parse,
    /// The source text (spans index into it).
    pub source: &'a str,
    /// The kind of file.
    pub kind: FileKind,
    pub(crate) diagnostics: Vec<Diagnostic>,
    wire_form: OnceCell<String>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parse: &'a Parse) -> Checker<'a> {
        Checker {
            parse,
            source: parse.source(),
            kind: parse.kind(),
            diagnostics: Vec::new(),
            wire_form: OnceCell::new(),
        }
    }

    /// Reports a finding of `rule` and returns it for refinement (note, help, fix, labels).
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::new(rule, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The commands of the file in order.
    pub fn commands(&self) -> impl Iterator<Item = CommandRef<'a>> + 'a {
        self.parse.commands()
    }

    /// The calls of a template's `COMPONENT` commands. Empty in components, where
    /// `COMPONENT` itself is the finding.
    pub fn component_calls(&self) -> impl Iterator<Item = &'a ComponentCall> + use<'a> {
        let parse = self.parse;
        let templates = self.kind.is_template();
        parse
            .commands()
            .filter(move |_| templates)
            .filter_map(|command| match &command.node().body {
                Body::Component(call) => Some(call),
                _ => None,
            })
    }

    /// The ARN references of a template's `COMPONENT` commands.
    pub fn component_arns(&self) -> impl Iterator<Item = &'a Arn> + use<'a> {
        self.component_calls()
            .filter_map(|call| match call.reference.as_ref().map(|r| &r.kind) {
                Some(ComponentRefKind::Arn(arn)) => Some(&**arn),
                _ => None,
            })
    }

    /// The `COPY` sources that are `http://` or `https://` URLs: the source word, the offset where
    /// the URL starts in it (after an opening quote), and the URL text as written.
    pub fn copy_urls(&self) -> impl Iterator<Item = (Word, usize, &'a str)> + 'a {
        let source = self.source;
        self.commands().filter_map(move |command| {
            if command.keyword.kind != KeywordKind::Copy {
                return None;
            }
            let word = *command.args().first()?;
            let raw = word.text(source);
            let url = raw.trim_start_matches(['"', '\'']);
            let is_url =
                starts_with_ignore_case(url, "http://") || starts_with_ignore_case(url, "https://");
            is_url.then_some((word, word.span.start + (raw.len() - url.len()), url))
        })
    }

    /// The text of `span`.
    pub fn text(&self, span: Span) -> &'a str {
        span.text(self.source)
    }

    /// The wire form (computed once, on first use).
    pub fn wire_form(&self) -> &str {
        self.wire_form.get_or_init(|| bc_syntax::render(self.parse))
    }

    /// An edit deleting the whole command: its lines, their indentation and the final line break.
    pub fn delete_command(&self, command: CommandRef<'_>) -> Edit {
        let start = command.line_start();
        let end = command.lines()[command.lines().len() - 1].end;
        let rest = &self.source[end..];
        let terminator = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with(['\n', '\r']))
        };
        Edit::delete(Span::new(start, end + terminator))
    }
}

/// ASCII case-insensitive `contains`.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// ASCII case-insensitive `starts_with`.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}
