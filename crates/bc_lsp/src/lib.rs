//! `bclint lsp`: a language server for ECS Image Builder templates (`*.buildcontent`,
//! `*.testcontent`, `*.imagecomponent`) and `imagepipeline.toml` manifests.
//!
//! A thin adapter over bc_syntax, bc_lint, bc_pipeline and bc_workspace: one module per LSP method,
//! every UTF-16 ↔ byte conversion in [`convert`]. Entry points: [`run_stdio`] (async, for a tokio
//! runtime the caller owns), [`run_stdio_blocking`] (builds a current-thread runtime) and [`serve`]
//! (any `AsyncRead`/`AsyncWrite` pair, for tests).

mod capabilities;
pub mod convert;
mod diagnostics;
mod document;
mod features;
mod guard;
mod handlers;
mod online;

mod projects;
mod registry;
mod server;
mod session;
mod settings;
mod transport;
mod workspace_commands;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::{LspService, Server};

pub use bc_lint::commands::{COMMAND_DOCS, CommandDoc};

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
    let (frames, queue) = mpsc::channel(transport::QUEUE_LENGTH);
    let (ok, ()) = tokio::join!(
        serve_frames(input, frames),
        transport::write_frames(queue, output)
    );
    ok
}

/// Serves `input`, queueing every output frame on `frames`.
async fn serve_frames<I>(input: I, frames: mpsc::Sender<Vec<u8>>) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::new(move |client| server::Backend::new(client, flag));
    let (to_server, server_input) = mpsc::channel(transport::QUEUE_LENGTH);
    let input_task = tokio::spawn(transport::pump_input(input, to_server, frames.clone()));
    Server::new(
        transport::ChannelReader::new(server_input),
        transport::ChannelWriter::new(frames),
        socket,
    )
    .concurrency_level(CONCURRENCY)
    .serve(service)
    .await;
    // The input may block forever (an open stdin): stop reading once the server is done.
    input_task.abort();
    shut_down.load(Ordering::SeqCst)
}

/// `bclint lsp`: serves over stdin/stdout. Exit code 0 after `shutdown` + `exit`, 1 otherwise
/// (as the protocol asks). Reads and writes happen on two plain threads with blocking I/O; the
/// reader may still be blocked in a read of stdin when this returns, and is left to the end of
/// the process.
pub async fn run_stdio() -> ExitCode {
    let (chunks, input) = mpsc::channel(transport::QUEUE_LENGTH);
    std::thread::spawn(move || transport::read_chunks_blocking(std::io::stdin().lock(), chunks));
    let (frames, queue) = mpsc::channel(transport::QUEUE_LENGTH);
    let writer = std::thread::spawn(move || {
        transport::write_frames_blocking(queue, std::io::stdout().lock());
    });
    let ok = serve_frames(transport::ChannelReader::new(input), frames).await;
    // Every frame is queued; wait until the writer has written them all.
    let _ = tokio::task::spawn_blocking(move || writer.join()).await;
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
