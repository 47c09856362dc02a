//! A test client that speaks Content-Length framed JSON-RPC to the server over an in-process pipe,
//! exactly as an editor does over stdio.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

pub use test_support::lsp::{
    apply_edits, file_uri, frame, offset, push_capabilities, vscode_capabilities,
};

/// How long to wait for any one message.
const TIMEOUT: Duration = Duration::from_secs(20);

pub struct TestClient {
    out: mpsc::UnboundedSender<Vec<u8>>,
    inbox: mpsc::UnboundedReceiver<Value>,
    buffered: VecDeque<Value>,
    next_id: i64,
    pub server: JoinHandle<bool>,
}

/// Reads one framed message; `None` at the end of the stream.
pub async fn read_message(
    reader: &mut BufReader<tokio::io::ReadHalf<DuplexStream>>,
) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    /// Starts a server on a pipe.
    pub fn start() -> TestClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(bc_lsp::serve(server_read, server_write));
        let (read, mut write) = tokio::io::split(client_side);
        let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
        tokio::spawn(async move {
            while let Some(bytes) = out_rx.recv().await {
                if write.write_all(&bytes).await.is_err() {
                    break;
                }
                let _ = write.flush().await;
            }
            let _ = write.shutdown().await;
        });
        let (in_tx, inbox) = mpsc::unbounded_channel();
        let responder = out_tx.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(message) = read_message(&mut reader).await {
                // Answer what a server may ask of an editor, as VS Code would.
                if let (Some(id), Some(method)) = (
                    message.get("id"),
                    message.get("method").and_then(Value::as_str),
                ) {
                    let result = match method {
                        "workspace/configuration" => json!([{ "severity": {} }]),
                        "workspace/applyEdit" => json!({ "applied": true }),
                        _ => Value::Null,
                    };
                    let _ = responder.send(frame(
                        &json!({ "jsonrpc": "2.0", "id": id, "result": result }),
                    ));
                }
                if in_tx.send(message).is_err() {
                    break;
                }
            }
        });
        TestClient {
            out: out_tx,
            inbox,
            buffered: VecDeque::new(),
            next_id: 1,
            server,
        }
    }

    /// Sends raw bytes (for malformed input).
    pub fn send_raw(&self, bytes: &[u8]) {
        self.out.send(bytes.to_vec()).unwrap();
    }

    /// Closes the pipe to the server.
    pub fn close(self) -> JoinHandle<bool> {
        drop(self.out);
        self.server
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send_raw(&frame(
            &json!({ "jsonrpc": "2.0", "method": method, "params": params }),
        ));
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send_raw(&frame(
            &json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }),
        ));
        id
    }

    /// Sends a request and waits for its whole response object (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id).await
    }

    /// Sends a request and returns its `result`, panicking on an error.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the response with this id.
    pub async fn response(&mut self, id: i64) -> Value {
        self.wait_for(
            |m| m.get("method").is_none() && m.get("id") == Some(&json!(id)),
            &format!("response {id}"),
        )
        .await
    }

    /// Waits for a notification (or server request) with this method.
    pub async fn notification(&mut self, method: &str) -> Value {
        self.wait_for(
            |m| m.get("method").and_then(Value::as_str) == Some(method),
            method,
        )
        .await
    }

    /// Waits for the next publishDiagnostics for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait_for(
            |m| {
                m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
                    && m["params"]["uri"] == uri
            },
            "publishDiagnostics",
        )
        .await["params"]
            .clone()
    }

    /// Waits for a message matching `pred`, keeping others for later.
    pub async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, what: &str) -> Value {
        if let Some(i) = self.buffered.iter().position(&pred) {
            return self.buffered.remove(i).unwrap();
        }
        loop {
            let message = tokio::time::timeout(TIMEOUT, self.inbox.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}; got {:?}", self.buffered))
                .unwrap_or_else(|| panic!("server closed while waiting for {what}"));
            if pred(&message) {
                return message;
            }
            self.buffered.push_back(message);
        }
    }

    /// Every message received so far and not yet consumed.
    pub fn drain(&mut self) -> Vec<Value> {
        let mut out: Vec<Value> = self.buffered.drain(..).collect();
        while let Ok(message) = self.inbox.try_recv() {
            out.push(message);
        }
        out
    }

    /// Drops buffered messages.
    pub fn clear(&mut self) {
        self.buffered.clear();
        while self.inbox.try_recv().is_ok() {}
    }

    /// `initialize` + `initialized` with VS Code-like capabilities minus `textDocument.diagnostic`,
    /// so that the server pushes diagnostics (most tests wait for `publishDiagnostics`).
    pub async fn initialize(&mut self, root: &str, options: Value) -> Value {
        self.initialize_with(root, options, push_capabilities())
            .await
    }

    /// `initialize` + `initialized` with these client capabilities.
    pub async fn initialize_with(
        &mut self,
        root: &str,
        options: Value,
        capabilities: Value,
    ) -> Value {
        let result = self
            .call(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root,
                    "workspaceFolders": [{ "uri": root, "name": "workspace" }],
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }
}
