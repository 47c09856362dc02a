use bc_syntax::{KeywordKind, excerpt};

use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for command keywords Image Builder does not support. Dockerfile keywords that have
    /// no Image Builder equivalent (`ADD`, `ARG`, `EXPOSE`, `VOLUME`, `SHELL`, `HEALTHCHECK`,
    /// `ONBUILD`, `STOPSIGNAL`, `MAINTAINER`) get a specific explanation; likely typos get a
    /// "did you mean" suggestion.
    ///
    /// ## Why is this bad?
    /// The service rejects the whole template with `InvalidImageTemplateCommand.NotSupported`.
    /// The supported commands are `COMPONENT` (templates only), `RESTART`, `RUN`, `ENV`,
    /// `WORKDIR`, `COPY`, `USER`, `LABEL`, `CMD`, `ENTRYPOINT` and the deprecated `FROM`.
    ///
    /// ## Example
    /// ```buildcontent
    /// ADD https://example.com/app.tar.gz /opt/app
    /// RNU echo hello
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COPY https://example.com/app.tar.gz /opt/app
    /// RUN echo hello
    /// ```
    ///
    /// ## Fix safety
    /// Replacing a typo with the keyword it most resembles, or `ADD` with `COPY`, is unsafe: the
    /// intended command may be another one, and `COPY` does not unpack archives as `ADD` does.
    pub static RULE = {
        code: "BC002",
        name: "unknown-command",
        severity: Error,
        api_error: Some("InvalidImageTemplateCommand.NotSupported"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    for command in checker.commands_of(KeywordKind::Unknown) {
        let span = command.keyword.span;
        let word = checker.text(span);
        let upper = word.to_ascii_uppercase();
        if let Some(advice) = dockerfile_advice(&upper) {
            let diagnostic = checker
                .report(
                    &RULE,
                    span,
                    format!(
                        "`{word}` is a Dockerfile instruction that Image Builder does not support",
                        word = excerpt(word)
                    ),
                )
                .help(advice);
            if upper == "ADD" {
                diagnostic.fix(Fix::unsafe_(
                    "Replace `ADD` with `COPY`",
                    vec![Edit::replace(span, "COPY")],
                ));
            }
            continue;
        }
        let suggestion = closest_keyword(&upper);
        let diagnostic = checker
            .report(
                &RULE,
                span,
                format!("unknown command `{word}`", word = excerpt(word)),
            )
            .note("Image Builder rejects templates with commands it does not know");
        match suggestion {
            Some(keyword) => {
                diagnostic
                    .help(format!("did you mean `{keyword}`?"))
                    .fix(Fix::unsafe_(
                        format!("Replace `{word}` with `{keyword}`", word = excerpt(word)),
                        vec![Edit::replace(span, keyword)],
                    ));
            }
            None => {
                diagnostic.help(
                    "supported commands: COMPONENT, RESTART, RUN, ENV, WORKDIR, COPY, USER, LABEL, CMD, ENTRYPOINT",
                );
            }
        }
    }
}

fn dockerfile_advice(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "ADD" => "use `COPY <url-or-path> <directory>`; unpack archives with `RUN tar`",
        "ARG" => "use `ENV` for values later commands need",
        "MAINTAINER" => "use `LABEL maintainer=\"…\"`",
        "EXPOSE" => "open ports in the security group of the instances that use the image",
        "VOLUME" => "attach data disks to the instances that use the image instead",
        "SHELL" => "write `RUN bash -c '…'` to run a command in another shell",
        "HEALTHCHECK" => "monitor instances with CloudMonitor or your own agent instead",
        "ONBUILD" | "STOPSIGNAL" => {
            "Image Builder builds VM images; this container instruction has no meaning there"
        }
        _ => return None,
    })
}

/// The supported keyword within two edits (insertions, deletions, substitutions or swaps of
/// adjacent letters) of `word`, if exactly one is closest.
fn closest_keyword(word: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for kind in KeywordKind::KNOWN {
        let distance = crate::edit_distance(word, kind.as_str());
        if distance <= 2 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, kind.as_str()));
        }
    }
    best.map(|(_, keyword)| keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest_keyword("RNU"), Some("RUN"));
        assert_eq!(closest_keyword("WORKIDR"), Some("WORKDIR"));
        assert_eq!(closest_keyword("ENTRYPONT"), Some("ENTRYPOINT"));
        assert_eq!(closest_keyword("BANANA"), None);
        // A wide space typed inside a keyword is one edit: distances count characters, not bytes.
        assert_eq!(closest_keyword("RU\u{3000}N"), Some("RUN"));
    }
}
