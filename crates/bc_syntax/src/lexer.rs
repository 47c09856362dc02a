//! The `logos` lexer.
//!
//! Tokens are deliberately small: words are runs of adjacent non-blank tokens, assembled by the
//! parser, so that `key="value"` and `["a","b"]` keep their structure while `#` inside a word,
//! a backslash inside a path or a stray control byte never derail the line structure.
//!
//! A token that can be part of a word takes the blanks after it along: those blanks end the word,
//! and a third of all tokens were such blanks, each costing the lexer, the grammar and the
//! command builder a step. Only blanks that start a line (indentation, blank lines) are
//! [`Token::Space`] tokens.

use logos::Logos;

use crate::Span;

/// One lexical token. Spans come from [`lex`].
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A line terminator: `\n`, `\r\n` or a lone `\r`.
    #[regex(r"\r\n|\n|\r")]
    Newline,
    /// A backslash that ends a physical line (optionally followed by blanks), joining it to the next.
    #[regex(r"\\[ \t]*(\r\n|\n|\r)")]
    Continuation,
    /// Spaces and tabs at the start of a line (blanks after a word are part of its last token).
    #[regex(r"[ \t]+")]
    Space,
    /// `#`: a comment to the end of the line when it is the first non-blank character of a line,
    /// otherwise an ordinary character of a word (as in `RUN echo a#b`).
    #[token("#", hash)]
    Hash(HashKind),
    /// A double-quoted string; escapes and escaped line breaks are allowed inside.
    #[regex(r#""([^"\\\r\n]|\\[^\r\n]|\\(\r\n|\n|\r))*"[ \t]*"#)]
    DoubleQuoted,
    /// A single-quoted string; an escaped line break continues it.
    #[regex(r"'([^'\\\r\n]|\\[^\r\n]|\\(\r\n|\n|\r))*'[ \t]*")]
    SingleQuoted,
    /// A double quote without its closing quote on the same logical line.
    #[regex(r#""([^"\\\r\n]|\\[^\r\n]|\\(\r\n|\n|\r))*"#, priority = 1)]
    UnterminatedDouble,
    /// A single quote without its closing quote on the same logical line.
    #[regex(r"'([^'\\\r\n]|\\[^\r\n]|\\(\r\n|\n|\r))*", priority = 1)]
    UnterminatedSingle,
    /// `[`
    #[regex(r"\[[ \t]*")]
    LBracket,
    /// `]`
    #[regex(r"\][ \t]*")]
    RBracket,
    /// `,`
    #[regex(r",[ \t]*")]
    Comma,
    /// `=`
    #[regex(r"=[ \t]*")]
    Equals,
    /// A backslash that does not end a line, possibly escaping the next character.
    #[regex(r"\\[^\r\n \t]?[ \t]*")]
    Backslash,
    /// A NUL or other C0 control byte (other than tab and line breaks), or DEL.
    #[regex(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F][ \t]*")]
    Control,
    /// Any other run of characters.
    #[regex(r#"[^ \t\r\n"'\\\[\],=#\x00-\x08\x0B\x0C\x0E-\x1F\x7F]+[ \t]*"#)]
    Text,
}

/// What a `#` turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    /// A comment running to the end of the physical line.
    Comment,
    /// A `#` inside a word.
    Char,
}

impl Token {
    /// Whether the token belongs to a word (as opposed to blanks and line structure).
    pub fn is_word_part(self) -> bool {
        !matches!(
            self,
            Token::Newline | Token::Continuation | Token::Space | Token::Hash(HashKind::Comment)
        )
    }
}

/// Decides whether a `#` starts a comment: only when nothing but blanks precede it on its line.
fn hash(lex: &mut logos::Lexer<'_, Token>) -> HashKind {
    let before = &lex.source()[..lex.span().start];
    let line_start = before
        .bytes()
        .rev()
        .find(|&b| b != b' ' && b != b'\t')
        .is_none_or(|b| b == b'\n' || b == b'\r');
    if !line_start {
        let rest = lex.remainder().as_bytes();
        let blanks = rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        lex.bump(blanks);
        return HashKind::Char;
    }
    let rest = lex.remainder();
    let len = memchr::memchr2(b'\r', b'\n', rest.as_bytes()).unwrap_or(rest.len());
    lex.bump(len);
    HashKind::Comment
}

/// The tokens of a text: their kinds, and the byte offsets where each starts. Tokens are
/// contiguous (the token set covers every byte), so token `i` spans `bounds[i]..bounds[i + 1]`.
pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    pub(crate) bounds: Vec<usize>,
}

impl Lexed {
    /// The byte span of token `i`.
    #[inline]
    pub(crate) fn span(&self, i: usize) -> Span {
        Span::new(self.bounds[i], self.bounds[i + 1])
    }
}

/// Lexes `text[offset..]` into tokens whose spans are offsets into `text`.
///
/// The token set covers every character, so lexing cannot fail; stray bytes become
/// [`Token::Control`] or [`Token::Text`] and are judged by the parser.
pub(crate) fn lex_all(text: &str, offset: usize) -> Lexed {
    // Templates average a token every six or seven bytes, dense ones (exec forms, `k="v"`
    // pairs) every three or four: reserving one per four bytes rarely grows (and copies) both
    // vectors halfway through a file.
    let estimate = (text.len() - offset) / 4 + 4;
    let mut tokens = Vec::with_capacity(estimate);
    let mut bounds = Vec::with_capacity(estimate + 1);
    let mut lexer = Token::lexer(&text[offset..]);
    while let Some(result) = lexer.next() {
        // Every byte is covered by some pattern; should logos still refuse one, keep it as text.
        tokens.push(result.unwrap_or(Token::Text));
        bounds.push(lexer.span().start + offset);
    }
    bounds.push(text.len());
    Lexed { tokens, bounds }
}

/// Lexes `text`, whose first byte is at `offset` in the source, into tokens with absolute spans.
#[cfg(test)]
pub fn lex(text: &str, offset: usize) -> Vec<(Token, Span)> {
    let mut out = Vec::new();
    let mut lexer = Token::lexer(text);
    while let Some(result) = lexer.next() {
        let range = lexer.span();
        out.push((
            result.unwrap_or(Token::Text),
            Span::new(range.start + offset, range.end + offset),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        lex(text, 0).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn comment_only_at_line_start() {
        assert_eq!(
            kinds("# hi 'x\n"),
            vec![Token::Hash(HashKind::Comment), Token::Newline]
        );
        assert_eq!(
            kinds("RUN a#b"),
            vec![
                Token::Text,
                Token::Text,
                Token::Hash(HashKind::Char),
                Token::Text
            ]
        );
        assert_eq!(
            kinds("  # c \\\nX"),
            vec![
                Token::Space,
                Token::Hash(HashKind::Comment),
                Token::Newline,
                Token::Text
            ]
        );
    }

    #[test]
    fn continuation_and_backslashes() {
        assert_eq!(
            kinds("a \\  \r\nb"),
            vec![Token::Text, Token::Continuation, Token::Text]
        );
        assert_eq!(
            kinds(r"C:\dir"),
            vec![Token::Text, Token::Backslash, Token::Text]
        );
        assert_eq!(kinds("a\\"), vec![Token::Text, Token::Backslash]);
    }

    #[test]
    fn strings() {
        assert_eq!(kinds(r#""a \" b""#), vec![Token::DoubleQuoted]);
        assert_eq!(
            kinds("\"open\nX"),
            vec![Token::UnterminatedDouble, Token::Newline, Token::Text]
        );
        assert_eq!(
            kinds("'it''s'"),
            vec![Token::SingleQuoted, Token::SingleQuoted]
        );
        assert_eq!(kinds("\"a\\\nb\""), vec![Token::DoubleQuoted]);
    }

    #[test]
    fn blanks_after_a_word_part_belong_to_it_and_indentation_is_space() {
        let tokens = lex("RUN  a=\"b\"\t# c \\\n  [ x ]\\ \n", 0);
        let pieces: Vec<(Token, &str)> = tokens
            .iter()
            .map(|&(token, span)| (token, span.text("RUN  a=\"b\"\t# c \\\n  [ x ]\\ \n")))
            .collect();
        assert_eq!(
            pieces,
            [
                (Token::Text, "RUN  "),
                (Token::Text, "a"),
                (Token::Equals, "="),
                (Token::DoubleQuoted, "\"b\"\t"),
                (Token::Hash(HashKind::Char), "# "),
                (Token::Text, "c "),
                (Token::Continuation, "\\\n"),
                (Token::Space, "  "),
                (Token::LBracket, "[ "),
                (Token::Text, "x "),
                (Token::RBracket, "]"),
                (Token::Continuation, "\\ \n"),
            ]
        );
        // An unterminated string runs to the end of its line, blanks and all.
        assert_eq!(
            kinds("\"a  \n"),
            [Token::UnterminatedDouble, Token::Newline]
        );
    }

    #[test]
    fn control_bytes() {
        assert_eq!(
            kinds("a\0b"),
            vec![Token::Text, Token::Control, Token::Text]
        );
    }
}
