//! Content-Length framing in front of tower-lsp-server.
//!
//! tower-lsp-server stops reading its input after the first message it cannot decode (its framed
//! reader ends on error), so one malformed message would end the session. This layer reads the
//! frames itself, answers a body that is not JSON with a `-32700 Parse error` and one that is not
//! a JSON-RPC 2.0 message with `-32600 Invalid Request`, and passes every good frame on unchanged.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Messages larger than this are refused (and skipped) rather than buffered.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

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

/// Reads frames from `input`; good ones go to `server`, answers to bad ones to `replies`.
pub async fn pump_input<I, S>(input: I, mut server: S, replies: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
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
            let _ = replies.send(error_frame(
                Value::Null,
                -32700,
                "Parse error: missing or invalid Content-Length header",
            ));
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
            let _ = replies.send(error_frame(
                Value::Null,
                -32600,
                "Invalid Request: message too large",
            ));
            continue;
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        match check(&body) {
            Ok(()) => {
                let header = format!("Content-Length: {length}\r\n\r\n");
                if server.write_all(header.as_bytes()).await.is_err()
                    || server.write_all(&body).await.is_err()
                    || server.flush().await.is_err()
                {
                    return;
                }
            }
            Err(reply) => {
                let _ = replies.send(reply);
            }
        }
    }
}

/// Reads whole frames from the server's output and queues them for the writer.
pub async fn pump_output<R>(from_server: R, frames: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
{
    let mut reader = BufReader::new(from_server);
    let mut line = String::new();
    loop {
        let mut out = Vec::new();
        let mut length = None;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            out.extend_from_slice(line.as_bytes());
            let header = line.trim_end_matches(['\r', '\n']);
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let start = out.len();
        out.resize(start + length.unwrap_or(0), 0);
        if reader.read_exact(&mut out[start..]).await.is_err() {
            return;
        }
        if frames.send(out).is_err() {
            return;
        }
    }
}

/// Writes queued frames, whole, until every sender is gone.
pub async fn write_frames<O>(mut frames: mpsc::UnboundedReceiver<Vec<u8>>, output: O)
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
