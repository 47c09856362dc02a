//! `textDocument/didChange`: splices the edits into the text; the analysis waits (see
//! `crate::session`).

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, MessageType, TextDocumentContentChangeEvent,
};

use crate::convert::Text;
use crate::document::Draft;
use crate::guard::{guard, invalid_params, lock};
use crate::session::{Open, Session};

pub async fn did_change(session: &Session, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    // Applied before the first await, under the lock: changes land in arrival order and no
    // request ever sees half of one. The analysis waits (see the module docs).
    let result = guard("didChange", || {
        let mut docs = lock(&session.state.docs);
        let Some(old) = docs.get(uri.as_str()) else {
            return Err(invalid_params(format!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            )));
        };
        if version <= old.version() {
            return Err(invalid_params(format!(
                "stale didChange for {}: version {version} after {}",
                uri.as_str(),
                old.version()
            )));
        }
        let text = apply_changes(old.text(), &params.content_changes)
            .map_err(|e| invalid_params(format!("didChange for {}: {e}", uri.as_str())))?;
        let draft = Draft::new(uri.clone(), version, old.kind(), text, old.config().clone());
        Ok(docs.insert(uri.as_str().to_owned(), Open::Edited(Arc::new(draft))))
    });
    match result {
        // The previous text is freed outside the lock.
        Ok(replaced) => {
            session.schedule_publish(&uri);
            drop(replaced);
        }
        Err(error) => {
            session
                .client
                .log_message(MessageType::ERROR, error.message)
                .await
        }
    }
}

/// The text after applying `changes` to `old`. The first change uses the line index `old` already
/// has; only later ones (rare: editors send one change per notification) index again.
fn apply_changes(
    old: Text<'_>,
    changes: &[TextDocumentContentChangeEvent],
) -> std::result::Result<String, crate::convert::OutOfRange> {
    let Some((first, rest)) = changes.split_first() else {
        return Ok(old.text.to_owned());
    };
    let mut text = match first.range {
        None => first.text.clone(),
        Some(range) => {
            let span = old.span(range)?;
            let mut text = String::with_capacity(old.text.len() + first.text.len());
            text.push_str(&old.text[..span.start]);
            text.push_str(&first.text);
            text.push_str(&old.text[span.end..]);
            text
        }
    };
    for change in rest {
        crate::convert::apply_change(&mut text, change.range, &change.text)?;
    }
    Ok(text)
}
