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
    let interior_comment = space.ignore_then(comment).then_ignore(newline);
    let continuation = just(Token::Continuation)
        .map_with(|_, e| span_of(e.span()))
        .then(interior_comment.repeated().collect::<Vec<_>>())
        .map(|(span, comments)| Piece::Continuation(span, comments));
    let piece = choice((
        word_token,
        just(Token::Space).to(Piece::Space),
        continuation,
    ));
    let command = space
        .ignore_then(word_token)
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
