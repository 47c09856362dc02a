//! The `LanguageServer` implementation: each method hands its parameters to its handler in
//! [`crate::handlers`]. How diagnostics are served and how bursts of edits are handled is told in
//! [`crate::session`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::handlers::notifications::{
    did_change, did_change_configuration, did_change_watched_files, did_change_workspace_folders,
    did_close, did_open, did_save, initialized,
};
use crate::handlers::requests::{
    code_action, code_lens, completion, definition, diagnostic, document_link, document_symbol,
    execute_command, folding_range, formatting, hover, initialize, inlay_hint, semantic_tokens,
};
use crate::session::Session;

/// The language server.
pub struct Backend {
    session: Session,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            session: Session::new(client, shut_down),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        initialize::initialize(&self.session, params).await
    }

    async fn initialized(&self, params: InitializedParams) {
        initialized::initialized(&self.session, params).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.session.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        did_open::did_open(&self.session, params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        did_change::did_change(&self.session, params).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        did_save::did_save(&self.session, params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        did_close::did_close(&self.session, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        did_change_configuration::did_change_configuration(&self.session, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        did_change_watched_files::did_change_watched_files(&self.session, params).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        did_change_workspace_folders::did_change_workspace_folders(&self.session, params).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        diagnostic::diagnostic(&self.session, params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_action::code_action(&self.session, params)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        completion::completion(&self.session, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::definition(&self.session, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(&self.session, params)
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        formatting::formatting(&self.session, params)
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        formatting::range_formatting(&self.session, params)
    }

    async fn on_type_formatting(
        &self,
        params: DocumentOnTypeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        formatting::on_type_formatting(&self.session, params)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        document_symbol::document_symbol(&self.session, params)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        folding_range::folding_range(&self.session, params)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        semantic_tokens::semantic_tokens_full(&self.session, params)
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        semantic_tokens::semantic_tokens_full_delta(&self.session, params)
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        document_link::document_link(&self.session, params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        inlay_hint::inlay_hint(&self.session, params)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        code_lens::code_lens(&self.session, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        execute_command::execute_command(&self.session, params).await
    }
}
