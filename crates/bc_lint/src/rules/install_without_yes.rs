use bc_syntax::{KeywordKind, Span};

use crate::checker::contains_ignore_case;
use crate::shell::{
    Sep, Token, has, program_index, program_name, simple_commands, without_openers,
};
use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `RUN` for package-manager commands that ask for confirmation and are not told to
    /// answer it: `yum`/`dnf` `install`, `update`, `upgrade`, `remove`, `group install`, …,
    /// `apt-get`/`apt` `install`, `upgrade`, `dist-upgrade`, `remove`, `purge`, …, and `zypper`
    /// `install`, `update`, `remove`, `patch`, `dist-upgrade`. Every command of the line is
    /// checked: commands joined with `&&`, `||`, `;` and `|` and continued over several lines.
    ///
    /// The answer may be given as `-y`, `--yes`, `--assumeyes`, `--assume-yes`, in a group of
    /// short options such as `-qy`, anywhere in the command, or through an option setting
    /// assume-yes (`-o APT::Get::Assume-Yes=true`, `--setopt=assumeyes=1`). For `zypper`,
    /// `-n`/`--non-interactive` before the subcommand or `-y`/`--no-confirm` after it. Commands
    /// that read from a pipe (`yes | yum install …`) are not reported.
    ///
    /// ## Why is this bad?
    /// The build runs without a terminal. The package manager stops at "Is this ok [y/N]" or
    /// "Do you want to continue? [Y/n]" with nobody to answer: it aborts or waits, and the build
    /// fails or hangs until it times out.
    ///
    /// ## Example
    /// ```buildcontent
    /// RUN yum install nginx && \
    ///     apt-get update && apt-get install curl
    /// RUN zypper install vim
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// RUN yum install -y nginx && \
    ///     apt-get update && apt-get install -y curl
    /// RUN zypper -n install vim
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts ` -y` after the subcommand (for `zypper`, ` -n` after `zypper`, which
    /// makes the whole run non-interactive). It is safe: it answers the prompt the way anyone
    /// running the command by hand would, and changes nothing about what gets installed.
    pub static RULE = {
        code: "BC303",
        name: "install-without-yes",
        severity: Warning,
        api_error: None,
        fix: Always,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Yum,
    Apt,
    Zypper,
}

struct Finding<'s> {
    span: Span,
    program: &'s str,
    subcommand: &'s str,
    group: Option<&'s str>,
    insert_at: usize,
    zypper: bool,
}

pub fn check(checker: &mut Checker<'_>) {
    let source = checker.source;
    let mut buffer = Vec::new();
    for command in checker.commands_of(KeywordKind::Run) {
        if !command
            .args()
            .iter()
            .any(|word| names_tool(word.text(source)))
        {
            continue;
        }
        simple_commands(source, command.args(), &mut buffer, |sep, tokens| {
            let Some(finding) = analyze(sep, tokens) else {
                return;
            };
            let Finding {
                span,
                program,
                subcommand,
                group,
                insert_at,
                zypper,
            } = finding;
            let (flag, after) = if zypper {
                ("-n", program)
            } else {
                ("-y", subcommand)
            };
            let (group, group_space) = group.map_or(("", ""), |group| (group, " "));
            // `concat` rather than `format!`: this runs for every such command in a file,
            // suppressed ones included, and the formatting machinery cost more than the check.
            checker
                .report(&RULE, span, ["`", program, " ", group, group_space, subcommand, "` runs without `", flag, "`"].concat())
                .note("the build has no terminal, so the confirmation prompt gets no answer: the command aborts or waits, and the build fails")
                .fix(Fix::safe(["Add `", flag, "` after `", after, "`"].concat(), vec![Edit::insert(insert_at, if zypper { " -n" } else { " -y" })]));
        });
    }
}

fn analyze<'s>(sep: Sep, tokens: &[Token<'s>]) -> Option<Finding<'s>> {
    if sep == Sep::Pipe {
        return None;
    }
    let index = program_index(tokens)?;
    let program = program_name(&tokens[index]);
    let tool = match program {
        "yum" | "dnf" => Tool::Yum,
        "apt-get" | "apt" => Tool::Apt,
        "zypper" => Tool::Zypper,
        _ => return None,
    };
    let mut subcommand: Option<&Token<'s>> = None;
    let mut group: Option<&'s str> = None;
    let mut skip_value = false;
    for token in &tokens[index + 1..] {
        let text = token.text;
        if std::mem::take(&mut skip_value) {
            // The value of `-o`/`--setopt`, which may itself set assume-yes.
            if sets_assume_yes(text) {
                return None;
            }
            continue;
        }
        if text.starts_with('-') {
            if answers_yes(tool, text, subcommand.is_none()) {
                return None;
            }
            skip_value = takes_value(tool, text);
            continue;
        }
        if subcommand.is_some() {
            continue;
        }
        if tool == Tool::Yum && group.is_none() && matches!(text, "group" | "groups" | "module") {
            group = Some(text);
            continue;
        }
        let prompts = if group.is_some() {
            matches!(
                text,
                "install"
                    | "update"
                    | "upgrade"
                    | "remove"
                    | "erase"
                    | "enable"
                    | "disable"
                    | "reset"
                    | "switch-to"
            )
        } else {
            prompts(tool, text)
        };
        if !prompts {
            return None;
        }
        subcommand = Some(token);
    }
    let subcommand = subcommand?;
    let start = tokens[index].span.start
        + (tokens[index].text.len() - without_openers(tokens[index].text).len());
    Some(Finding {
        span: Span::new(start, subcommand.span.end),
        program,
        subcommand: subcommand.text,
        group,
        insert_at: if tool == Tool::Zypper {
            tokens[index].span.end
        } else {
            subcommand.span.end
        },
        zypper: tool == Tool::Zypper,
    })
}

/// A cheap filter: whether a word may contain a package manager this rule knows.
fn names_tool(word: &str) -> bool {
    has(word, b"yum") || has(word, b"dnf") || has(word, b"apt") || has(word, b"zypper")
}

fn prompts(tool: Tool, subcommand: &str) -> bool {
    match tool {
        Tool::Yum => matches!(
            subcommand,
            "install"
                | "update"
                | "upgrade"
                | "remove"
                | "erase"
                | "reinstall"
                | "downgrade"
                | "groupinstall"
                | "groupupdate"
                | "groupremove"
                | "localinstall"
                | "localupdate"
                | "autoremove"
                | "distro-sync"
                | "swap"
                | "update-minimal"
                | "upgrade-minimal"
        ),
        Tool::Apt => matches!(
            subcommand,
            "install"
                | "upgrade"
                | "dist-upgrade"
                | "full-upgrade"
                | "remove"
                | "purge"
                | "autoremove"
                | "autopurge"
                | "build-dep"
                | "reinstall"
        ),
        Tool::Zypper => matches!(
            subcommand,
            "install"
                | "in"
                | "update"
                | "up"
                | "remove"
                | "rm"
                | "patch"
                | "dist-upgrade"
                | "dup"
                | "source-install"
                | "si"
        ),
    }
}

fn answers_yes(tool: Tool, option: &str, before_subcommand: bool) -> bool {
    if sets_assume_yes(option) {
        return true;
    }
    if tool == Tool::Zypper && matches!(option, "--non-interactive" | "--no-confirm") {
        return true;
    }
    let Some(cluster) = option
        .strip_prefix('-')
        .filter(|rest| !rest.starts_with('-'))
    else {
        return false;
    };
    let letters = cluster.bytes().take_while(u8::is_ascii_alphabetic);
    let mut found = false;
    for b in letters {
        found |= b == b'y' || (tool == Tool::Zypper && before_subcommand && b == b'n');
    }
    found
}

fn takes_value(tool: Tool, option: &str) -> bool {
    match tool {
        Tool::Apt => matches!(
            option,
            "-o" | "-c" | "-t" | "--option" | "--config-file" | "--target-release"
        ),
        Tool::Yum => matches!(
            option,
            "-c" | "-d"
                | "-e"
                | "-R"
                | "-x"
                | "--config"
                | "--installroot"
                | "--releasever"
                | "--enablerepo"
                | "--disablerepo"
                | "--setopt"
                | "--exclude"
                | "--repo"
                | "--repoid"
        ),
        Tool::Zypper => matches!(
            option,
            "-c" | "-R" | "-r" | "-t" | "--config" | "--root" | "--repo" | "--type"
        ),
    }
}

/// `--yes`, `--assumeyes`, `--assume-yes`, or an option value such as
/// `APT::Get::Assume-Yes=true` or `assumeyes=1`.
fn sets_assume_yes(text: &str) -> bool {
    text == "--yes"
        || contains_ignore_case(text, "assumeyes")
        || contains_ignore_case(text, "assume-yes")
}
