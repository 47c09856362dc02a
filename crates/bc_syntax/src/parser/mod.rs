//! The parser: a `chumsky` grammar for the line structure, then plain functions that type each
//! command's arguments.
//!
//! The grammar accepts every token sequence (a line it cannot read becomes [`Item::Error`]), so
//! parsing never fails and always resumes at the next line.

mod command;
mod exec;
mod spans;

use chumsky::prelude::*;

use crate::lexer::{HashKind, Lexed, Token, lex_all};
use crate::{Comment, FileKind, Item, Parse, Span, SyntaxError, SyntaxErrorKind};
use spans::trim_terminator;

type Extra = extra::Default;

/// A line as the grammar sees it: token index ranges (not byte offsets) into the lexed tokens,
/// so the grammar allocates nothing per token; [`command::build`] types the arguments.
#[derive(Debug, Clone, Copy)]
enum RawLine {
    /// Blanks and the line terminator.
    Blank(SimpleSpan),
    /// The index of the comment token.
    Comment(usize),
    /// From the keyword to the end of the command, excluding the final line terminator.
    Command(SimpleSpan),
    /// The tokens of a line with no keyword, including its terminator.
    Error(SimpleSpan),
}

/// Parses `text` as a file of `kind`. Never fails: problems are reported in [`Parse::errors`].
///
/// # Panics
/// If `text` is 4 GiB or longer: positions inside the tree are 32-bit. Every caller caps what it
/// reads far below that (the command line and the language server at 1 MiB).
pub fn parse(text: &str, kind: FileKind) -> Parse {
    let offset = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let lexed = lex_all(text, offset);
    // The grammar has an alternative for every token, so it cannot fail; should that ever change,
    // an empty item list still leaves a usable (if empty) tree rather than a panic.
    let lines = document()
        .parse(lexed.tokens.as_slice())
        .into_output()
        .unwrap_or_default();
    let bytes = |span: SimpleSpan| Span::new(lexed.bounds[span.start], lexed.bounds[span.end]);

    let mut out = Parse {
        source: text.to_owned(),
        kind,
        items: Vec::with_capacity(lines.len()),
        errors: Vec::new(),
        // Every line has at least one token that is not an argument word (its keyword, comment,
        // line break or blanks), so this holds every argument without growing.
        words: Vec::with_capacity(lexed.tokens.len().saturating_sub(lines.len())),
        lines: Vec::with_capacity(lines.len()),
        comments: Vec::new(),
        continuations: Vec::new(),
    };
    let mut scratch = command::Scratch::default();
    for line in lines {
        let item = match line {
            RawLine::Blank(span) => Item::Blank(trim_terminator(text, bytes(span))),
            RawLine::Comment(index) => Item::Comment(Comment {
                span: lexed.span(index),
            }),
            RawLine::Error(span) => {
                let span = trim_terminator(text, bytes(span));
                out.errors.push(SyntaxError {
                    span,
                    message: "expected a command keyword at the start of the line".into(),
                    kind: SyntaxErrorKind::MissingKeyword,
                });
                Item::Error(span)
            }
            RawLine::Command(span) => Item::Command(command::build(
                text,
                &lexed,
                span.start..span.end,
                &mut scratch,
                &mut out,
            )),
        };
        out.items.push(item);
    }
    report_control_characters(text, &lexed, &mut out.errors);
    out.errors
        .sort_by_key(|error| (error.span.start, error.span.end));
    out
}

/// A control byte is an error wherever it is: inside a quoted string or a comment as much as
/// between words (only tab and the line terminators are allowed). Plain text, blanks and line
/// breaks cannot hold one (see the lexer), so only the tokens that can are scanned.
fn report_control_characters(text: &str, lexed: &Lexed, errors: &mut Vec<SyntaxError>) {
    // Almost every file has none: one branch-free pass over the bytes (which the compiler
    // vectorises) settles that before any token is looked at.
    let any_control = text.as_bytes().chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &byte| seen | is_control(byte))
    });
    if !any_control {
        return;
    }
    for (i, token) in lexed.tokens.iter().enumerate() {
        if !matches!(
            token,
            Token::Control
                | Token::Backslash
                | Token::DoubleQuoted
                | Token::SingleQuoted
                | Token::UnterminatedDouble
                | Token::UnterminatedSingle
                | Token::Hash(HashKind::Comment)
        ) {
            continue;
        }
        let span = lexed.span(i);
        for (at, &byte) in text.as_bytes()[span.range()].iter().enumerate() {
            if is_control(byte) {
                let at = span.start + at;
                errors.push(SyntaxError {
                    span: Span::new(at, at + 1),
                    message: format!("control character U+{byte:04X} is not allowed"),
                    kind: SyntaxErrorKind::ControlCharacter,
                });
            }
        }
    }
}

/// A C0 control byte other than tab and the line terminators, or DEL.
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) || byte == 0x7f
}

/// The line-structure grammar, over the token kinds alone (spans are token indices).
///
/// Everything inside a line is matched in chumsky's check mode (`ignored`, `to_span`): no value
/// is built per token, only one [`RawLine`] per line.
fn document<'t>() -> impl Parser<'t, &'t [Token], Vec<RawLine>, Extra> {
    let space = just(Token::Space).repeated();
    let newline = just(Token::Newline).ignored();
    let line_end = newline.or(end());
    let comment = just(Token::Hash(HashKind::Comment)).to_span();

    let blank = space
        .then(newline)
        .to_span()
        .or(just(Token::Space)
            .repeated()
            .at_least(1)
            .then(end())
            .to_span())
        .map(RawLine::Blank);
    let comment_line = space
        .ignore_then(comment)
        .then_ignore(line_end)
        .map(|span: SimpleSpan| RawLine::Comment(span.start));

    // Comment lines directly after a continuation belong to the command, as in Dockerfiles.
    // The last of them may end the file without a line break.
    let interior_comment = space.then(comment).then(line_end).ignored();
    let continuation = just(Token::Continuation)
        .then(interior_comment.repeated())
        .ignored();
    // Words and the blanks between them: everything up to the end of the physical line.
    let run = any()
        .filter(|token: &Token| {
            !matches!(
                token,
                Token::Newline | Token::Continuation | Token::Hash(HashKind::Comment)
            )
        })
        .repeated();
    // A line cannot start with a backslash: `\ RUN x` has no keyword, it is not a command `\`.
    let first_token =
        any().filter(|token: &Token| token.is_word_part() && *token != Token::Backslash);
    let command = space
        .ignore_then(
            first_token
                .then(run)
                .then(continuation.then(run).repeated())
                .to_span(),
        )
        .then_ignore(line_end)
        .map(RawLine::Command);

    // Anything else (a continuation with no keyword before it) is an error line; it stops after
    // the continuation so the next line is parsed on its own.
    let stray =
        any().filter(|token: &Token| !matches!(token, Token::Newline | Token::Continuation));
    let error_line = stray
        .repeated()
        .then(just(Token::Continuation))
        .ignored()
        .or(stray.repeated().at_least(1).then(line_end).ignored())
        .to_span()
        .map(RawLine::Error);

    // A line's first non-blank token decides between the first three (a word part, a comment,
    // a line break or the end), so they are tried most common first; an error line would also
    // match a command and comes last.
    choice((command, comment_line, blank, error_line))
        .repeated()
        .collect()
        .then_ignore(end())
}

#[cfg(test)]
mod tests {
    use crate::{FileKind, Item, SyntaxErrorKind, parse, render};

    fn error_kinds(text: &str) -> Vec<SyntaxErrorKind> {
        parse(text, FileKind::Build)
            .errors()
            .iter()
            .map(|error| error.kind)
            .collect()
    }

    #[test]
    fn line_starting_with_backslash_has_no_keyword() {
        let parsed = parse("\\ RUN x\nRUN y\n", FileKind::Build);
        assert!(matches!(parsed.items()[0], Item::Error(_)));
        assert_eq!(error_kinds("\\ RUN x\n"), [SyntaxErrorKind::MissingKeyword]);
        assert_eq!(render(&parsed), "RUN y\n");
    }

    #[test]
    fn comment_after_continuation_at_end_of_file_stays_in_the_command() {
        let parsed = parse("RUN a \\\n# c", FileKind::Build);
        let command = parsed.commands().next().expect("a command");
        assert_eq!(command.comments().len(), 1);
        assert_eq!(
            error_kinds("RUN a \\\n# c"),
            [SyntaxErrorKind::DanglingContinuation]
        );
        assert_eq!(render(&parsed), "RUN a\n");
    }

    #[test]
    fn continuation_before_whitespace_only_line_dangles() {
        for text in [
            "RUN a \\\n   \nRUN b\n",
            "RUN a \\\n \t",
            "RUN a \\\n# c\n  \nRUN b\n",
        ] {
            assert_eq!(
                error_kinds(text),
                [SyntaxErrorKind::DanglingContinuation],
                "{text:?}"
            );
            assert!(render(&parse(text, FileKind::Build)).starts_with("RUN a\n"));
        }
    }

    #[test]
    fn backslash_glued_to_the_last_word_at_end_of_file_dangles() {
        let parsed = parse("RUN a\\", FileKind::Build);
        assert_eq!(render(&parsed), "RUN a\n");
        let command = parsed.commands().next().expect("a command");
        assert!(command.is_dangling());
        assert_eq!(command.logical_args(), "a");
        let parsed = parse("RESTART\\  ", FileKind::Build);
        let command = parsed.commands().next().expect("a command");
        assert_eq!(command.keyword.kind, crate::KeywordKind::Restart);
        assert_eq!(render(&parsed), "RESTART\n");
        assert_eq!(
            error_kinds("RESTART\\"),
            [SyntaxErrorKind::DanglingContinuation]
        );
        // An escaped character is not a continuation.
        assert!(error_kinds("RUN a\\b").is_empty());
    }

    #[test]
    fn control_characters_are_reported_inside_quotes_and_comments() {
        let text = "# c\u{7}\nRUN echo \"a\0b\" 'c\u{7f}' d\u{1b}\n\u{1}\\\n";
        let errors = parse(text, FileKind::Build).errors().to_vec();
        let controls: Vec<usize> = errors
            .iter()
            .filter(|error| error.kind == SyntaxErrorKind::ControlCharacter)
            .map(|error| error.span.start)
            .collect();
        assert_eq!(controls, [3, 16, 22, 26, 28]);
    }

    #[test]
    fn dangling_render_keeps_unicode_space_of_the_last_word() {
        let text = "RUN echo a\u{3000} \\\n\nRUN b\n";
        assert_eq!(
            render(&parse(text, FileKind::Build)),
            "RUN echo a\u{3000}\nRUN b\n"
        );
    }

    #[test]
    fn logical_args_join_continuations_inside_quotes() {
        let text = "RUN echo \"a \\\r\n  b\" 'c\\\rd' \\\n  e\n";
        let parsed = parse(text, FileKind::Build);
        let command = parsed.commands().next().expect("a command");
        assert_eq!(command.logical_args(), "echo \"a   b\" 'cd' e");
    }
}
