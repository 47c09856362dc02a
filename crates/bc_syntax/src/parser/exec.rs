//! The JSON exec form of `CMD` and `ENTRYPOINT`: `["executable", "param"]`.

use chumsky::DefaultExpected;
use chumsky::error::LabelError;
use chumsky::extra::ParserExtra;
use chumsky::input::{Input as _, ValueInput};
use chumsky::prelude::*;
use chumsky::util::MaybeRef;

use crate::lexer::Token;
use crate::{ExecElement, ExecForm, Span, SyntaxError, SyntaxErrorKind};

/// Parses the argument tokens (which start with `[`) as a JSON array: `kinds` are the tokens of
/// the words (nothing between them), `span(k)` is the byte span of the `k`-th.
///
/// Non-string elements (`1`, `true`) are kept and marked, because "not an array of strings" is a
/// lint finding with its own rule; malformed JSON is a syntax error.
pub(crate) fn parse_exec_form(
    text: &str,
    kinds: &[Token],
    span: impl Fn(usize) -> Span,
    errors: &mut Vec<SyntaxError>,
) -> ExecForm {
    let whole = Span::new(span(0).start, span(kinds.len() - 1).end);
    // Most exec forms are valid: check them with a grammar that builds no error values, and only
    // run the one with rich errors (for the messages) when that fails.
    if let Ok(elements) = array::<_, extra::Default>().parse(kinds).into_result() {
        let elements: Vec<ExecElement> = elements
            .into_iter()
            .map(|(tokens, is_string)| ExecElement {
                span: Span::new(span(tokens.start).start, span(tokens.end - 1).end),
                is_string,
            })
            .collect();
        return checked(text, whole, elements, errors);
    }
    let spanned: Vec<(Token, SimpleSpan)> = kinds
        .iter()
        .enumerate()
        .map(|(k, token)| (*token, SimpleSpan::from(span(k).range())))
        .collect();
    let input = spanned
        .as_slice()
        .split_token_span(SimpleSpan::from(whole.end..whole.end));
    let result = array::<_, extra::Err<Rich<'_, Token>>>().parse(input);
    let elements = match result.into_result() {
        Ok(elements) => elements
            .into_iter()
            .map(|(span, is_string)| ExecElement {
                span: span_of(span),
                is_string,
            })
            .collect(),
        Err(errs) => {
            for err in errs {
                let span = Span::new(err.span().start, err.span().end);
                let found = err
                    .found()
                    .map_or("the end of the command", |token| describe(*token));
                let mut expected: Vec<&str> = err
                    .expected()
                    .filter_map(|pattern| match pattern {
                        chumsky::error::RichPattern::Token(token) => Some(describe(**token)),
                        chumsky::error::RichPattern::EndOfInput => Some("the end of the command"),
                        _ => None,
                    })
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                let expected = match expected.as_slice() {
                    [] => String::new(),
                    [one] => format!(", expected {one}"),
                    [init @ .., last] => format!(", expected {} or {last}", init.join(", ")),
                };
                errors.push(SyntaxError {
                    span: if span.is_empty() { whole } else { span },
                    message: format!("invalid JSON array: found {found}{expected}"),
                    kind: SyntaxErrorKind::InvalidJsonArray,
                });
            }
            return ExecForm {
                span: whole,
                elements: Vec::new(),
            };
        }
    };
    checked(text, whole, elements, errors)
}

/// Reports invalid escapes in the string elements.
fn checked(
    text: &str,
    whole: Span,
    elements: Vec<ExecElement>,
    errors: &mut Vec<SyntaxError>,
) -> ExecForm {
    for element in &elements {
        if let Some(problem) = element
            .is_string
            .then(|| json_string_problem(element.span.text(text)))
            .flatten()
        {
            errors.push(SyntaxError {
                span: element.span,
                message: format!("invalid JSON string: {problem}"),
                kind: SyntaxErrorKind::InvalidJsonArray,
            });
        }
    }
    ExecForm {
        span: whole,
        elements,
    }
}

/// The exec-form grammar: `[`, strings or runs of other word tokens separated by `,`, `]`.
/// Elements are `(span, is_string)`. The same grammar serves the fast check over token kinds
/// (spans are token indices, no error values) and the pass with `Rich` errors over byte spans.
fn array<'t, I, E>() -> impl Parser<'t, I, Vec<(SimpleSpan, bool)>, E>
where
    I: ValueInput<'t, Token = Token, Span = SimpleSpan>,
    E: ParserExtra<'t, I>,
    E::Error:
        LabelError<'t, I, MaybeRef<'t, Token>> + LabelError<'t, I, DefaultExpected<'t, Token>>,
{
    let string = just(Token::DoubleQuoted).map_with(|_, e| (e.span(), true));
    let other = any()
        .filter(|token: &Token| matches!(token, Token::Text | Token::SingleQuoted))
        .repeated()
        .at_least(1)
        .map_with(|_, e| (e.span(), false));
    string
        .or(other)
        .separated_by(just(Token::Comma))
        .collect()
        .delimited_by(just(Token::LBracket), just(Token::RBracket))
        .then_ignore(end())
}

fn span_of(span: SimpleSpan) -> Span {
    Span::new(span.start, span.end)
}

fn describe(token: Token) -> &'static str {
    match token {
        Token::LBracket => "'['",
        Token::RBracket => "']'",
        Token::Comma => "','",
        Token::Equals => "'='",
        Token::DoubleQuoted => "string",
        Token::SingleQuoted => "single-quoted string (JSON needs double quotes)",
        Token::UnterminatedDouble | Token::UnterminatedSingle => "unterminated string",
        _ => "text",
    }
}

/// Checks the escapes of a double-quoted token against JSON's rules.
fn json_string_problem(quoted: &str) -> Option<&'static str> {
    let inner = &quoted[1..quoted.len() - 1];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => {}
                Some('u') => {
                    if !(0..4).all(|_| chars.next().is_some_and(|h| h.is_ascii_hexdigit())) {
                        return Some("\\u must be followed by four hex digits");
                    }
                }
                Some('\n' | '\r') => return Some("a JSON string cannot be continued over lines"),
                _ => return Some("unknown escape sequence"),
            },
            c if (c as u32) < 0x20 => return Some("control character inside string"),
            _ => {}
        }
    }
    None
}
