use bc_syntax::{KeywordKind, excerpt};

use crate::rules::documentation_placeholder::placeholders_in;
use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `COPY` has exactly two arguments, a source (URL or path on the build
    /// instance) and a destination directory. It also catches Dockerfile options such as
    /// `--chown`, which Image Builder's `COPY` does not take. (`COPY` with no argument at all is
    /// BC003.)
    ///
    /// ## Why is this bad?
    /// The documented forms are `COPY <url> <directory>` and `COPY <path> <directory>`. With one
    /// argument there is nowhere to copy to; with more, or with options, the command does not
    /// match either form. The service rejects such commands with `InvalidCommandContent.COPY`.
    ///
    /// ## Example
    /// ```buildcontent
    /// COPY https://example.com/app.tar.gz
    /// COPY a.conf b.conf /etc/app/
    /// COPY --chown=app:app app.conf /etc/app/
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COPY https://example.com/app.tar.gz /opt/app/
    /// COPY a.conf /etc/app/
    /// COPY b.conf /etc/app/
    /// COPY app.conf /etc/app/
    /// RUN chown app:app /etc/app/app.conf
    /// ```
    pub static RULE = {
        code: "BC107",
        name: "copy-missing-destination",
        severity: Error,
        api_error: Some("InvalidCommandContent.COPY"),
        fix: None,
    }
}

const NOTE: &str = "`COPY` takes a source and a destination directory; the service rejects other forms with `InvalidCommandContent.COPY`";

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Copy) {
        let args = command.args();
        if let Some(option) = args
            .iter()
            .find(|word| checker.text(word.span).starts_with("--"))
        {
            let text = checker.text(option.span);
            let name = text.split_once('=').map_or(text, |(name, _)| name);
            checker
                .report(&RULE, option.span, format!("`COPY` does not support the option `{name}`", name = excerpt(name)))
                .note("Image Builder's `COPY` has no options; Dockerfile options such as `--chown` and `--from` are not supported")
                .help(if name == "--chown" {
                    "copy the file, then change its owner with `RUN chown`"
                } else {
                    "remove the option"
                });
            continue;
        }
        // A placeholder with spaces (`COPY <file name> /tmp/`) is one documentation
        // placeholder, which BC308 reports, not extra arguments.
        let split_placeholder = placeholders_in(checker.source, command).any(|found| {
            let words = args.iter().filter(|word| word.span.overlaps(found));
            words.count() > 1
        });
        match args.len() {
            _ if split_placeholder => {}
            0 | 2 => {}
            1 => {
                let source = checker.text(args[0].span);
                checker
                    .report(
                        &RULE,
                        args[0].span,
                        format!(
                            "`COPY {source}` has no destination",
                            source = excerpt(source)
                        ),
                    )
                    .note(NOTE)
                    .help("add the destination directory, e.g. `/opt/app/`");
            }
            n => {
                let extra = args[2].span.cover(args[n - 1].span);
                checker
                    .report(
                        &RULE,
                        extra,
                        format!("`COPY` takes a source and a destination, but has {n} arguments"),
                    )
                    .note(NOTE)
                    .help("copy one file per `COPY` command");
            }
        }
    }
}
