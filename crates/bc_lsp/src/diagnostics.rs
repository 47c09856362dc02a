//! `textDocument/publishDiagnostics` and `textDocument/diagnostic`: bc_lint findings as LSP
//! diagnostics with code, source, documentation link, tags and related information.

use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Range,
};

use bc_syntax::Span;

use crate::document::Document;
use crate::registry;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "bclint";

/// At most this many findings of a document are sent to the editor, the first by position; one
/// more diagnostic at the end of the document says how many were left out. A single long line can
/// hold hundreds of thousands of findings, tens of megabytes of JSON per publish, which no editor
/// shows usefully; `bclint check` lists them all.
pub const MAX_PUBLISHED: usize = 1_000;

/// The LSP diagnostics of a document: its first [`MAX_PUBLISHED`] findings, and a note of how
/// many more there are.
pub fn for_document(doc: &Document) -> Vec<Diagnostic> {
    if let Some(error) = &doc.analysis_error {
        return vec![Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(SOURCE.to_owned()),
            message: format!(
                "bclint crashed while analysing this file (please report it): {error}"
            ),
            ..Diagnostic::default()
        }];
    }
    let shown = doc.diagnostics.len().min(MAX_PUBLISHED);
    let mut diagnostics: Vec<Diagnostic> = doc.diagnostics[..shown]
        .iter()
        .map(|diagnostic| to_lsp(doc, diagnostic))
        .collect();
    let left_out = doc.diagnostics.len() - shown;
    if left_out > 0 {
        diagnostics.push(left_out_note(doc, left_out));
    }
    diagnostics
}

/// The diagnostic, at the end of the document, that says `left_out` findings were not sent.
fn left_out_note(doc: &Document, left_out: usize) -> Diagnostic {
    let end = doc.text().range(Span::new(doc.text.len(), doc.text.len()));
    Diagnostic {
        range: end,
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "{left_out} more findings are not shown (the editor gets the first {MAX_PUBLISHED}); `bclint check` lists them all"
        ),
        ..Diagnostic::default()
    }
}

/// One finding as an LSP diagnostic.
pub fn to_lsp(doc: &Document, diagnostic: &bc_lint::Diagnostic) -> Diagnostic {
    let text = doc.text();
    let mut message = diagnostic.message.to_string();
    if let Some(note) = &diagnostic.note {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let code_description = registry::rule_url(diagnostic.code).map(|href| CodeDescription { href });
    let mut tags = Vec::new();
    if diagnostic.tags.deprecated {
        tags.push(DiagnosticTag::DEPRECATED);
    }
    if diagnostic.tags.unnecessary {
        tags.push(DiagnosticTag::UNNECESSARY);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), text.range(label.span)),
            message: label.message.to_string(),
        })
        .collect();
    Diagnostic {
        range: text.range(diagnostic.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        code_description,
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: None,
    }
}

/// The LSP severity of a bc_lint severity.
pub fn severity(severity: bc_lint::Severity) -> DiagnosticSeverity {
    match severity {
        bc_lint::Severity::Error => DiagnosticSeverity::ERROR,
        bc_lint::Severity::Warning => DiagnosticSeverity::WARNING,
        bc_lint::Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The code and range of an LSP diagnostic sent back by the client (in a code action context),
/// which identify the finding it shows.
pub fn identity(lsp: &Diagnostic) -> Option<(&str, Range)> {
    match &lsp.code {
        Some(NumberOrString::String(code)) => Some((code.as_str(), lsp.range)),
        _ => None,
    }
}
