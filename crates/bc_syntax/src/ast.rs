//! The typed syntax tree. Every node carries the byte [`Span`] of the text it came from.

use std::borrow::Cow;

use crate::Span;

/// Which kind of file a text is; it decides which commands are allowed where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// A build template (`BuildContent`, `*.buildcontent`).
    Build,
    /// A test template (`TestContent`, `*.testcontent`).
    Test,
    /// A Dockerfile-format image component (`Content` of CreateImageComponent, `*.imagecomponent`).
    Component,
}

impl FileKind {
    /// Every kind, in a stable order.
    pub const ALL: [FileKind; 3] = [FileKind::Build, FileKind::Test, FileKind::Component];

    /// The kind a file name implies through its extension, if any.
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1;
        FileKind::ALL
            .into_iter()
            .find(|kind| ext.eq_ignore_ascii_case(kind.extension()))
    }

    /// The file extension (without the dot) of this kind.
    pub const fn extension(self) -> &'static str {
        match self {
            FileKind::Build => "buildcontent",
            FileKind::Test => "testcontent",
            FileKind::Component => "imagecomponent",
        }
    }

    /// The short name used by `--kind` (`build`, `test`, `component`).
    pub const fn name(self) -> &'static str {
        match self {
            FileKind::Build => "build",
            FileKind::Test => "test",
            FileKind::Component => "component",
        }
    }

    /// A human description, e.g. "build template".
    pub const fn description(self) -> &'static str {
        match self {
            FileKind::Build => "build template",
            FileKind::Test => "test template",
            FileKind::Component => "image component",
        }
    }

    /// Whether the kind is a template (build or test), where `COMPONENT` is allowed.
    pub const fn is_template(self) -> bool {
        matches!(self, FileKind::Build | FileKind::Test)
    }
}

/// A line of the source: a command, a comment, a blank line, or a line that could not be read.
// Most items are commands, so boxing them would cost an allocation each and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A (possibly continued) command.
    Command(Command),
    /// A comment line (`# …`) outside any command.
    Comment(Comment),
    /// A line holding nothing but blanks.
    Blank(Span),
    /// A line with no command keyword, such as a continuation with nothing before it.
    Error(Span),
}

impl Item {
    /// The span of the item, without its line terminator.
    pub fn span(&self) -> Span {
        match self {
            Item::Command(command) => command.span,
            Item::Comment(comment) => comment.span,
            Item::Blank(span) | Item::Error(span) => *span,
        }
    }
}

/// A comment line. The span starts at `#` and ends before the line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    /// The comment, from `#` to the end of its line.
    pub span: Span,
}

impl Comment {
    /// The comment's text after `#`, trimmed.
    pub fn body(self, source: &str) -> &str {
        self.span.text(source)[1..].trim()
    }
}

/// The command keywords Image Builder knows, and `Unknown` for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeywordKind {
    /// `COMPONENT`: runs an image component (templates only).
    Component,
    /// `RESTART`: restarts the intermediate instance.
    Restart,
    /// `RUN`: runs a shell command.
    Run,
    /// `ENV`: sets environment variables.
    Env,
    /// `WORKDIR`: sets the working directory.
    Workdir,
    /// `COPY`: copies a URL or local file to a directory.
    Copy,
    /// `USER`: sets the user later commands run as.
    User,
    /// `LABEL`: template metadata.
    Label,
    /// `CMD`: a command run at boot.
    Cmd,
    /// `ENTRYPOINT`: an entry point run at boot.
    Entrypoint,
    /// `FROM`: deprecated; ignored in templates, rejected in components.
    From,
    /// Any other word at the start of a command.
    Unknown,
}

impl KeywordKind {
    /// Every known keyword (without `Unknown`), in the order of the reference.
    pub const KNOWN: [KeywordKind; 11] = [
        KeywordKind::Component,
        KeywordKind::Restart,
        KeywordKind::Run,
        KeywordKind::Env,
        KeywordKind::Workdir,
        KeywordKind::Copy,
        KeywordKind::User,
        KeywordKind::Label,
        KeywordKind::Cmd,
        KeywordKind::Entrypoint,
        KeywordKind::From,
    ];

    /// Recognises a keyword case-insensitively.
    pub fn from_text(text: &str) -> KeywordKind {
        use KeywordKind::*;
        // Every command starts with this: the length picks the few candidates first.
        let candidates: &[KeywordKind] = match text.len() {
            3 => &[Run, Env, Cmd],
            4 => &[Copy, User, From],
            5 => &[Label],
            7 => &[Restart, Workdir],
            9 => &[Component],
            10 => &[Entrypoint],
            _ => return Unknown,
        };
        candidates
            .iter()
            .copied()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
            .unwrap_or(Unknown)
    }

    /// The canonical (uppercase) spelling; `""` for `Unknown`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeywordKind::Component => "COMPONENT",
            KeywordKind::Restart => "RESTART",
            KeywordKind::Run => "RUN",
            KeywordKind::Env => "ENV",
            KeywordKind::Workdir => "WORKDIR",
            KeywordKind::Copy => "COPY",
            KeywordKind::User => "USER",
            KeywordKind::Label => "LABEL",
            KeywordKind::Cmd => "CMD",
            KeywordKind::Entrypoint => "ENTRYPOINT",
            KeywordKind::From => "FROM",
            KeywordKind::Unknown => "",
        }
    }
}

/// The keyword of a command as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// Where the keyword is.
    pub span: Span,
    /// Which keyword it is.
    pub kind: KeywordKind,
}

/// A logical command: a keyword and its arguments, possibly continued over several lines.
///
/// The command's lists (argument words, physical lines, interior comments, continuations) live
/// in its [`Parse`], one vector each for the whole file rather than four per command: a 16 KB
/// template has hundreds of commands, and allocating and freeing their lists one by one was a
/// large part of parsing. Read them through [`CommandRef`], which [`Parse::commands`] yields and
/// [`Parse::command`] makes from an [`Item::Command`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// From the keyword to the last argument byte (or the dangling backslash), excluding the
    /// final line terminator.
    pub span: Span,
    /// The keyword.
    pub keyword: Keyword,
    /// The structure of the arguments, where the command has one.
    pub body: Body,
    pub(crate) arg_slots: Slots,
    pub(crate) line_slots: Slots,
    pub(crate) comment_slots: Slots,
    pub(crate) continuation_slots: Slots,
}

/// Where one command's list sits in its parse's shared vector.
///
/// Positions are `u32`: a list holds fewer entries than its text has bytes, and [`crate::parse`]
/// takes texts under 4 GiB. Half-size positions keep an [`Item`] at 128 bytes instead of 160;
/// the rules walk the items many times, and their size is most of the memory a walk touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slots {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Slots {
    /// The slots from `start` to the vector's current end.
    pub(crate) fn since<T>(start: usize, list: &[T]) -> Slots {
        let position = |at: usize| u32::try_from(at).expect("parse input is capped below 4 GiB");
        Slots {
            start: position(start),
            end: position(list.len()),
        }
    }

    fn of<T>(self, list: &[T]) -> &[T] {
        &list[self.start as usize..self.end as usize]
    }
}

/// A [`Command`] together with the [`Parse`] that holds its lists. It dereferences to the
/// command, so `command.span`, `command.keyword` and `command.body` read as usual.
#[derive(Debug, Clone, Copy)]
pub struct CommandRef<'p> {
    parse: &'p Parse,
    command: &'p Command,
}

impl std::ops::Deref for CommandRef<'_> {
    type Target = Command;

    fn deref(&self) -> &Command {
        self.command
    }
}

impl<'p> CommandRef<'p> {
    /// The command itself, borrowed for as long as the parse.
    pub fn node(self) -> &'p Command {
        self.command
    }

    /// The parse the command belongs to.
    pub fn parse(self) -> &'p Parse {
        self.parse
    }

    /// The shell-like words of the arguments across continuation lines; comment lines inside
    /// the command are not words.
    pub fn args(self) -> &'p [Word] {
        self.command.arg_slots.of(&self.parse.words)
    }

    /// The physical lines of the command (each without its terminator), including comment lines
    /// inside the continuation. The first starts at the beginning of its line.
    pub fn lines(self) -> &'p [Span] {
        self.command.line_slots.of(&self.parse.lines)
    }

    /// Comment lines inside the continuation.
    pub fn comments(self) -> &'p [Comment] {
        self.command.comment_slots.of(&self.parse.comments)
    }

    /// Backslashes that end a line (`\` plus any blanks after it), in order.
    pub fn continuations(self) -> &'p [Span] {
        self.command
            .continuation_slots
            .of(&self.parse.continuations)
    }

    /// The start of the command's first line (the indentation before the keyword included).
    pub fn line_start(self) -> usize {
        self.lines()[0].start
    }

    /// The span from the first to the last argument word, if there are any.
    pub fn arg_span(self) -> Option<Span> {
        let args = self.args();
        Some(args.first()?.span.cover(args.last()?.span))
    }

    /// The raw argument text (including any continuations), or `""`.
    pub fn arg_text(self) -> &'p str {
        self.arg_span()
            .map_or("", |span| span.text(self.parse.source()))
    }

    /// The arguments as one logical line: continuations and interior comment lines removed,
    /// words joined by single spaces. Used for matching shell text such as `RUN` bodies.
    ///
    /// A continuation inside a quoted word (`"a \` + `b"`) is removed too, as the service joins
    /// the lines before any shell sees them, so the result never holds a line break.
    pub fn logical_args(self) -> String {
        let source = self.parse.source();
        let mut out = String::new();
        for word in self.args() {
            if !out.is_empty() {
                out.push(' ');
            }
            let mut rest = word.span.text(source);
            // Inside a word a line break only occurs right after a continuation backslash.
            while let Some(at) = rest.find(['\r', '\n']) {
                out.push_str(rest[..at].strip_suffix('\\').unwrap_or(&rest[..at]));
                let after = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[at + after..];
            }
            out.push_str(rest);
        }
        out
    }

    /// Whether the command ends with a line continuation that no text follows.
    pub fn is_dangling(self) -> bool {
        let last_word_end = self
            .args()
            .last()
            .map_or(self.keyword.span.end, |word| word.span.end);
        self.continuations()
            .last()
            .is_some_and(|backslash| backslash.start >= last_word_end)
    }

    /// Whether the command runs over more than one line.
    pub fn is_continued(self) -> bool {
        self.lines().len() > 1
    }
}

/// A shell-like word: adjacent text, quoted strings and punctuation with no blank between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The raw word, quotes included.
    pub span: Span,
}

impl Word {
    /// The raw text of the word.
    pub fn text(self, source: &str) -> &str {
        self.span.text(source)
    }

    /// The word with quotes removed and escapes inside double quotes resolved.
    pub fn value(self, source: &str) -> Cow<'_, str> {
        unquote(self.text(source))
    }
}

/// Removes shell-style quotes: `"a\"b"` → `a"b`, `'x'` → `x`, and drops escaped line breaks.
pub fn unquote(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['"', '\'']) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => match chars.next() {
                Some('\r') => {
                    chars.next_if_eq(&'\n');
                }
                Some('\n') => {}
                Some(next @ ('"' | '\\' | '$' | '`')) => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            (_, c) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The structure of a command's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Arguments with no further structure (`RUN`, `WORKDIR`, `COPY`, `USER`, `RESTART`, `FROM`,
    /// unknown commands): use [`Command::args`].
    Plain,
    /// `COMPONENT <reference> [--name value]…`
    Component(ComponentCall),
    /// `ENV key value` (the space form).
    EnvSpace {
        /// The variable name.
        key: Word,
        /// The rest of the line as the value, if any.
        value: Option<Span>,
    },
    /// `ENV k="v" k2="v2"` or `LABEL k="v" …`.
    Pairs(Vec<Pair>),
    /// `CMD`/`ENTRYPOINT` in JSON exec form.
    Exec(ExecForm),
}

/// A `key=value` word of `ENV` or `LABEL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The whole word.
    pub span: Span,
    /// The key (before `=`; the whole word when there is no `=`).
    pub key: Span,
    /// The value after `=`, `None` when the word has no `=`.
    pub value: Option<Span>,
}

impl Pair {
    /// Whether the value is exactly one double-quoted string.
    pub fn value_is_double_quoted(&self, source: &str) -> bool {
        self.value.is_some_and(|value| {
            let text = value.text(source);
            text.len() >= 2 && text.starts_with('"') && text.ends_with('"')
        })
    }
}

/// A JSON exec form such as `["/bin/app", "--flag"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecForm {
    /// From `[` to `]`.
    pub span: Span,
    /// The elements in order.
    pub elements: Vec<ExecElement>,
}

/// One element of an exec form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecElement {
    /// The element's text.
    pub span: Span,
    /// Whether it is a JSON string; exec forms must hold nothing else.
    pub is_string: bool,
}

/// `COMPONENT <reference> [--name value]…`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentCall {
    /// The component reference, if the command has any argument.
    pub reference: Option<ComponentRef>,
    /// The parameters after the reference.
    pub params: Vec<ComponentParam>,
}

/// A `--name value` parameter. A stray word that is not a `--flag` is kept as a flag without
/// value so the linter can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComponentParam {
    /// The `--name` word as written.
    pub flag: Word,
    /// The value word, if one follows.
    pub value: Option<Word>,
}

impl ComponentParam {
    /// The parameter name without the leading dashes, or `None` if the flag lacks `--`.
    pub fn name(self, source: &str) -> Option<&str> {
        self.flag.text(source).strip_prefix("--")
    }

    /// The span of the flag and its value.
    pub fn span(self) -> Span {
        self.value
            .map_or(self.flag.span, |value| self.flag.span.cover(value.span))
    }
}

/// A component reference: an `ic-` id or an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentRef {
    /// The whole reference.
    pub span: Span,
    /// What the reference looks like.
    pub kind: ComponentRefKind,
}

/// The shape of a component reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentRefKind {
    /// Starts with `ic-` (whether the rest is valid is the linter's call).
    Id,
    /// Starts with `acs:`. Boxed because an ARN's parts are large and rare: inline, they made
    /// every [`Item`] as big as the largest `COMPONENT` call.
    Arn(Box<Arn>),
    /// Neither.
    Other,
}

/// The parts of `acs:ecs:<region>:<account>:imagecomponent/<name>/<major>.<minor>.<patch>`.
///
/// Parts that are missing are `None`; their validity is judged by the linter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Arn {
    /// The service segment (`ecs`).
    pub service: Option<Span>,
    /// The region segment.
    pub region: Option<Span>,
    /// The account segment.
    pub account: Option<Span>,
    /// The resource type before the first `/` (`imagecomponent`).
    pub resource_type: Option<Span>,
    /// The component name.
    pub name: Option<Span>,
    /// The separator before the version, `/` (preferred) or `:`.
    pub separator: Option<(VersionSeparator, Span)>,
    /// The version, as written.
    pub version: Option<Span>,
    /// The dot-separated parts of the version.
    pub version_parts: Vec<Span>,
}

/// The separator between a component name and its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionSeparator {
    /// `/`, as in the API examples.
    Slash,
    /// `:`, as in one syntax line of the docs.
    Colon,
}

/// A syntax error: where, what, and of which kind (so the linter can give each its rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, as a sentence fragment ("unterminated string").
    pub message: String,
    /// The category of the error.
    pub kind: SyntaxErrorKind,
}

/// Categories of syntax errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// A quote without its closing quote.
    UnterminatedString,
    /// A NUL or other control byte.
    ControlCharacter,
    /// A `[` exec form that is not valid JSON.
    InvalidJsonArray,
    /// A line with no keyword.
    MissingKeyword,
    /// A backslash on the last line, before a blank line, or followed by trailing blanks.
    DanglingContinuation,
}

/// The result of parsing: the source, its items and the syntax errors found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    pub(crate) source: String,
    pub(crate) kind: FileKind,
    pub(crate) items: Vec<Item>,
    pub(crate) errors: Vec<SyntaxError>,
    /// The lists of every command, in order (see [`Command`]).
    pub(crate) words: Vec<Word>,
    pub(crate) lines: Vec<Span>,
    pub(crate) comments: Vec<Comment>,
    pub(crate) continuations: Vec<Span>,
}

impl Parse {
    /// The text that was parsed (spans index into it).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The kind of file.
    pub fn kind(&self) -> FileKind {
        self.kind
    }

    /// Every line item in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The commands in order.
    pub fn commands(&self) -> impl Iterator<Item = CommandRef<'_>> + '_ {
        self.items.iter().filter_map(|item| match item {
            Item::Command(command) => Some(self.command(command)),
            _ => None,
        })
    }

    /// A command of this parse (from [`Parse::items`]) with access to its lists.
    pub fn command<'p>(&'p self, command: &'p Command) -> CommandRef<'p> {
        CommandRef {
            parse: self,
            command,
        }
    }

    /// Comment lines outside commands, in order.
    pub fn comments(&self) -> impl Iterator<Item = Comment> + '_ {
        self.items.iter().filter_map(|item| match item {
            Item::Comment(comment) => Some(*comment),
            _ => None,
        })
    }

    /// The syntax errors, in source order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// Whether the text starts with a UTF-8 byte order mark.
    pub fn has_bom(&self) -> bool {
        self.source.starts_with('\u{feff}')
    }
}

#[cfg(test)]
mod tests {
    use super::KeywordKind;

    #[test]
    fn every_keyword_is_recognised_in_any_case_and_nothing_else() {
        for kind in KeywordKind::KNOWN {
            let canonical = kind.as_str();
            assert_eq!(KeywordKind::from_text(canonical), kind);
            assert_eq!(KeywordKind::from_text(&canonical.to_lowercase()), kind);
            let mut near = canonical.to_owned();
            near.push('S');
            assert_eq!(KeywordKind::from_text(&near), KeywordKind::Unknown);
        }
        for text in ["", "RU", "RUNS", "ENTRYPOINTS", "COMPONENTX", "ΚΑΛΗ"] {
            assert_eq!(KeywordKind::from_text(text), KeywordKind::Unknown, "{text}");
        }
    }
}
