//! Content-Length framing in front of tower-lsp-server.
//!
//! tower-lsp-server stops reading its input after the first message it cannot decode (its framed
//! reader ends on error), so one malformed message would end the session. This layer reads the
//! frames itself, answers a body that is not JSON with a `-32700 Parse error` and one that is not
//! a JSON-RPC 2.0 message with `-32600 Invalid Request`, and passes every good frame on unchanged.
//!
//! Everything moves as whole frames over channels, without copying through in-process pipes:
//! good input frames go to tower-lsp-server through a [`ChannelReader`]; its output arrives through
//! a [`ChannelWriter`] (tokio-util's framed writer hands over whole encoded messages) on the one
//! output queue, which also carries the error answers. Over stdio, plain threads do the blocking
//! reads and writes ([`read_chunks_blocking`], [`write_frames_blocking`]) instead of tokio's
//! stdin/stdout, which go through the blocking pool once per read and per flush.
//!
//! Every channel is bounded ([`QUEUE_LENGTH`]): a client that stops reading makes the server wait
//! to write instead of queueing without end, and one that writes faster than the server reads
//! waits in its turn. The server never holds more than one unsent publish per document (see
//! `server`), so a stalled client costs a bounded amount of memory.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, ReadBuf,
};
use tokio::sync::mpsc;
use tokio_util::sync::PollSender;

/// Messages larger than this are refused (and skipped) rather than buffered.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// How many frames (or chunks of input) each channel holds before its sender waits.
pub const QUEUE_LENGTH: usize = 4;

/// Frames a JSON value.
pub fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    frame(&json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }))
}

/// Just enough of a message to tell whether tower-lsp-server will accept it.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    jsonrpc: Option<Cow<'a, str>>,
    #[serde(borrow)]
    method: Option<Cow<'a, str>>,
    id: Option<Value>,
    #[allow(dead_code)]
    params: Option<IgnoredAny>,
}

/// `Ok` for a body to pass on, or the error frame to answer it with.
fn check(body: &[u8]) -> Result<(), Vec<u8>> {
    let probe: Probe<'_> = match serde_json::from_slice(body) {
        Ok(probe) => probe,
        Err(error) if error.is_data() => {
            return Err(error_frame(
                Value::Null,
                -32600,
                "Invalid Request: not a JSON-RPC message",
            ));
        }
        Err(error) => {
            return Err(error_frame(
                Value::Null,
                -32700,
                &format!("Parse error: {error}"),
            ));
        }
    };
    let id = probe.id.clone().unwrap_or(Value::Null);
    let id_ok = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
    if probe.jsonrpc.as_deref() != Some("2.0") || !id_ok {
        return Err(error_frame(
            if id_ok { id } else { Value::Null },
            -32600,
            "Invalid Request: expected a JSON-RPC 2.0 message",
        ));
    }
    if probe.method.is_none() && probe.id.is_none() {
        return Err(error_frame(
            Value::Null,
            -32600,
            "Invalid Request: no method and no id",
        ));
    }
    Ok(())
}

/// Reads frames from `input`; good ones go to `server` (whole, one per message), answers to bad
/// ones to `replies`.
pub async fn pump_input<I>(input: I, server: mpsc::Sender<Vec<u8>>, replies: mpsc::Sender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
{
    let mut reader = BufReader::new(input);
    let mut line = String::new();
    loop {
        let mut length: Option<usize> = None;
        let mut headers = 0;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let header = line.trim_end_matches(['\r', '\n']);
            if header.is_empty() {
                if headers > 0 {
                    break;
                }
                continue;
            }
            headers += 1;
            if let Some((name, value)) = header.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        let Some(length) = length else {
            let _ = replies
                .send(error_frame(
                    Value::Null,
                    -32700,
                    "Parse error: missing or invalid Content-Length header",
                ))
                .await;
            continue;
        };
        if length > MAX_MESSAGE_BYTES {
            let mut skip = (&mut reader).take(length as u64);
            if tokio::io::copy(&mut skip, &mut tokio::io::sink())
                .await
                .is_err()
            {
                return;
            }
            let _ = replies
                .send(error_frame(
                    Value::Null,
                    -32600,
                    "Invalid Request: message too large",
                ))
                .await;
            continue;
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        match check(&body) {
            Ok(()) => {
                let mut frame = Vec::with_capacity(length + 24);
                frame.extend_from_slice(format!("Content-Length: {length}\r\n\r\n").as_bytes());
                frame.extend_from_slice(&body);
                if server.send(frame).await.is_err() {
                    return;
                }
            }
            Err(reply) => {
                let _ = replies.send(reply).await;
            }
        }
    }
}

/// tower-lsp-server's input: the bytes of the frames sent on a channel, in order; the end of the
/// input once every sender is gone.
pub struct ChannelReader {
    chunks: mpsc::Receiver<Vec<u8>>,
    current: Vec<u8>,
    read: usize,
}

impl ChannelReader {
    pub fn new(chunks: mpsc::Receiver<Vec<u8>>) -> ChannelReader {
        ChannelReader {
            chunks,
            current: Vec::new(),
            read: 0,
        }
    }
}

impl AsyncRead for ChannelReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        while this.read == this.current.len() {
            match this.chunks.poll_recv(cx) {
                Poll::Ready(Some(chunk)) => {
                    this.current = chunk;
                    this.read = 0;
                }
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = buf.remaining().min(this.current.len() - this.read);
        buf.put_slice(&this.current[this.read..this.read + n]);
        this.read += n;
        Poll::Ready(Ok(()))
    }
}

/// tower-lsp-server's output: every write goes onto the output queue as one chunk, once the queue
/// has room. Its framed writer only ever writes whole encoded messages (and this writer always
/// takes all of them), so chunks never split a frame and the queue can interleave them with other
/// frames.
pub struct ChannelWriter {
    frames: PollSender<Vec<u8>>,
}

impl ChannelWriter {
    pub fn new(frames: mpsc::Sender<Vec<u8>>) -> ChannelWriter {
        ChannelWriter {
            frames: PollSender::new(frames),
        }
    }
}

impl AsyncWrite for ChannelWriter {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let sent = match self.frames.poll_reserve(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Ok(())) => self.frames.send_item(buf.to_vec()),
            Poll::Ready(Err(error)) => Err(error),
        };
        Poll::Ready(match sent {
            Ok(()) => Ok(buf.len()),
            Err(_) => Err(std::io::ErrorKind::BrokenPipe.into()),
        })
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// Reads `input` (stdin) with blocking reads on the calling thread and sends what it reads, as
/// it comes, until the end of the input or until nobody listens.
pub fn read_chunks_blocking(mut input: impl Read, chunks: mpsc::Sender<Vec<u8>>) {
    let mut buf = vec![0; 64 * 1024];
    loop {
        match input.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                if chunks.blocking_send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Writes queued frames to `output` (stdout) with blocking writes on the calling thread, whole,
/// flushing when the queue is empty, until every sender is gone.
pub fn write_frames_blocking(mut frames: mpsc::Receiver<Vec<u8>>, mut output: impl Write) {
    while let Some(frame) = frames.blocking_recv() {
        if output.write_all(&frame).is_err() {
            return;
        }
        if frames.is_empty() && output.flush().is_err() {
            return;
        }
    }
    let _ = output.flush();
}

/// Writes queued frames, whole, until every sender is gone.
pub async fn write_frames<O>(mut frames: mpsc::Receiver<Vec<u8>>, output: O)
where
    O: AsyncWrite,
{
    let mut output = std::pin::pin!(output);
    while let Some(frame) = frames.recv().await {
        if output.write_all(&frame).await.is_err() {
            return;
        }
        // Flush only when nothing else is waiting, to batch bursts.
        if frames.is_empty() && output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(reply: Vec<u8>) -> i64 {
        let text = String::from_utf8(reply).unwrap();
        let body: Value = serde_json::from_str(text.split("\r\n\r\n").nth(1).unwrap()).unwrap();
        body["error"]["code"].as_i64().unwrap()
    }

    #[test]
    fn checks_messages() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_ok());
        assert_eq!(code(check(br#"{"bad": }"#).unwrap_err()), -32700);
        assert_eq!(code(check(b"\xff\xfe").unwrap_err()), -32700);
        assert_eq!(code(check(br#"[1,2]"#).unwrap_err()), -32600);
        assert_eq!(
            code(check(br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#).unwrap_err()),
            -32600
        );
        assert_eq!(code(check(br#"{"jsonrpc":"2.0"}"#).unwrap_err()), -32600);
        assert_eq!(
            code(check(br#"{"jsonrpc":"2.0","method":5}"#).unwrap_err()),
            -32600
        );
    }
}
