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
        // Online findings arrive later for the same analysis, and change its result.
        let online = session.state.online.arrived(&doc);
        let result_id = format!("{}{}", doc.id, if online { "-online" } else { "" });
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
                    items: {
                        let mut items = diagnostics::for_document(&doc);
                        items.extend(session.state.online.diagnostics(&doc));
                        items
                    },
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    })
}
