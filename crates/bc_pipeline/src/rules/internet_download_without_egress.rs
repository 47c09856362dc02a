use bc_lint::declare_rule;
use bc_syntax::{CommandRef, KeywordKind, LineIndex, Parse, Span, excerpt};

use crate::Checker;
use crate::model::{TemplateRole, TemplateStatus};

declare_rule! {
    /// ## What it does
    /// Checks for templates that download from the Internet (`COPY http(s)://…`, or `curl` /
    /// `wget` in a `RUN`) while the build instance has no Internet access:
    /// `internet_max_bandwidth_out` is 0 or unset (the default is 0) and no `vswitch_id` is
    /// given. The finding is reported at the template's reference in the manifest; the command
    /// is named in the message and its file and line in the note. URLs on Alibaba Cloud's
    /// internal endpoints (`*-internal.aliyuncs.com`, `mirrors.cloud.aliyuncs.com`), and on
    /// loopback, link-local, metadata (`100.100.100.200`) and private addresses, are reachable
    /// without a public IP and are not reported.
    ///
    /// ## Why is this bad?
    /// Without public bandwidth the build instance cannot reach the Internet, so the download
    /// times out and the build fails after the instance has been created and paid for. With a
    /// `vswitch_id`, the VPC may reach the Internet through a NAT gateway, which bclint cannot
    /// see, so it stays silent. Template-level problems with `COPY` are reported by
    /// `InvalidCommandContent.COPY` and the template rules.
    ///
    /// ## Example
    /// ```toml
    /// build_content = "COPY https://example.com/setup.sh /tmp/"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// build_content = "COPY https://example.com/setup.sh /tmp/"
    /// internet_max_bandwidth_out = 10
    /// ```
    pub static RULE = {
        code: "BC522",
        name: "internet-download-without-egress",
        severity: Warning,
        api_error: Some("InvalidCommandContent.COPY"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if m.vswitch_id.is_some()
        || m.internet_max_bandwidth_out
            .as_ref()
            .is_some_and(|b| b.value > 0)
    {
        return;
    }
    let bandwidth = m.internet_max_bandwidth_out.as_ref().map(|b| b.span);
    for role in [TemplateRole::Build, TemplateRole::Test] {
        let (file, inline) = match role {
            TemplateRole::Build => (&m.build, &m.build_content),
            TemplateRole::Test => (&m.test, &m.test_content),
        };
        let loaded;
        let (parse, shown, at): (&Parse, String, Span) = if let Some(inline) = inline {
            loaded = bc_syntax::parse(&inline.value, role.file_kind());
            (
                &loaded,
                format!("`{role}_content`", role = role.key()),
                inline.span,
            )
        } else if let Some(path) = file
            && let Some(template) = checker.templates.get(role)
            && let TemplateStatus::Loaded { parse } = &template.status
        {
            (
                parse,
                format!("`{}`", excerpt(&template.path_display)),
                path.span,
            )
        } else {
            continue;
        };
        let downloads: Vec<CommandRef<'_>> = parse
            .commands()
            .filter(|c| downloads(parse.source(), *c))
            .collect();
        let Some(first) = downloads.first() else {
            continue;
        };
        let index = LineIndex::new(parse.source());
        let line = index.line_col(first.span.start).line + 1;
        let text = first.logical_args();
        let command = format!("{} {}", first.keyword.kind.as_str(), excerpt(&text));
        let more = match downloads.len() {
            1 => String::new(),
            2 => " and 1 more command".to_owned(),
            n => format!(" and {} more commands", n - 1),
        };
        let path = shown.trim_matches('`');
        let diagnostic = checker.report(
            &RULE,
            at,
            format!("{shown} downloads from the Internet (`{command}`{more}), but the build instance has no Internet access"),
        );
        diagnostic
            .note(format!("{path}:{line}: {command}"))
            .help("set `internet_max_bandwidth_out` to 1–100 (Mbit/s), or a `vswitch_id` whose VPC reaches the Internet through a NAT gateway");
        if let Some(bandwidth) = bandwidth {
            diagnostic.label(bandwidth, "no public bandwidth");
        }
    }
}

/// Whether `command` fetches something from the public Internet.
fn downloads(source: &str, command: CommandRef<'_>) -> bool {
    match command.keyword.kind {
        KeywordKind::Copy => command
            .args()
            .first()
            .is_some_and(|word| is_public_url(&word.value(source))),
        KeywordKind::Run => {
            let words: Vec<String> = command
                .args()
                .iter()
                .map(|w| w.value(source).into_owned())
                .collect();
            let fetches = words.iter().any(|w| {
                let program = w.rsplit('/').next().unwrap_or(w);
                matches!(program, "curl" | "wget")
            });
            let urls: Vec<&String> = words.iter().filter(|w| is_url(w)).collect();
            fetches && (urls.is_empty() || urls.iter().any(|u| is_public_url(u)))
        }
        _ => false,
    }
}

fn is_url(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn is_public_url(word: &str) -> bool {
    if !is_url(word) {
        return false;
    }
    let rest = word.split_once("://").map_or(word, |(_, rest)| rest);
    let host = if rest.starts_with('[') {
        rest.split_inclusive(']').next().unwrap_or(rest)
    } else {
        rest.split(['/', ':', '?']).next().unwrap_or(rest)
    }
    .to_ascii_lowercase();
    !(host.ends_with("-internal.aliyuncs.com")
        || host == "mirrors.cloud.aliyuncs.com"
        || is_local_host(&host))
}

/// Loopback, link-local, metadata and private (RFC 1918) addresses, reachable without egress.
fn is_local_host(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" || host.starts_with("[fe80:") {
        return true;
    }
    let octets: Vec<u8> = host
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    if octets.len() != 4 || host.split('.').count() != 4 {
        return false;
    }
    matches!(
        (octets[0], octets[1]),
        (127 | 10, _) | (192, 168) | (169, 254) | (100, 100)
    ) || (octets[0] == 172 && (16..=31).contains(&octets[1]))
}
