//! The context every rule's `check` function receives.

use std::cell::OnceCell;

use bc_syntax::{
    Arn, Body, CommandRef, ComponentCall, ComponentRefKind, FileKind, Item, KeywordKind, Parse,
    Span, Word,
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
    by_keyword: &'a KeywordIndex,
}

/// The positions (in [`Parse::items`]) of the commands, grouped by keyword: most rules look at
/// one or two keywords, and walking only those commands instead of every item for each rule
/// keeps the walks within the cache.
pub(crate) struct KeywordIndex {
    /// Item positions, the commands of each keyword together, in source order within a keyword.
    items: Vec<u32>,
    /// Where each keyword's positions start in `items` (indexed by `KeywordKind as usize`), and
    /// the end of the last.
    starts: [usize; KEYWORD_KINDS + 1],
}

/// How many [`KeywordKind`]s there are, `Unknown` included.
const KEYWORD_KINDS: usize = KeywordKind::KNOWN.len() + 1;

impl KeywordIndex {
    pub(crate) fn new(parse: &Parse) -> KeywordIndex {
        let keyword_of = |item: &Item| match item {
            Item::Command(command) => Some(command.keyword.kind as usize),
            _ => None,
        };
        // A counting sort: count, turn counts into starts, then place.
        let mut starts = [0; KEYWORD_KINDS + 1];
        for kind in parse.items().iter().filter_map(keyword_of) {
            starts[kind + 1] += 1;
        }
        for kind in 0..KEYWORD_KINDS {
            starts[kind + 1] += starts[kind];
        }
        let mut next = starts;
        let mut items = vec![0; starts[KEYWORD_KINDS]];
        for (position, item) in parse.items().iter().enumerate() {
            if let Some(kind) = keyword_of(item) {
                // Item positions fit: a parse has at most one item per line of a text that
                // fits in memory, and `Parse` is capped far below 4 G lines by its callers.
                items[next[kind]] = u32::try_from(position).unwrap_or(u32::MAX);
                next[kind] += 1;
            }
        }
        KeywordIndex { items, starts }
    }

    fn of(&self, kind: KeywordKind) -> &[u32] {
        let kind = kind as usize;
        &self.items[self.starts[kind]..self.starts[kind + 1]]
    }
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parse: &'a Parse, by_keyword: &'a KeywordIndex) -> Checker<'a> {
        Checker {
            parse,
            source: parse.source(),
            kind: parse.kind(),
            diagnostics: Vec::new(),
            wire_form: OnceCell::new(),
            by_keyword,
        }
    }

    /// Reports a finding of `rule` and returns it for refinement (note, help, fix, labels).
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<crate::CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, rule, span, message)
    }

    /// The commands of the file in order.
    pub fn commands(&self) -> impl Iterator<Item = CommandRef<'a>> + 'a {
        self.parse.commands()
    }

    /// The commands with keyword `kind`, in order.
    pub fn commands_of(&self, kind: KeywordKind) -> impl Iterator<Item = CommandRef<'a>> + use<'a> {
        let parse = self.parse;
        let index: &'a KeywordIndex = self.by_keyword;
        index
            .of(kind)
            .iter()
            .filter_map(move |&position| match &parse.items()[position as usize] {
                Item::Command(command) => Some(parse.command(command)),
                _ => None,
            })
    }

    /// The calls of a template's `COMPONENT` commands. Empty in components, where
    /// `COMPONENT` itself is the finding.
    pub fn component_calls(&self) -> impl Iterator<Item = &'a ComponentCall> + use<'a> {
        let templates = self.kind.is_template();
        self.commands_of(KeywordKind::Component)
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
        self.commands_of(KeywordKind::Copy)
            .filter_map(move |command| {
                let word = *command.args().first()?;
                let raw = word.text(source);
                let url = raw.trim_start_matches(['"', '\'']);
                let is_url = starts_with_ignore_case(url, "http://")
                    || starts_with_ignore_case(url, "https://");
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
