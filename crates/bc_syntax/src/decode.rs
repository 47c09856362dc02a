//! Turning bytes into template text, with a precise error for bytes that are not UTF-8.

use std::fmt;

/// The bytes are not UTF-8; `offset` is the first bad byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of that byte, for messages.
    pub line: usize,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid UTF-8 at byte offset {} (line {})",
            self.offset, self.line
        )
    }
}

impl std::error::Error for DecodeError {}

/// Checks that `bytes` are UTF-8 and returns them as text.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        // Lines end as in `LineIndex`: at `\n`, `\r\n` or a lone `\r`.
        let valid = &bytes[..offset];
        let line = 1 + valid
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && valid.get(i + 1) != Some(&b'\n')))
            .count();
        DecodeError { offset, line }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_like_the_line_index() {
        let bytes = b"RUN a\r\nRUN b\rRUN c\nRUN \xff";
        let error = decode(bytes).unwrap_err();
        assert_eq!(
            error,
            DecodeError {
                offset: 23,
                line: 4
            }
        );
        assert_eq!(decode(b"ok").unwrap(), "ok");
    }
}
