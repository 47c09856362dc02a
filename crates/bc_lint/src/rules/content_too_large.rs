use bc_syntax::{MAX_CONTENT_BYTES, render_command, wire_len_bound};

use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the wire form of the file, the exact text `bclint submit` sends, is at most
    /// 16,384 bytes of UTF-8. Comments and blank lines are not sent, so they do not count; every
    /// byte of a command does, including continuation lines and multi-byte characters.
    ///
    /// ## Why is this bad?
    /// The service rejects larger content with `InvalidBuildContent.LengthExceeded` (and
    /// `InvalidContent.LengthExceeded` for components).
    ///
    /// ## Example
    /// A template whose commands render to 17,000 bytes.
    ///
    /// ## Use instead
    /// Move groups of commands into image components and reference them with `COMPONENT`, or
    /// download a script with `COPY` and run it.
    pub static RULE = {
        code: "BC101",
        name: "content-too-large",
        severity: Error,
        api_error: Some("InvalidBuildContent.LengthExceeded"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    // Most templates are well below the limit; the bound proves it without rendering.
    if wire_len_bound(checker.parse) <= MAX_CONTENT_BYTES {
        return;
    }
    let size = checker.wire_form().len();
    if size <= MAX_CONTENT_BYTES {
        return;
    }
    // Point at the command that crosses the limit: everything from there on does not fit.
    let mut total = 0;
    let mut crossing = None;
    for command in checker.commands() {
        total += render_command(command).len();
        if total > MAX_CONTENT_BYTES {
            crossing = Some(command);
            break;
        }
    }
    let Some(command) = crossing else { return };
    checker
        .report(
            &RULE,
            command.keyword.span,
            format!(
                "the wire form is {} bytes; the limit is {} bytes (16 KB)",
                group_digits(size),
                group_digits(MAX_CONTENT_BYTES)
            ),
        )
        .note(format!(
            "the content reaches the limit at this command; {} bytes must go",
            group_digits(size - MAX_CONTENT_BYTES)
        ))
        .help(
            "move commands into image components and use `COMPONENT`, or download and run a script",
        );
}

/// `17234` → `17,234`.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
