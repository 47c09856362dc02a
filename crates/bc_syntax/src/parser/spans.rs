//! Span trimming the command parser and the line parser share.

use crate::Span;
use crate::lexer::Token;

/// The span of a word-part token without the blanks it took along (see the lexer). An
/// unterminated string runs to the end of its line, so its blanks are its own.
#[inline]
pub(crate) fn word_part_span(text: &str, token: Token, span: Span) -> Span {
    // Most tokens end in a word character: their last byte settles it.
    if !matches!(text.as_bytes()[span.end - 1], b' ' | b'\t')
        || matches!(token, Token::UnterminatedDouble | Token::UnterminatedSingle)
    {
        return span;
    }
    let bytes = &text.as_bytes()[span.start..span.end];
    let kept = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    Span::new(span.start, span.start + kept)
}

/// Trims line terminators (and a continuation's backslash, for error lines) off a span's end.
pub(crate) fn trim_terminator(text: &str, span: Span) -> Span {
    let trimmed = span.text(text).trim_end_matches(['\r', '\n']);
    Span::new(span.start, span.start + trimmed.len())
}
