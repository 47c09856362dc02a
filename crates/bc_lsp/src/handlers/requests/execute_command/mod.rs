//! `workspace/executeCommand`: `bclint.render` (the wire form) and `bclint.submit` (the manifest
//! workflow shared with `bclint submit`).

mod submit;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::ExecuteCommandParams;

use crate::guard::{guard, invalid_params, lock};
use crate::session::Session;
use crate::workspace_commands::{RENDER, SUBMIT, args};

/// Runs a command.
pub async fn execute_command(
    session: &Session,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    let progress = lock(&session.state.caps).work_done_progress;
    let (client, state) = (&session.client, &session.state);
    match params.command.as_str() {
        RENDER => guard(RENDER, || {
            let args = args(&params.arguments)?;
            let doc = state.doc(&args.uri)?;
            let parse = doc.parse.as_ref().ok_or_else(|| {
                invalid_params(format!(
                    "{} is not a template bclint can render",
                    args.uri.as_str()
                ))
            })?;
            Ok(Some(Value::String(bc_syntax::render(parse))))
        }),
        SUBMIT => {
            let args = guard(SUBMIT, || args(&params.arguments))?;
            submit::submit(client, state, progress, args).await
        }
        #[cfg(debug_assertions)]
        "bclint.debug.panic" => guard("bclint.debug.panic", || {
            panic!("deliberate panic for tests")
        }),
        other => Err(invalid_params(format!("unknown command {other:?}"))),
    }
}
