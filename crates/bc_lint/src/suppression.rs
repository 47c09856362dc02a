//! Suppression comments: `# bclint: ignore=BC301,BC303 -- reason` silences the named rules on the
//! next command; `# bclint: ignore-file=BC301` silences them in the whole file.

use bc_syntax::{Item, Parse, Span, excerpt};

use crate::rules::invalid_suppression::RULE as INVALID_SUPPRESSION;
use crate::{Config, Diagnostic, Edit, Fix};

/// One `# bclint:` comment.
#[derive(Debug)]
pub struct Directive<'s> {
    /// The whole comment.
    pub comment: Span,
    /// Whether it is `ignore-file`.
    pub file_wide: bool,
    /// The codes as written, with their spans.
    pub codes: Vec<(&'s str, Span)>,
    /// The command it applies to (for `ignore`), if one follows.
    pub target: Option<Span>,
}

/// What a comment's text says, if it is meant as a directive.
enum Parsed<'s> {
    NotADirective,
    Malformed(&'static str),
    Directive {
        file_wide: bool,
        codes: Vec<(&'s str, Span)>,
    },
}

/// Finds every directive in a template, in order: an `ignore=` directive applies to the command
/// after it.
pub fn directives(parse: &Parse) -> (Vec<Directive<'_>>, Vec<(Span, &'static str)>) {
    let items = parse.items();
    let comments = items.iter().enumerate().filter_map(|(i, item)| {
        let Item::Comment(comment) = item else {
            return None;
        };
        let target = items[i + 1..].iter().find_map(|item| match item {
            Item::Command(command) => Some(command.span),
            Item::Comment(_) | Item::Blank(_) => None,
            Item::Error(span) => Some(*span),
        });
        Some((comment.span, target))
    });
    directives_in(parse.source(), comments)
}

/// Finds the directives among `comments` of any kind of file: each comment's span (starting at
/// its `#`) and the span of what an `ignore=` directive in it applies to. Also returns the
/// comments meant as directives that are malformed, and why.
pub fn directives_in(
    source: &str,
    comments: impl IntoIterator<Item = (Span, Option<Span>)>,
) -> (Vec<Directive<'_>>, Vec<(Span, &'static str)>) {
    let mut found = Vec::new();
    let mut malformed = Vec::new();
    for (comment, target) in comments {
        match parse_directive(source, comment) {
            Parsed::NotADirective => {}
            Parsed::Malformed(why) => malformed.push((comment, why)),
            Parsed::Directive { file_wide, codes } => found.push(Directive {
                comment,
                file_wide,
                codes,
                target,
            }),
        }
    }
    (found, malformed)
}

fn parse_directive(source: &str, span: Span) -> Parsed<'_> {
    let text = span.text(source);
    let body = text[1..].trim_start();
    let Some(rest) = body.strip_prefix("bclint:") else {
        return Parsed::NotADirective;
    };
    let rest_offset = span.start + (text.len() - rest.len());
    let rest_trimmed = rest.trim_start();
    let mut offset = rest_offset + (rest.len() - rest_trimmed.len());
    let (file_wide, list) = if let Some(list) = rest_trimmed.strip_prefix("ignore-file=") {
        offset += "ignore-file=".len();
        (true, list)
    } else if let Some(list) = rest_trimmed.strip_prefix("ignore=") {
        offset += "ignore=".len();
        (false, list)
    } else {
        return Parsed::Malformed(
            "expected `ignore=CODE,…` or `ignore-file=CODE,…` after `bclint:`",
        );
    };
    // The reason starts at `--`. (A byte search: `str::split_once` sets up a substring searcher
    // that costs more than this short scan.)
    let list = match list.as_bytes().windows(2).position(|pair| pair == b"--") {
        Some(reason) => &list[..reason],
        None => list,
    };
    let mut codes = Vec::new();
    let mut start = offset;
    for piece in list.split(',') {
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            codes.push((
                trimmed,
                Span::new(start + lead, start + lead + trimmed.len()),
            ));
        }
        start += piece.len() + 1;
    }
    if codes.is_empty() {
        return Parsed::Malformed("the suppression names no rule code");
    }
    Parsed::Directive { file_wide, codes }
}

/// Removes suppressed findings from a template's and reports unknown codes, unused suppressions
/// and malformed directives as `BC006`.
pub fn apply(parse: &Parse, config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    let (directives, malformed) = directives(parse);
    let is_checked_here =
        |code: &str| crate::rules::find(code).is_some_and(|(rule, _)| config.is_enabled(rule));
    apply_directives(
        parse.source(),
        &directives,
        malformed,
        config,
        &is_checked_here,
        diagnostics,
    );
}

/// Removes the findings `directives` suppress, for any kind of file, and reports unknown codes,
/// unused suppressions and the `malformed` directives as `BC006`. `is_checked_here` tells whether
/// a code's rule runs on this file, so that its silence means the suppression is unused.
pub fn apply_directives(
    source: &str,
    directives: &[Directive<'_>],
    malformed: Vec<(Span, &'static str)>,
    config: &Config,
    is_checked_here: &dyn Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let used = silence(directives, diagnostics);
    let first_code = first_codes(directives);

    if !config.is_enabled(&INVALID_SUPPRESSION) {
        return;
    }
    let mut reports = Vec::new();
    for (span, why) in malformed {
        let mut diagnostic = Diagnostic::new(
            &INVALID_SUPPRESSION,
            span,
            format!("malformed suppression comment: {why}"),
        );
        diagnostic.help("write `# bclint: ignore=BC301 -- reason` above the command");
        reports.push(diagnostic);
    }
    for (d, directive) in directives.iter().enumerate() {
        if !directive.file_wide && directive.target.is_none() {
            let mut diagnostic = Diagnostic::new(
                &INVALID_SUPPRESSION,
                directive.comment,
                "suppression comment is not followed by a command",
            );
            diagnostic.unnecessary();
            reports.push(diagnostic);
            continue;
        }
        for (c, (code, span)) in directive.codes.iter().enumerate() {
            if !config.is_known_code(code) {
                let mut diagnostic = Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    *span,
                    format!(
                        "unknown rule code `{code}` in suppression",
                        code = excerpt(code)
                    ),
                );
                diagnostic.help("run `bclint rule --all` to list the rule codes");
                reports.push(diagnostic);
            } else if !used[first_code[d] + c] && is_checked_here(code) {
                let mut diagnostic = Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    *span,
                    format!("unused suppression: `{code}` reports nothing here"),
                );
                diagnostic
                    .unnecessary()
                    .fix(remove_code(source, directive, c));
                reports.push(diagnostic);
            }
        }
    }
    // A finding about a suppression can itself be silenced with `ignore-file=BC006`.
    let silenced = directives.iter().any(|d| {
        d.file_wide
            && d.codes
                .iter()
                .any(|(code, _)| *code == INVALID_SUPPRESSION.code)
    });
    if !silenced {
        diagnostics.extend(reports);
    }
}

/// Removes the findings a template's `# bclint:` comments suppress, without judging the
/// comments: for findings made outside [`crate::lint`] (the links between a template and the
/// components it calls), after [`crate::lint`] has reported the comments' own problems.
pub fn remove_suppressed(parse: &Parse, diagnostics: &mut Vec<Diagnostic>) {
    let (directives, _) = directives(parse);
    silence(&directives, diagnostics);
}

/// Where each directive's codes start in the flat list of all directives' codes.
fn first_codes(directives: &[Directive<'_>]) -> Vec<usize> {
    directives
        .iter()
        .scan(0, |next, d| {
            let first = *next;
            *next += d.codes.len();
            Some(first)
        })
        .collect()
}

/// Removes the findings `directives` suppress and returns, for each code of each directive (the
/// codes of directive `d` from `first_codes[d]` on), whether it silenced something.
fn silence(directives: &[Directive<'_>], diagnostics: &mut Vec<Diagnostic>) -> Vec<bool> {
    let first_code = first_codes(directives);
    let mut used = vec![false; directives.iter().map(|d| d.codes.len()).sum()];
    // A finding is matched against the file-wide directives and those aimed at the command it
    // starts in. Commands do not overlap, so the directives aimed at that command are the last
    // ones (by command start) whose command starts at or before the finding: a binary search
    // instead of a walk over every directive for every finding.
    let file_wide: Vec<usize> = (0..directives.len())
        .filter(|&d| directives[d].file_wide)
        .collect();
    let mut aimed: Vec<(Span, usize)> = directives
        .iter()
        .enumerate()
        .filter(|(_, directive)| !directive.file_wide)
        .filter_map(|(d, directive)| Some((directive.target?, d)))
        .collect();
    aimed.sort_by_key(|(target, _)| target.start);
    diagnostics.retain(|diagnostic| {
        let at = diagnostic.span.start;
        let before = aimed.partition_point(|(target, _)| target.start <= at);
        let here = aimed[..before]
            .iter()
            .rev()
            .take_while(|(target, _)| target.touches(at))
            .map(|&(_, d)| d);
        let mut suppressed = false;
        for d in file_wide.iter().copied().chain(here) {
            for (c, (code, _)) in directives[d].codes.iter().enumerate() {
                if *code == diagnostic.code {
                    used[first_code[d] + c] = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    used
}

/// Removes code `c` from the directive, or the whole comment line when it is the only code.
fn remove_code(source: &str, directive: &Directive<'_>, c: usize) -> Fix {
    let (code, span) = &directive.codes[c];
    if directive.codes.len() == 1 {
        let line_end = source[directive.comment.end..]
            .find('\n')
            .map_or(source.len(), |i| directive.comment.end + i + 1);
        let line_start = source[..directive.comment.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        return Fix::safe(
            "Remove the unused suppression comment",
            vec![Edit::delete(Span::new(line_start, line_end))],
        );
    }
    // Remove the code together with the comma that separates it from a neighbour.
    let span = if c + 1 < directive.codes.len() {
        Span::new(span.start, directive.codes[c + 1].1.start)
    } else {
        Span::new(directive.codes[c - 1].1.end, span.end)
    };
    Fix::safe(
        format!("Remove `{code}` from the suppression"),
        vec![Edit::delete(span)],
    )
}
