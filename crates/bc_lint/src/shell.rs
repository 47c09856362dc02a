//! Just enough shell to read `RUN` lines: splitting the argument words into simple commands at
//! `;`, `&&`, `||`, `&` and `|`, and finding the program a simple command runs.
//!
//! This is deliberately shallow: quoted strings, `$(…)` and `bash -c '…'` bodies are opaque
//! words, which is what the rules want (they look at what the `RUN` line itself runs).

use bc_syntax::{Span, Word};

/// A piece of a word between shell operators, e.g. `nginx` in `nginx&&`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'s> {
    /// The raw text, quotes included.
    pub text: &'s str,
    /// Where it is in the source.
    pub span: Span,
}

/// What separates a simple command from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// The first simple command of the line.
    Start,
    /// `;`, `&&`, `||` or `&`: the command reads its own standard input.
    List,
    /// `|` or `|&`: the command reads the previous command's output.
    Pipe,
}

/// Splits the words of a `RUN` line into simple commands and calls `each` with the separator
/// before each one and its tokens. `buffer` is reused between calls to avoid allocating.
pub(crate) fn simple_commands<'s>(
    source: &'s str,
    words: &[Word],
    buffer: &mut Vec<Token<'s>>,
    mut each: impl FnMut(Sep, &[Token<'s>]),
) {
    buffer.clear();
    let mut sep = Sep::Start;
    'words: for word in words {
        let raw = word.text(source);
        let bytes = raw.as_bytes();
        if bytes.first() == Some(&b'#') {
            // A shell comment: the rest of the logical line is not code.
            break 'words;
        }
        if !bytes.iter().any(|&b| SPECIAL[usize::from(b)]) {
            buffer.push(Token {
                text: raw,
                span: word.span,
            });
            continue;
        }
        let mut piece_start = 0;
        let mut quote = 0u8;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match (quote, b) {
                (0, b'\'' | b'"') => quote = b,
                (0, b'\\') | (b'"', b'\\') => i += 1,
                (q, _) if q != 0 && b == q => quote = 0,
                (0, b';' | b'|' | b'&') if !is_redirect_amp(bytes, i) => {
                    if piece_start < i {
                        buffer.push(token(raw, word.span.start, piece_start, i));
                    }
                    let op_start = i;
                    while i < bytes.len()
                        && matches!(bytes[i], b';' | b'|' | b'&')
                        && !is_redirect_amp(bytes, i)
                    {
                        i += 1;
                    }
                    if !buffer.is_empty() {
                        each(sep, buffer);
                        buffer.clear();
                    }
                    sep = match &raw[op_start..i] {
                        "|" | "|&" => Sep::Pipe,
                        _ => Sep::List,
                    };
                    piece_start = i;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        if piece_start < bytes.len() {
            buffer.push(token(raw, word.span.start, piece_start, bytes.len()));
        }
    }
    if !buffer.is_empty() {
        each(sep, buffer);
        buffer.clear();
    }
}

/// The bytes that make a word more than a plain token: operators, quotes and escapes. A table,
/// because this test runs on every byte of every `RUN` line.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(i as u8, b';' | b'|' | b'&' | b'\'' | b'"' | b'\\');
        i += 1;
    }
    table
};

/// Whether the `&` at `i` belongs to a redirection (`2>&1`, `<&3`, `&>file`) rather than
/// separating commands.
fn is_redirect_amp(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'&'
        && ((i > 0 && matches!(bytes[i - 1], b'>' | b'<')) || bytes.get(i + 1) == Some(&b'>'))
}

fn token(raw: &str, base: usize, start: usize, end: usize) -> Token<'_> {
    Token {
        text: &raw[start..end],
        span: Span::new(base + start, base + end),
    }
}

/// The index of the token naming the program a simple command runs, skipping `sudo` and its
/// options, `env`, variable assignments, `time`, `nohup`, `exec`, `command`, `!`, control words
/// (`if`, `then`, `do`, …) and opening `(`/`{`.
pub(crate) fn program_index(tokens: &[Token<'_>]) -> Option<usize> {
    let mut i = 0;
    while i < tokens.len() {
        let text = without_openers(tokens[i].text);
        match text {
            "" | "!" | "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "time"
            | "nohup" | "exec" | "command" => {}
            "sudo" | "env" => {
                // Options; `-u user`/`-g group` take a value.
                while let Some(next) = tokens.get(i + 1) {
                    match next.text {
                        "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-U" | "-r" | "-t" | "-T" => {
                            i += 2;
                        }
                        t if t.starts_with('-') => i += 1,
                        _ => break,
                    }
                }
            }
            _ if is_assignment(text) => {}
            _ => return Some(i),
        }
        i += 1;
    }
    None
}

/// The program's name without directories and the opening `(`/`{`, e.g. `yum` for `/usr/bin/yum`.
pub(crate) fn program_name<'s>(token: &Token<'s>) -> &'s str {
    let text = without_openers(token.text);
    match text.bytes().rposition(|b| b == b'/') {
        Some(slash) => &text[slash + 1..],
        None => text,
    }
}

/// The text without the `(` and `{` that open a subshell or group (`(cd x`, `{ yum`).
pub(crate) fn without_openers(text: &str) -> &str {
    let openers = text.bytes().take_while(|&b| b == b'(' || b == b'{').count();
    &text[openers..]
}

/// Whether `text` is a shell variable assignment such as `DEBIAN_FRONTEND=noninteractive`.
pub(crate) fn is_assignment(text: &str) -> bool {
    text.split_once('=')
        .is_some_and(|(name, _)| is_variable_name(name))
}

/// Whether `needle` occurs in `haystack`; cheaper than `str::contains` for the short words of a
/// command line, which makes it a good pre-filter.
pub(crate) fn has(haystack: &str, needle: &[u8]) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `^[A-Za-z_][A-Za-z0-9_]*$`
pub(crate) fn is_variable_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use bc_syntax::{FileKind, parse};

    use super::*;

    fn split(run: &str) -> Vec<(Sep, Vec<String>)> {
        let parse = parse(run, FileKind::Build);
        let command = parse.commands().next().unwrap();
        let mut out = Vec::new();
        let mut buffer = Vec::new();
        simple_commands(run, command.args(), &mut buffer, |sep, tokens| {
            out.push((sep, tokens.iter().map(|t| t.text.to_owned()).collect()));
        });
        out
    }

    #[test]
    fn splits_at_operators() {
        let got = split("RUN a b&&c; d | e 2>&1 'x;y' \\\n f|g\n");
        let texts: Vec<_> = got.iter().map(|(s, t)| (*s, t.join(" "))).collect();
        assert_eq!(
            texts,
            [
                (Sep::Start, "a b".to_owned()),
                (Sep::List, "c".to_owned()),
                (Sep::List, "d".to_owned()),
                (Sep::Pipe, "e 2>&1 'x;y' f".to_owned()),
                (Sep::Pipe, "g".to_owned()),
            ]
        );
    }

    #[test]
    fn finds_the_program() {
        let parse = parse(
            "RUN sudo -u root DEBIAN_FRONTEND=x /usr/bin/apt-get install\n",
            FileKind::Build,
        );
        let command = parse.commands().next().unwrap();
        let mut buffer = Vec::new();
        let mut found = None;
        simple_commands(parse.source(), command.args(), &mut buffer, |_, tokens| {
            found = program_index(tokens).map(|i| program_name(&tokens[i]).to_owned());
        });
        assert_eq!(found.as_deref(), Some("apt-get"));
        assert!(is_variable_name("_A1") && !is_variable_name("1A") && !is_variable_name(""));
    }
}
