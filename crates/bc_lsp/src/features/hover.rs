//! `textDocument/hover`: rule docs on a finding or on a code in a suppression comment, the parts of
//! a component ARN, and command documentation on a keyword.

use bc_syntax::{Arn, Body, ComponentRefKind, Span};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::document::Document;
use crate::registry;
use bc_lint::commands as command_docs;

/// A hover showing `value` (Markdown) for the text of `span`.
pub(crate) fn markdown_hover(doc: &Document, value: String, span: Span) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.text().range(span)),
    }
}

/// The hover at a byte offset of a template, if there is anything to say.
/// The hover of a Terraform or ROS file: the findings at `offset` and their rules, nothing
/// else (the rest of the file is terraform-ls's or the YAML/JSON server's).
pub fn findings_hover(doc: &Document, offset: usize) -> Option<Hover> {
    let at: Vec<&bc_lint::Diagnostic> = doc
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end)
        .collect();
    let span = at.first()?.span;
    let value = at
        .iter()
        .map(|d| {
            let rule = registry::find_rule(d.code).map_or(String::new(), |rule| {
                format!(" ([{}]({}))", rule.name, rule.url())
            });
            format!("**{}**{rule}: {}", d.code, d.message)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(markdown_hover(doc, value, span))
}

pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    let parse = doc.parse.as_ref()?;
    let markdown = |value: String, span: Span| markdown_hover(doc, value, span);

    // A rule code inside `# bclint: ignore=…`.
    let (directives, _) = bc_lint::directives(parse);
    for directive in &directives {
        for (code, span) in &directive.codes {
            if span.touches(offset) {
                let value = match registry::find_rule(code) {
                    Some(rule) => rule_markdown(rule),
                    None => format!("`{code}` is not a bclint rule code."),
                };
                return Some(markdown(value, *span));
            }
        }
    }

    // The parts of a component reference.
    if let Some(command) = doc.command_at(offset)
        && let Body::Component(call) = &command.body
        && let Some(reference) = &call.reference
        && reference.span.touches(offset)
    {
        let value = component_markdown(&doc.text, &reference.kind, reference.span);
        return Some(markdown(value, reference.span));
    }

    // Findings under the cursor: their rule docs.
    let findings: Vec<&bc_lint::Diagnostic> = doc
        .diagnostics
        .iter()
        .filter(|d| d.span.touches(offset))
        .collect();
    if let Some(first) = findings.first() {
        let mut value = String::new();
        let mut span = first.span;
        for finding in &findings {
            if let Some(rule) = registry::find_rule(finding.code) {
                if !value.is_empty() {
                    value.push_str("\n\n---\n\n");
                }
                value.push_str(&rule_markdown(rule));
                span = span.cover(finding.span);
            }
        }
        if !value.is_empty() {
            return Some(markdown(value, span));
        }
    }

    // A command keyword.
    let command = doc.command_at(offset)?;
    if command.keyword.span.touches(offset) {
        let doc = command_docs::find(command.keyword.kind)?;
        return Some(markdown(doc.markdown(), command.keyword.span));
    }
    None
}

/// A rule's documentation with its heading.
pub fn rule_markdown(rule: &bc_lint::RuleMeta) -> String {
    format!(
        "**{}** `{}` ({})\n\n{}\n[Rule documentation]({})",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.docs().trim_end(),
        rule.url()
    )
}

fn component_markdown(source: &str, kind: &ComponentRefKind, span: Span) -> String {
    let text = span.text(source);
    match kind {
        ComponentRefKind::Id => format!(
            "**Image component** `{text}`\n\nReferenced by ID; the ID fixes the component version."
        ),
        ComponentRefKind::Other => format!(
            "`{text}` is not a component reference: use `ic-<id>` or `acs:ecs:<region>:<account>:imagecomponent/<name>/<major>.<minor>.<patch>`."
        ),
        ComponentRefKind::Arn(arn) => arn_markdown(source, arn),
    }
}

fn arn_markdown(source: &str, arn: &Arn) -> String {
    let part =
        |span: Option<Span>| span.map_or("—".to_owned(), |s| format!("`{}`", s.text(source)));
    let mut out = String::from("**Image component ARN**\n\n| part | value |\n|---|---|\n");
    out.push_str(&format!("| region | {} |\n", part(arn.region)));
    out.push_str(&format!("| account | {} |\n", part(arn.account)));
    out.push_str(&format!("| name | {} |\n", part(arn.name)));
    out.push_str(&format!("| version | {} |\n", part(arn.version)));
    let parts: Vec<&str> = arn.version_parts.iter().map(|s| s.text(source)).collect();
    if parts.contains(&"*") {
        let names = ["major", "minor", "patch"];
        let wild: Vec<&str> = parts
            .iter()
            .zip(names)
            .filter(|(p, _)| **p == "*")
            .map(|(_, n)| n)
            .collect();
        out.push_str(&format!(
            "\n`*` in the {} version: the build uses the latest matching version when it runs, so builds are not reproducible.",
            wild.join(" and ")
        ));
    } else if parts.len() == 3 {
        out.push_str("\nAn exact version: every build uses the same component.");
    }
    if let Some((bc_syntax::VersionSeparator::Colon, _)) = arn.separator {
        out.push_str("\n\nThe `:` before the version is the undocumented form; prefer `/`.");
    }
    out
}
