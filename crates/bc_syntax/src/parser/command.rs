//! Builds a typed [`Command`] from the pieces of one logical line.

use std::ops::Range;

use super::{Piece, exec, trim_terminator};
use crate::component_ref::parse_component_ref;
use crate::lexer::Token;
use crate::{
    Body, Command, ComponentCall, ComponentParam, Keyword, KeywordKind, Pair, Span, SyntaxError,
    SyntaxErrorKind, Word,
};

/// A word with the range of its tokens in the command's token list.
struct RawWord {
    span: Span,
    tokens: Range<usize>,
}

pub(crate) fn build(text: &str, pieces: &[Piece], errors: &mut Vec<SyntaxError>) -> Command {
    let mut tokens: Vec<(Token, Span)> = Vec::new();
    let mut words: Vec<RawWord> = Vec::new();
    let mut comments = Vec::new();
    let mut continuations = Vec::new();
    let mut in_word = false;
    let mut end = 0;
    for piece in pieces {
        match piece {
            Piece::Tok(token, span) => {
                report_token(*token, *span, errors);
                match words.last_mut() {
                    Some(word) if in_word => {
                        word.span.end = span.end;
                        word.tokens.end = tokens.len() + 1;
                    }
                    _ => words.push(RawWord {
                        span: *span,
                        tokens: tokens.len()..tokens.len() + 1,
                    }),
                }
                tokens.push((*token, *span));
                in_word = true;
                end = span.end;
            }
            Piece::Space => in_word = false,
            Piece::Continuation(span, interior) => {
                in_word = false;
                let backslash = trim_terminator(text, *span);
                if backslash.len() > 1 {
                    errors.push(SyntaxError {
                        span: backslash,
                        message: "whitespace after the line-continuation backslash".into(),
                        kind: SyntaxErrorKind::DanglingContinuation,
                    });
                }
                continuations.push(backslash);
                comments.extend(interior.iter().copied());
                end = interior
                    .last()
                    .map_or(backslash.end, |comment| comment.span.end);
            }
        }
    }
    // A backslash as the very last thing in the file has no line break after it, so the lexer
    // saw an ordinary backslash (alone, or glued to a word as in `RUN a\`); it is still a
    // continuation with nothing to continue. The first token is never a backslash (see the
    // grammar), so the keyword keeps at least one token.
    if let Some(&(Token::Backslash, backslash)) = tokens.last()
        && backslash.text(text) == "\\"
        && text[backslash.end..].trim_matches([' ', '\t']).is_empty()
    {
        tokens.pop();
        let last = words.last_mut().expect("a token belongs to a word");
        if last.tokens.len() == 1 {
            words.pop();
        } else {
            last.tokens.end -= 1;
            last.span.end = tokens[tokens.len() - 1].1.end;
        }
        continuations.push(backslash);
        errors.push(SyntaxError {
            span: backslash,
            message: "line continuation at the end of the file".into(),
            kind: SyntaxErrorKind::DanglingContinuation,
        });
    }
    // A continuation followed by nothing but blanks (the end of the file, or a blank line that
    // ends the command) continues nothing.
    let last_piece = pieces
        .iter()
        .rev()
        .find(|piece| !matches!(piece, Piece::Space));
    if let Some(Piece::Continuation(..)) = last_piece {
        let backslash = *continuations
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
    let args: Vec<Word> = words[1..]
        .iter()
        .map(|word| Word { span: word.span })
        .collect();
    let body = body(text, keyword.kind, &words[1..], &tokens, errors);
    Command {
        span,
        keyword,
        args,
        lines: physical_lines(text, span),
        comments,
        continuations,
        body,
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
fn physical_lines(text: &str, span: Span) -> Vec<Span> {
    let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_start = if line_start == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        line_start
    };
    let mut lines = Vec::new();
    let mut start = line_start;
    let bytes = text.as_bytes();
    let mut i = line_start;
    while i < span.end {
        match bytes[i] {
            b'\n' => {
                lines.push(Span::new(start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push(Span::new(start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(Span::new(start, span.end));
    lines
}

fn body(
    text: &str,
    keyword: KeywordKind,
    words: &[RawWord],
    tokens: &[(Token, Span)],
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
            Some(first) if !has_equals(first, tokens) => Body::EnvSpace {
                key: word(first),
                value: words
                    .get(1)
                    .map(|second| second.span.cover(words[words.len() - 1].span)),
            },
            Some(_) => Body::Pairs(pairs(words, tokens)),
            None => Body::Plain,
        },
        KeywordKind::Label if !words.is_empty() => Body::Pairs(pairs(words, tokens)),
        KeywordKind::Cmd | KeywordKind::Entrypoint => {
            match words.first().map(|first| tokens[first.tokens.start].0) {
                Some(Token::LBracket) => {
                    let start = words[0].tokens.start;
                    let end = words[words.len() - 1].tokens.end;
                    Body::Exec(exec::parse_exec_form(text, &tokens[start..end], errors))
                }
                _ => Body::Plain,
            }
        }
        _ => Body::Plain,
    }
}

fn has_equals(word: &RawWord, tokens: &[(Token, Span)]) -> bool {
    tokens[word.tokens.clone()]
        .iter()
        .any(|(token, _)| *token == Token::Equals)
}

/// Splits each word at its first `=` that is outside quotes (quotes are single tokens).
fn pairs(words: &[RawWord], tokens: &[(Token, Span)]) -> Vec<Pair> {
    words
        .iter()
        .map(|word| {
            let equals = tokens[word.tokens.clone()]
                .iter()
                .find(|(token, _)| *token == Token::Equals);
            match equals {
                Some((_, eq)) => Pair {
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
