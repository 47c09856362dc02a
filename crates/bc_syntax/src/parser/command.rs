//! Builds a typed [`Command`] from the pieces of one logical line.

use std::ops::Range;

use super::exec;
use super::spans::{trim_terminator, word_part_span};
use crate::ast::Slots;
use crate::component_ref::parse_component_ref;
use crate::lexer::{HashKind, Lexed, Token};
use crate::{
    Body, Command, ComponentCall, ComponentParam, ExecForm, Keyword, KeywordKind, Pair, Parse,
    Span, SyntaxError, SyntaxErrorKind, Word,
};

/// A word with the range of its tokens (indices into the lexed tokens; all word parts).
#[derive(Debug, Clone)]
struct RawWord {
    span: Span,
    tokens: Range<usize>,
}

/// Buffers reused from one command to the next, so building a command allocates only what the
/// tree keeps.
#[derive(Default)]
pub(crate) struct Scratch {
    words: Vec<RawWord>,
}

/// Builds the command whose tokens (from the keyword to the end of the command, without the
/// final line terminator) are `range`. Its lists go to the shared vectors of `out`, its syntax
/// errors to `out.errors`.
pub(crate) fn build(
    text: &str,
    lexed: &Lexed,
    range: Range<usize>,
    scratch: &mut Scratch,
    out: &mut Parse,
) -> Command {
    let words = &mut scratch.words;
    words.clear();
    let comments_start = out.comments.len();
    let continuations_start = out.continuations.len();
    let errors = &mut out.errors;
    let mut in_word = false;
    let mut end = 0;
    let mut last_word_token = None;
    let mut last_non_space = None;
    for i in range.clone() {
        let token = lexed.tokens[i];
        if token != Token::Space {
            last_non_space = Some(token);
        }
        match token {
            Token::Space => in_word = false,
            // Only the line breaks of comment lines inside a continuation are in the range.
            Token::Newline => {}
            Token::Hash(HashKind::Comment) => {
                let span = lexed.span(i);
                out.comments.push(crate::Comment { span });
                end = span.end;
            }
            Token::Continuation => {
                in_word = false;
                let backslash = trim_terminator(text, lexed.span(i));
                if backslash.len() > 1 {
                    errors.push(SyntaxError {
                        span: backslash,
                        message: "whitespace after the line-continuation backslash".into(),
                        kind: SyntaxErrorKind::DanglingContinuation,
                    });
                }
                out.continuations.push(backslash);
                end = backslash.end;
            }
            _ => {
                let token_span = lexed.span(i);
                report_token(token, token_span, errors);
                let span = word_part_span(text, token, token_span);
                match words.last_mut() {
                    Some(word) if in_word => {
                        word.span.end = span.end;
                        word.tokens.end = i + 1;
                    }
                    _ => words.push(RawWord {
                        span,
                        tokens: i..i + 1,
                    }),
                }
                last_word_token = Some(i);
                // Blanks taken along by the token end the word.
                in_word = span.end == token_span.end;
                end = span.end;
            }
        }
    }
    // A backslash as the very last thing in the file has no line break after it, so the lexer
    // saw an ordinary backslash (alone, or glued to a word as in `RUN a\`); it is still a
    // continuation with nothing to continue. The first token is never a backslash (see the
    // grammar), so the keyword keeps at least one token.
    if let Some(last) = last_word_token
        && lexed.tokens[last] == Token::Backslash
    {
        let backslash = word_part_span(text, Token::Backslash, lexed.span(last));
        if backslash.text(text) == "\\"
            && text[backslash.end..].trim_matches([' ', '\t']).is_empty()
        {
            let word = words.last_mut().expect("a token belongs to a word");
            if word.tokens.len() == 1 {
                words.pop();
            } else {
                word.tokens.end -= 1;
                word.span.end = lexed.bounds[word.tokens.end];
            }
            out.continuations.push(backslash);
            errors.push(SyntaxError {
                span: backslash,
                message: "line continuation at the end of the file".into(),
                kind: SyntaxErrorKind::DanglingContinuation,
            });
        }
    }
    // A continuation followed by nothing but blanks (the end of the file, or a blank line that
    // ends the command) continues nothing. Comment lines and their line breaks only follow a
    // continuation, so ending on one is ending on the continuation.
    if matches!(
        last_non_space,
        Some(Token::Continuation | Token::Newline | Token::Hash(HashKind::Comment))
    ) {
        let backslash = *out
            .continuations
            .last()
            .expect("a continuation piece was recorded");
        errors.push(SyntaxError {
            span: Span::new(backslash.start, backslash.start + 1),
            message: "line continuation with no command text after it".into(),
            kind: SyntaxErrorKind::DanglingContinuation,
        });
    }

    let keyword_span = words[0].span;
    let keyword = Keyword {
        span: keyword_span,
        kind: KeywordKind::from_text(keyword_span.text(text)),
    };
    let span = Span::new(keyword_span.start, end);
    let args_start = out.words.len();
    out.words
        .extend(words[1..].iter().map(|word| Word { span: word.span }));
    let body = body(text, keyword.kind, &words[1..], lexed, errors);
    let lines_start = out.lines.len();
    physical_lines(text, span, &mut out.lines);
    Command {
        span,
        keyword,
        body,
        arg_slots: Slots::since(args_start, &out.words),
        line_slots: Slots::since(lines_start, &out.lines),
        comment_slots: Slots::since(comments_start, &out.comments),
        continuation_slots: Slots::since(continuations_start, &out.continuations),
    }
}

/// Reports tokens that are errors wherever they appear. (Control characters are reported for the
/// whole text at once, as they may also hide inside quotes, comments and error lines.)
fn report_token(token: Token, span: Span, errors: &mut Vec<SyntaxError>) {
    let (message, kind) = match token {
        Token::UnterminatedDouble => (
            "unterminated double-quoted string".to_owned(),
            SyntaxErrorKind::UnterminatedString,
        ),
        Token::UnterminatedSingle => (
            "unterminated single-quoted string".to_owned(),
            SyntaxErrorKind::UnterminatedString,
        ),
        _ => return,
    };
    errors.push(SyntaxError {
        span,
        message,
        kind,
    });
}

/// The physical lines a command occupies, from the start of the keyword's line.
///
/// Every line break inside a command's span belongs to it: one of its continuations, the break of
/// one of its interior comment lines, or an escaped line break inside one of its quoted strings.
/// So the lines are simply the span's text split at line breaks, found by a vectorised search.
fn physical_lines(text: &str, span: Span, lines: &mut Vec<Span>) {
    let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let mut start = if line_start == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        line_start
    };
    let bytes = text.as_bytes();
    while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[start..span.end]) {
        let at = start + found;
        lines.push(Span::new(start, at));
        start = at
            + if bytes[at..].starts_with(b"\r\n") {
                2
            } else {
                1
            };
    }
    lines.push(Span::new(start, span.end));
}

fn body(
    text: &str,
    keyword: KeywordKind,
    words: &[RawWord],
    lexed: &Lexed,
    errors: &mut Vec<SyntaxError>,
) -> Body {
    let word = |raw: &RawWord| Word { span: raw.span };
    match keyword {
        KeywordKind::Component => {
            let Some((first, rest)) = words.split_first() else {
                return Body::Component(ComponentCall {
                    reference: None,
                    params: Vec::new(),
                });
            };
            let reference = parse_component_ref(first.span.text(text), first.span.start);
            Body::Component(ComponentCall {
                reference: Some(reference),
                params: params(text, rest.iter().map(word)),
            })
        }
        KeywordKind::Env => match words.first() {
            Some(first) if !has_equals(first, lexed) => Body::EnvSpace {
                key: word(first),
                value: words
                    .get(1)
                    .map(|second| second.span.cover(words[words.len() - 1].span)),
            },
            Some(_) => Body::Pairs(pairs(text, words, lexed)),
            None => Body::Plain,
        },
        KeywordKind::Label if !words.is_empty() => Body::Pairs(pairs(text, words, lexed)),
        KeywordKind::Cmd | KeywordKind::Entrypoint => {
            match words.first().map(|first| lexed.tokens[first.tokens.start]) {
                Some(Token::LBracket) => Body::Exec(exec_form(text, words, lexed, errors)),
                _ => Body::Plain,
            }
        }
        _ => Body::Plain,
    }
}

/// Parses the words of `CMD`/`ENTRYPOINT` as an exec form. Only the word tokens count:
/// continuations and comment lines between the words are not part of the JSON.
fn exec_form(
    text: &str,
    words: &[RawWord],
    lexed: &Lexed,
    errors: &mut Vec<SyntaxError>,
) -> ExecForm {
    let span_at = |i: usize| word_part_span(text, lexed.tokens[i], lexed.span(i));
    let first = words[0].tokens.start;
    let last = words[words.len() - 1].tokens.end;
    // On one line (the usual case) the words' tokens follow each other with nothing between:
    // they are read in place.
    if words
        .windows(2)
        .all(|pair| pair[0].tokens.end == pair[1].tokens.start)
    {
        return exec::parse_exec_form(
            text,
            &lexed.tokens[first..last],
            |k| span_at(first + k),
            errors,
        );
    }
    let indices: Vec<usize> = words.iter().flat_map(|word| word.tokens.clone()).collect();
    let kinds: Vec<Token> = indices.iter().map(|&i| lexed.tokens[i]).collect();
    exec::parse_exec_form(text, &kinds, |k| span_at(indices[k]), errors)
}

fn has_equals(word: &RawWord, lexed: &Lexed) -> bool {
    lexed.tokens[word.tokens.clone()].contains(&Token::Equals)
}

/// Splits each word at its first `=` that is outside quotes (quotes are single tokens).
fn pairs(text: &str, words: &[RawWord], lexed: &Lexed) -> Vec<Pair> {
    words
        .iter()
        .map(|word| {
            let equals = word
                .tokens
                .clone()
                .find(|&i| lexed.tokens[i] == Token::Equals)
                .map(|i| word_part_span(text, Token::Equals, lexed.span(i)));
            match equals {
                Some(eq) => Pair {
                    span: word.span,
                    key: Span::new(word.span.start, eq.start),
                    value: Some(Span::new(eq.end, word.span.end)),
                },
                None => Pair {
                    span: word.span,
                    key: word.span,
                    value: None,
                },
            }
        })
        .collect()
}

/// Groups the words after a component reference into `--name value` parameters.
fn params(text: &str, words: impl Iterator<Item = Word>) -> Vec<ComponentParam> {
    let mut params: Vec<ComponentParam> = Vec::new();
    for word in words {
        let is_flag = word.text(text).starts_with("--");
        match params.last_mut() {
            Some(last) if !is_flag && last.value.is_none() && last.name(text).is_some() => {
                last.value = Some(word);
            }
            _ => params.push(ComponentParam {
                flag: word,
                value: None,
            }),
        }
    }
    params
}
