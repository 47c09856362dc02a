//! `bclint lsp`: a language server for ECS Image Builder templates (`*.buildcontent`,
//! `*.testcontent`, `*.imagecomponent`) and `imagepipeline.toml` manifests.
//!
//! A thin adapter over bc_syntax, bc_lint, bc_pipeline and bc_workspace: one module per LSP method,
//! every UTF-16 ↔ byte conversion in [`convert`]. Entry points: [`run_stdio`] (async, for a tokio
//! runtime the caller owns), [`run_stdio_blocking`] (builds a current-thread runtime) and [`serve`]
//! (any `AsyncRead`/`AsyncWrite` pair, for tests).

mod code_action;
mod code_lens;
mod command_docs;
mod commands;
mod completion;
mod components;
pub mod convert;
mod diagnostics;
mod document;
mod folding;
mod formatting;
mod hover;
mod inlay;
mod links;
mod manifest;
mod registry;
mod semantic_tokens;
mod server;
mod settings;
mod submit;
mod symbols;
mod transport;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use command_docs::{COMMAND_DOCS, CommandDoc};
pub use document::MAX_DOCUMENT_BYTES;

/// How many requests the server works on at once. Document changes are still applied in arrival
/// order: each handler applies its edit before its first suspension point.
const CONCURRENCY: usize = 4;

/// Serves the protocol over `input`/`output` until `exit` or the end of the input. Returns whether
/// the client asked for `shutdown` first (the process should then exit with 0, otherwise 1).
///
/// Malformed input is answered with a JSON-RPC error and never ends the session (see
/// `transport`).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::new(move |client| server::Backend::new(client, flag));
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (frames, queue) = tokio::sync::mpsc::unbounded_channel();
    let input_task = tokio::spawn(transport::pump_input(input, to_server, frames.clone()));
    let output_task = tokio::spawn(transport::pump_output(from_server, frames));
    let run = async move {
        Server::new(server_input, server_output, socket)
            .concurrency_level(CONCURRENCY)
            .serve(service)
            .await;
        // The input may block forever (an open stdin): stop reading once the server is done.
        input_task.abort();
        let _ = output_task.await;
    };
    tokio::join!(run, transport::write_frames(queue, output));
    shut_down.load(Ordering::SeqCst)
}

/// Buffer size of the in-process pipes between the framing layer and the protocol layer.
const PIPE_BYTES: usize = 256 * 1024;

/// `bclint lsp`: serves over stdin/stdout. Exit code 0 after `shutdown` + `exit`, 1 otherwise
/// (as the protocol asks). The caller's runtime should be shut down without waiting for its
/// blocking threads (`Runtime::shutdown_background`), as a read of stdin may still be pending;
/// [`run_stdio_blocking`] does that.
pub async fn run_stdio() -> ExitCode {
    let ok = serve(tokio::io::stdin(), tokio::io::stdout()).await;
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// [`run_stdio`] on a current-thread tokio runtime built here, for a synchronous `main`.
pub fn run_stdio_blocking() -> ExitCode {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            let code = runtime.block_on(run_stdio());
            // A blocking read of stdin may still be pending: do not wait for it.
            runtime.shutdown_background();
            code
        }
        Err(error) => {
            eprintln!("bclint lsp: cannot start the async runtime: {error}");
            ExitCode::from(2)
        }
    }
}
