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
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::new(move |client| server::Backend::new(client, flag));
    Server::new(input, output, socket)
        .concurrency_level(CONCURRENCY)
        .serve(service)
        .await;
    shut_down.load(Ordering::SeqCst)
}

/// `bclint lsp`: serves over stdin/stdout. Exit code 0 after `shutdown` + `exit`, 1 otherwise
/// (as the protocol asks).
pub async fn run_stdio() -> ExitCode {
    let ok = serve(tokio::io::stdin(), tokio::io::stdout()).await;
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// [`run_stdio`] on a current-thread tokio runtime built here, for a synchronous `main`.
pub fn run_stdio_blocking() -> ExitCode {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run_stdio()),
        Err(error) => {
            eprintln!("bclint lsp: cannot start the async runtime: {error}");
            ExitCode::from(2)
        }
    }
}
