//! `textDocument/diagnostic`: pulled diagnostics, `unchanged` while the analysis is the same.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::diagnostics;
use crate::guard::guard;
use crate::session::Session;

pub fn diagnostic(
    session: &Session,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    guard("textDocument/diagnostic", || {
        let doc = session.state.doc(&params.text_document.uri)?;
        let result_id = doc.id.to_string();
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: diagnostics::for_document(&doc),
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    })
}
