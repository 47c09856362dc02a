use bc_syntax::{KeywordKind, Span};

use crate::shell::{Sep, Token, has, program_index, program_name, simple_commands};
use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `RUN` for scripts downloaded and run in one go: `curl … | sh`, `wget -O- … | bash`
    /// (also through `sudo`, and with other commands between them in the pipeline),
    /// `bash <(curl …)` and `sh -c "$(curl …)"`. The shells recognised are `sh`, `bash`, `zsh`,
    /// `dash`, `ksh` and `ash`.
    ///
    /// ## Why is this bad?
    /// The script runs as root on the build instance without being checked: a compromised or
    /// hijacked server, or a download cut off halfway, runs arbitrary or half-written code, and
    /// the result is baked into every instance started from the image. The script can also
    /// change at any time, so the build is not reproducible.
    ///
    /// ## Example
    /// ```buildcontent
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && \
    ///     echo "<sha256>  /tmp/install.sh" | sha256sum -c - && \
    ///     sh /tmp/install.sh
    /// ```
    pub static RULE = {
        code: "BC403",
        name: "curl-pipe-shell",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

const NOTE: &str =
    "the script runs unchecked as root, and whatever the server sends ends up in the image";
const HELP: &str =
    "download the script to a file, verify its checksum (`sha256sum -c`), then run it";

pub fn check(checker: &mut Checker<'_>) {
    let source = checker.source;
    let mut buffer = Vec::new();
    for command in checker.commands_of(KeywordKind::Run) {
        let downloads = |word: &bc_syntax::Word| {
            let text = word.text(source);
            has(text, b"curl") || has(text, b"wget")
        };
        if !command.args().iter().any(downloads) {
            continue;
        }
        let mut download: Option<(Span, &str)> = None;
        simple_commands(source, command.args(), &mut buffer, |sep, tokens| {
            if sep != Sep::Pipe {
                download = None;
            }
            let Some(index) = program_index(tokens) else {
                return;
            };
            let program = program_name(&tokens[index]);
            let rest = &tokens[index + 1..];
            if program == "curl" || (program == "wget" && wget_to_stdout(rest)) {
                download.get_or_insert((tokens[index].span, program));
                return;
            }
            if !is_shell(program) {
                return;
            }
            if let (Sep::Pipe, Some((start, downloader))) = (sep, download)
                && !rest.iter().any(|token| token.text == "-c")
            {
                checker
                    .report(
                        &RULE,
                        start.cover(tokens[index].span),
                        format!(
                            "a script downloaded with `{downloader}` is piped into `{program}`"
                        ),
                    )
                    .note(NOTE)
                    .help(HELP);
                return;
            }
            if let Some(downloader) = rest.iter().find_map(substituted_download) {
                let span = tokens[index].span.cover(tokens[tokens.len() - 1].span);
                checker
                    .report(
                        &RULE,
                        span,
                        format!("`{program}` runs a script downloaded with `{downloader}`"),
                    )
                    .note(NOTE)
                    .help(HELP);
            }
        });
    }
}

fn is_shell(program: &str) -> bool {
    matches!(program, "sh" | "bash" | "zsh" | "dash" | "ksh" | "ash")
}

/// Whether `wget` writes the download to standard output (`-O-`, `-qO-`, `-O -`,
/// `--output-document=-`).
fn wget_to_stdout(options: &[Token<'_>]) -> bool {
    options.iter().enumerate().any(|(i, token)| {
        let text = token.text;
        let short = text.starts_with('-') && !text.starts_with("--");
        (short && text.ends_with("O-"))
            || text == "--output-document=-"
            || ((short && text.ends_with('O')) || text == "--output-document")
                && options.get(i + 1).is_some_and(|next| next.text == "-")
    })
}

/// `curl`/`wget` when a token is `<(curl …`, `$(curl …` or `` `curl … ``.
fn substituted_download<'s>(token: &Token<'s>) -> Option<&'s str> {
    let text = token.text.trim_start_matches(['"', '\'']);
    let inner = text
        .strip_prefix("<(")
        .or_else(|| text.strip_prefix("$("))
        .or_else(|| text.strip_prefix('`'))?;
    ["curl", "wget"].into_iter().find(|tool| {
        inner
            .strip_prefix(tool)
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', ')']))
    })
}
