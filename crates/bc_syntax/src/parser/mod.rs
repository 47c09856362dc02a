//! The parser: a `chumsky` grammar for the line structure, then plain functions that type each
//! command's arguments.
//!
//! The grammar accepts every token sequence (a line it cannot read becomes [`Item::Error`]), so
//! parsing never fails and always resumes at the next line.

mod command;
mod exec;

use chumsky::input::{Input as _, MappedInput};
use chumsky::prelude::*;

use crate::lexer::{HashKind, Token, lex};
use crate::{Comment, FileKind, Item, Parse, Span, SyntaxError, SyntaxErrorKind};

type Tokens<'t> = MappedInput<'t, Token, SimpleSpan, &'t [(Token, SimpleSpan)]>;
type Extra = extra::Default;

/// A piece of a command line as the grammar sees it.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// A token that belongs to a word.
    Tok(Token, Span),
    /// Blanks between words.
    Space,
    /// A line continuation and the comment lines that follow it.
    Continuation(Span, Vec<Comment>),
}

/// A line as the grammar sees it, before its arguments are typed.
#[derive(Debug)]
enum RawLine {
    Blank(Span),
    Comment(Comment),
    Command(Vec<Piece>),
    Error(Span),
}

/// Parses `text` as a file of `kind`. Never fails: problems are reported in [`Parse::errors`].
pub fn parse(text: &str, kind: FileKind) -> Parse {
    let offset = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let tokens: Vec<(Token, SimpleSpan)> = lex(&text[offset..], offset)
        .into_iter()
        .map(|(token, span)| (token, SimpleSpan::from(span.range())))
        .collect();
    let eoi = SimpleSpan::from(text.len()..text.len());
    let input = tokens.as_slice().split_token_span(eoi);
    // The grammar has an alternative for every token, so it cannot fail; should that ever change,
    // an empty item list still leaves a usable (if empty) tree rather than a panic.
    let lines = document().parse(input).into_output().unwrap_or_default();

    let mut errors = Vec::new();
    let mut items = Vec::with_capacity(lines.len());
    for line in lines {
        items.push(match line {
            RawLine::Blank(span) => Item::Blank(trim_terminator(text, span)),
            RawLine::Comment(comment) => Item::Comment(comment),
            RawLine::Error(span) => {
                let span = trim_terminator(text, span);
                errors.push(SyntaxError {
                    span,
                    message: "expected a command keyword at the start of the line".into(),
                    kind: SyntaxErrorKind::MissingKeyword,
                });
                Item::Error(span)
            }
            RawLine::Command(pieces) => Item::Command(command::build(text, &pieces, &mut errors)),
        });
    }
    // A control byte is an error wherever it is: inside a quoted string or a comment as much as
    // between words (only tab and the line terminators are allowed).
    for (at, c) in text.char_indices() {
        if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r') {
            errors.push(SyntaxError {
                span: Span::new(at, at + 1),
                message: format!("control character U+{:04X} is not allowed", u32::from(c)),
                kind: SyntaxErrorKind::ControlCharacter,
            });
        }
    }
    errors.sort_by_key(|error| (error.span.start, error.span.end));
    Parse {
        source: text.to_owned(),
        kind,
        items,
        errors,
    }
}

fn span_of(span: SimpleSpan) -> Span {
    Span::new(span.start, span.end)
}

/// The line-structure grammar.
fn document<'t>() -> impl Parser<'t, Tokens<'t>, Vec<RawLine>, Extra> {
    let space = just(Token::Space).repeated();
    let newline = just(Token::Newline).ignored();
    let line_end = newline.or(end());
    let comment =
        select! { Token::Hash(HashKind::Comment) = e => Comment { span: span_of(e.span()) } };
    let word_token = any()
        .filter(|token: &Token| token.is_word_part())
        .map_with(|token, e| Piece::Tok(token, span_of(e.span())));

    let blank = space
        .then(newline)
        .map_with(|_, e| RawLine::Blank(span_of(e.span())))
        .or(just(Token::Space)
            .repeated()
            .at_least(1)
            .then(end())
            .map_with(|_, e| RawLine::Blank(span_of(e.span()))));
    let comment_line = space
        .ignore_then(comment)
        .then_ignore(line_end)
        .map(RawLine::Comment);

    // Comment lines directly after a continuation belong to the command, as in Dockerfiles.
    // The last of them may end the file without a line break.
    let interior_comment = space.ignore_then(comment).then_ignore(line_end);
    let continuation = just(Token::Continuation)
        .map_with(|_, e| span_of(e.span()))
        .then(interior_comment.repeated().collect::<Vec<_>>())
        .map(|(span, comments)| Piece::Continuation(span, comments));
    let piece = choice((
        word_token,
        just(Token::Space).to(Piece::Space),
        continuation,
    ));
    // A line cannot start with a backslash: `\ RUN x` has no keyword, it is not a command `\`.
    let first_token = any()
        .filter(|token: &Token| token.is_word_part() && *token != Token::Backslash)
        .map_with(|token, e| Piece::Tok(token, span_of(e.span())));
    let command = space
        .ignore_then(first_token)
        .then(piece.repeated().collect::<Vec<_>>())
        .then_ignore(line_end)
        .map(|(first, mut rest)| {
            rest.insert(0, first);
            RawLine::Command(rest)
        });

    // Anything else (a continuation with no keyword before it) is an error line; it stops after
    // the continuation so the next line is parsed on its own.
    let stray =
        any().filter(|token: &Token| !matches!(token, Token::Newline | Token::Continuation));
    let error_line = stray
        .repeated()
        .then(just(Token::Continuation))
        .ignored()
        .or(stray.repeated().at_least(1).then(line_end).ignored())
        .map_with(|_, e| RawLine::Error(span_of(e.span())));

    choice((blank, comment_line, command, error_line))
        .repeated()
        .collect()
        .then_ignore(end())
}

/// Trims line terminators (and a continuation's backslash, for error lines) off a span's end.
pub(crate) fn trim_terminator(text: &str, span: Span) -> Span {
    let trimmed = span.text(text).trim_end_matches(['\r', '\n']);
    Span::new(span.start, span.start + trimmed.len())
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
        assert_eq!(command.comments.len(), 1);
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
        assert_eq!(command.logical_args(parsed.source()), "a");
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
        assert_eq!(command.logical_args(text), "echo \"a   b\" 'cd' e");
    }
}
