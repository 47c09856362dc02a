//! `textDocument/didOpen`.

use std::sync::Arc;

use tower_lsp_server::ls_types::{DidOpenTextDocumentParams, MessageType};

use crate::document::Draft;
use crate::guard::lock;
use crate::session::{Open, Session};

pub async fn did_open(session: &Session, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let Some(kind) = crate::document::kind_of(&item.uri, &item.language_id) else {
        session
            .client
            .log_message(
                MessageType::INFO,
                format!("bclint: not a template or manifest: {}", item.uri.as_str()),
            )
            .await;
        return;
    };
    let (config, problem) = session.config_for(&item.uri);
    let draft = Draft::new(item.uri.clone(), item.version, kind, item.text, config);
    let replaced = lock(&session.state.docs)
        .insert(item.uri.as_str().to_owned(), Open::Edited(Arc::new(draft)));
    session.schedule_publish(&item.uri);
    session.report_problem(problem).await;
    drop(replaced);
}
