//! `textDocument/codeAction`: every fix as a `WorkspaceEdit` (the safe one preferred), suppression
//! comments for the command or the file, and `source.fixAll.bclint`.

use std::collections::{HashMap, HashSet};

use bc_lint::{Applicability, Directive, Edit};
use bc_syntax::Span;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use crate::convert::{OutOfRange, Text};
use crate::diagnostics;
use crate::document::Document;

/// The kind of the fix-all action, offered on save by editors that ask for `source.fixAll`.
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.bclint");

/// The code actions for a range of a document.
pub fn code_actions(
    doc: &Document,
    params: &CodeActionParams,
) -> Result<Vec<CodeActionOrCommand>, OutOfRange> {
    let text = doc.text();
    let requested = text.span(params.range)?;
    let only = params.context.only.as_deref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        // Looked up, not compared with each finding: a long line can hold thousands of both.
        let listed: HashSet<_> = params
            .context
            .diagnostics
            .iter()
            .filter_map(diagnostics::identity)
            .collect();
        for diagnostic in &doc.diagnostics {
            let overlaps =
                diagnostic.span.start <= requested.end && requested.start <= diagnostic.span.end;
            if overlaps
                || (!listed.is_empty()
                    && listed.contains(&(diagnostic.code, text.range(diagnostic.span))))
            {
                quick_fixes(doc, diagnostic, &mut actions);
            }
        }
    }
    if wants(&FIX_ALL)
        && let Some(action) = fix_all(doc)
    {
        actions.push(action);
    }
    Ok(actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect())
}

fn quick_fixes(doc: &Document, diagnostic: &bc_lint::Diagnostic, out: &mut Vec<CodeAction>) {
    let lsp = diagnostics::to_lsp(doc, diagnostic);
    for fix in &diagnostic.fixes {
        let title = match fix.applicability {
            Applicability::Safe => format!("{} ({})", fix.title, diagnostic.code),
            Applicability::Unsafe => format!("{} ({}, unsafe)", fix.title, diagnostic.code),
        };
        out.push(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp.clone()]),
            edit: Some(workspace_edit(doc, &fix.edits)),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..CodeAction::default()
        });
    }
    let Some(parse) = doc.parse.as_ref() else {
        return;
    };
    let (directives, _) = bc_lint::directives(parse);
    if let Some(command) = doc.command_at(diagnostic.span.start) {
        let edit = ignore_for_command(doc, &directives, command, diagnostic.code);
        out.push(CodeAction {
            title: format!("Ignore {} for this command", diagnostic.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp.clone()]),
            edit: Some(workspace_edit(doc, &[edit])),
            ..CodeAction::default()
        });
    }
    let edit = ignore_for_file(doc, &directives, diagnostic.code);
    out.push(CodeAction {
        title: format!("Ignore {} for this file", diagnostic.code),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp]),
        edit: Some(workspace_edit(doc, &[edit])),
        ..CodeAction::default()
    });
}

/// Adds `code` to the `ignore=` comment right above the command, or inserts one with the
/// command's indentation.
fn ignore_for_command(
    doc: &Document,
    directives: &[Directive<'_>],
    command: bc_syntax::CommandRef<'_>,
    code: &str,
) -> Edit {
    let existing = directives
        .iter()
        .find(|d| !d.file_wide && d.target == Some(command.span));
    if let Some(edit) = existing.and_then(|d| append_code(d, code)) {
        return edit;
    }
    let line_start = command.line_start();
    let indent = &doc.text[line_start..command.keyword.span.start];
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Edit::insert(
        line_start,
        format!("{indent}# bclint: ignore={code}{newline}"),
    )
}

/// Adds `code` to an existing `ignore-file=` comment, or inserts one at the top of the file
/// (after a byte order mark).
fn ignore_for_file(doc: &Document, directives: &[Directive<'_>], code: &str) -> Edit {
    if let Some(edit) = directives
        .iter()
        .find(|d| d.file_wide)
        .and_then(|d| append_code(d, code))
    {
        return edit;
    }
    let start = if doc.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Edit::insert(start, format!("# bclint: ignore-file={code}{newline}"))
}

fn append_code(directive: &Directive<'_>, code: &str) -> Option<Edit> {
    let (_, last) = directive.codes.last()?;
    Some(Edit::insert(last.end, format!(",{code}")))
}

/// `source.fixAll.bclint`: every safe fix, as `bclint check --fix` applies them.
fn fix_all(doc: &Document) -> Option<CodeAction> {
    let kind = doc.file_kind()?;
    doc.parse.as_ref()?;
    if doc.diagnostics.iter().all(|d| d.safe_fix().is_none()) {
        return None;
    }
    let outcome = bc_lint::fix(&doc.text, kind, &doc.config, false);
    if outcome.applied == 0 || outcome.text == doc.text {
        return None;
    }
    let edit = minimal_edit(&doc.text, &outcome.text);
    Some(CodeAction {
        title: format!("Fix all auto-fixable problems ({} fixes)", outcome.applied),
        kind: Some(FIX_ALL),
        edit: Some(workspace_edit(doc, &[edit])),
        ..CodeAction::default()
    })
}

/// One edit turning `old` into `new`: the differing middle after the common prefix and suffix.
pub fn minimal_edit(old: &str, new: &str) -> Edit {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let prefix = floor_boundary(new, prefix.min(new.len()));
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut suffix = suffix;
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Edit::replace(
        Span::new(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_owned(),
    )
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// LSP text edits for byte edits of a document.
pub fn text_edits(text: Text<'_>, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit::new(text.range(edit.span), edit.replacement.to_string()))
        .collect()
}

/// A `WorkspaceEdit` changing only this document.
pub fn workspace_edit(doc: &Document, edits: &[Edit]) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(doc.uri.clone(), text_edits(doc.text(), edits));
    WorkspaceEdit::new(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, edit: &Edit) -> String {
        bc_lint::apply_edits(old, &mut [edit.clone()])
    }

    #[test]
    fn minimal_edits() {
        for (old, new) in [
            ("run a\nrun b\n", "RUN a\nRUN b\n"),
            ("abc", "abc"),
            ("", "x"),
            ("x", ""),
            ("你好 a", "你好 b"),
            ("a😀b", "a😁b"),
            ("aaa", "aa"),
        ] {
            let edit = minimal_edit(old, new);
            assert_eq!(apply(old, &edit), new, "{old:?} → {new:?}");
        }
        assert_eq!(minimal_edit("run a\n", "RUN a\n").span, Span::new(0, 3));
    }
}
