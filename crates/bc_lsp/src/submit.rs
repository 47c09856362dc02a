//! `bclint.submit`: validates and submits the manifest through bc_workspace, the code path of
//! `bclint submit`, reporting `$/progress` and the result with `window/showMessage`.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::MessageType;

use crate::commands::Args;
use crate::server::{State, invalid_params};

/// Submits the manifest named by (or referencing) `args.uri`.
pub async fn submit(
    client: &Client,
    _state: &Arc<State>,
    _progress: bool,
    args: Args,
) -> Result<Option<Value>> {
    let message = format!(
        "bclint: submit is not available in this build ({})",
        args.uri.as_str()
    );
    client.show_message(MessageType::ERROR, &message).await;
    Err(invalid_params(message))
}
