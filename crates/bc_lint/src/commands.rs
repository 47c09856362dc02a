//! Documentation of every template command: syntax, meaning, limits, and a completion snippet.
//!
//! The one table of command docs, shared by the language server (hover, completion) and the CLI.
//! Pure data (the facts come from the Image Builder reference, §2.3).
//!
//! ```
//! use bc_lint::commands::{COMMAND_DOCS, find, find_by_name};
//! use bc_syntax::KeywordKind;
//! assert_eq!(COMMAND_DOCS.len(), KeywordKind::KNOWN.len());
//! assert_eq!(find(KeywordKind::Run).unwrap().syntax, "RUN <command>");
//! assert_eq!(find_by_name("workdir").unwrap().kind, KeywordKind::Workdir);
//! assert!(find_by_name("BOGUS").is_none());
//! ```

use bc_syntax::KeywordKind;

/// The documentation of one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandDoc {
    /// The keyword.
    pub kind: KeywordKind,
    /// One-line summary.
    pub summary: &'static str,
    /// Syntax forms, one per line.
    pub syntax: &'static str,
    /// Meaning, limits and caveats, as Markdown.
    pub details: &'static str,
    /// An LSP snippet inserted by completion (after the keyword).
    pub snippet: &'static str,
}

/// Every known command, in the order of the reference.
pub static COMMAND_DOCS: &[CommandDoc] = &[
    CommandDoc {
        kind: KeywordKind::Component,
        summary: "Runs an image component (templates only).",
        syntax: "COMPONENT ic-<id> [--<param> <value>]…\nCOMPONENT acs:ecs:<region>:<account>:imagecomponent/<name>/<major>.<minor>.<patch>",
        details: "Brings in a system or custom component, in YAML or Dockerfile format. `--name value` pairs fill the YAML component's `Parameters`; a parameter without `DefaultValue` must be passed. Any version part may be `*` (the latest matching version). Not allowed inside a component (`InvalidCommand.Component`); an unknown component fails with `ImageComponent.NotFound`.",
        snippet: "COMPONENT ${1:ic-}",
    },
    CommandDoc {
        kind: KeywordKind::Restart,
        summary: "Restarts the intermediate instance.",
        syntax: "RESTART",
        details: "Alone on its line: any text after it is rejected (`NotEmptyCommandContent.RESTART`). The YAML counterpart is the `Reboot` action.",
        snippet: "RESTART",
    },
    CommandDoc {
        kind: KeywordKind::Run,
        summary: "Runs a shell command during the build.",
        syntax: "RUN <command>",
        details: "Shell form only; continue long commands with a trailing `\\`. Package installs need `-y`, or the build waits for input until it times out. Errors: `InvalidCommandContent.RUN`, `EmptyCommandContent.RUN`.",
        snippet: "RUN ${1:command}",
    },
    CommandDoc {
        kind: KeywordKind::Env,
        summary: "Sets environment variables for later commands.",
        syntax: "ENV <key> <value>\nENV <key1>=\"<value1>\" <key2>=\"<value2>\"",
        details: "In the `key=value` form each value must be double-quoted. Never put secrets here: templates are stored in the cloud. Errors: `InvalidCommandContent.ENV`, `EmptyCommandContent.ENV`.",
        snippet: "ENV ${1:KEY}=\"${2:value}\"",
    },
    CommandDoc {
        kind: KeywordKind::Workdir,
        summary: "Sets the working directory of later commands.",
        syntax: "WORKDIR /<path>",
        details: "Prefer absolute paths. Errors: `InvalidCommandContent.WORKDIR`, `EmptyCommandContent.WORKDIR`.",
        snippet: "WORKDIR ${1:/opt/app}",
    },
    CommandDoc {
        kind: KeywordKind::Copy,
        summary: "Downloads a URL, or copies a file on the instance, to a directory.",
        syntax: "COPY <URL> <destination directory>\nCOPY <local source path> <destination directory>",
        details: "URLs are fetched with `wget`: query strings (`?…`, presigned URLs) are not supported, and the instance needs Internet access (`internet_max_bandwidth_out` > 0 or a vSwitch with NAT). For OSS, use a YAML component with `OSSDownload`. Errors: `InvalidCommandContent.COPY`, `EmptyCommandContent.COPY`.",
        snippet: "COPY ${1:https://example.com/file.tar.gz} ${2:/opt/app}",
    },
    CommandDoc {
        kind: KeywordKind::User,
        summary: "Sets the user that runs later commands.",
        syntax: "USER <username>",
        details: "The user must already exist, or the command fails when it runs. Errors: `InvalidCommandContent.USER`, `EmptyCommandContent.USER`.",
        snippet: "USER ${1:root}",
    },
    CommandDoc {
        kind: KeywordKind::Label,
        summary: "Adds metadata to the template.",
        syntax: "LABEL <key>=\"<value>\" …",
        details: "Pairs of `key=\"value\"`, continued with `\\` if needed. Error: `EmptyCommandContent.LABEL`.",
        snippet: "LABEL ${1:key}=\"${2:value}\"",
    },
    CommandDoc {
        kind: KeywordKind::Cmd,
        summary: "A command run when the system starts.",
        syntax: "CMD [\"<executable>\", \"<param>\"…]\nCMD <command> <param>…",
        details: "The exec form must be a JSON array of strings. How the service runs it at boot is not documented. Errors: `InvalidCommandContent.CMD`, `EmptyCommandContent.CMD`.",
        snippet: "CMD [\"${1:executable}\"]",
    },
    CommandDoc {
        kind: KeywordKind::Entrypoint,
        summary: "An entry point run when the system starts.",
        syntax: "ENTRYPOINT [\"<executable>\", \"<param>\"…]\nENTRYPOINT <command> <param>…",
        details: "As `CMD`; the exec form must be a JSON array of strings. Errors: `InvalidCommandContent.ENTRYPOINT`, `EmptyCommandContent.ENTRYPOINT`.",
        snippet: "ENTRYPOINT [\"${1:executable}\"]",
    },
    CommandDoc {
        kind: KeywordKind::From,
        summary: "Deprecated: ignored in templates, rejected in components.",
        syntax: "FROM IMAGE:<image id>",
        details: "The service builds from the pipeline's `base_image_type` and `base_image` whatever `FROM` says. A second `FROM` or one that is not first is rejected (`DuplicatedCommand.FROM`, `InvalidCommandOrder.FROM`); in a component it is `NotSupportedCommand.FROM`.",
        snippet: "FROM IMAGE:${1:m-}",
    },
];

/// The documentation of a keyword, if it is a known command.
pub fn find(kind: KeywordKind) -> Option<&'static CommandDoc> {
    COMMAND_DOCS.iter().find(|doc| doc.kind == kind)
}

/// The documentation of a command by name, case-insensitively (`"run"`, `"RUN"`).
pub fn find_by_name(name: &str) -> Option<&'static CommandDoc> {
    find(KeywordKind::from_text(name.trim()))
}

impl CommandDoc {
    /// The keyword's canonical spelling (`RUN`).
    pub fn name(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The documentation as Markdown: name and summary, the syntax in a code block, the details.
    pub fn markdown(&self) -> String {
        format!(
            "**{}** — {}\n\n```buildcontent\n{}\n```\n\n{}",
            self.kind.as_str(),
            self.summary,
            self.syntax,
            self.details
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_documented_once() {
        for kind in KeywordKind::KNOWN {
            assert_eq!(
                COMMAND_DOCS.iter().filter(|doc| doc.kind == kind).count(),
                1,
                "{kind:?}"
            );
            assert!(find(kind).unwrap().snippet.starts_with(kind.as_str()));
            assert_eq!(find_by_name(&kind.as_str().to_lowercase()), find(kind));
        }
        assert!(find(KeywordKind::Unknown).is_none());
    }
}
