//! The context every rule's `check` function receives.

use std::cell::OnceCell;

use bc_syntax::{Command, FileKind, Parse, Span};

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
    pub fn commands(&self) -> impl Iterator<Item = &'a Command> + 'a {
        self.parse.commands()
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
    pub fn delete_command(&self, command: &Command) -> Edit {
        let start = command.lines[0].start;
        let end = command.lines[command.lines.len() - 1].end;
        let rest = &self.source[end..];
        let terminator = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with(['\n', '\r']))
        };
        Edit::delete(Span::new(start, end + terminator))
    }
}
