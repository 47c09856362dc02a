//! `initialized`: registers the file watchers the server needs (settings, and the files the
//! project index holds), if the client lets it.

use tower_lsp_server::ls_types::*;

use crate::guard::lock;
use crate::session::Session;

pub async fn initialized(session: &Session, _: InitializedParams) {
    if !lock(&session.state.caps).watch_files_dynamic {
        return;
    }
    let client = session.client.clone();
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: [
            "**/{bclint,.bclint}.toml",
            "**/*.{buildcontent,testcontent,imagecomponent}",
            "**/*.imagecomponent.{yaml,yml,toml}",
            "**/{imagepipeline,*.imagepipeline}.toml",
        ]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_owned()),
            kind: None,
        })
        .collect(),
    };
    let registration = Registration {
        id: "bclint-watched-files".to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: serde_json::to_value(options).ok(),
    };
    // Not awaited here: the client answers when it likes, and nothing waits for it.
    tokio::spawn(async move {
        if let Err(error) = client.register_capability(vec![registration]).await {
            client
                .log_message(
                    MessageType::WARNING,
                    format!("bclint: cannot watch files: {}", error.message),
                )
                .await;
        }
    });
}
