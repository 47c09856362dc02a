//! Latency and memory of the language server over stdio (not a timed test): didOpen and
//! didChange → publishDiagnostics for a 16 KB template, then RSS after 1,000 edits.
//!
//! `cargo bench -p bc_lsp --bench lsp_latency` drives the real `bclint lsp`: it builds the `bclint`
//! binary with `cargo build --release` (a no-op when it is up to date) and runs
//! `target/release/bclint lsp`. Set `BCLINT_LSP="/path/to/server args"` to drive another command
//! (e.g. the standalone `bc_lsp_server`).

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use test_support::lsp::{frame, read_message};

const URI: &str = "file:///bench/build.buildcontent";

fn template() -> String {
    let mut out = String::from("# Build an nginx image\n");
    let mut i = 0;
    while out.len() < 15_800 {
        let line = match i % 6 {
            0 => format!("RUN yum install -y nginx-{i} && systemctl enable nginx # step {i}\n"),
            1 => format!("ENV APP_{i}=\"value {i}\" MODE_{i}=\"prod\"\n"),
            2 => format!("COPY https://example.com/pkg/{i}.tar.gz /opt/app/{i}\n"),
            3 => format!("run echo step {i} && \\\n    tar -xzf /opt/app/{i}.tar.gz -C /opt/app\n"),
            4 => format!("LABEL step{i}=\"构建步骤 {i}\"\n"),
            _ => format!("WORKDIR /opt/app/{i}\n"),
        };
        out.push_str(&line);
        i += 1;
    }
    out
}

struct Server {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    next_id: i64,
}

impl Server {
    fn send(&mut self, value: &Value) {
        self.stdin.write_all(&frame(value)).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> Value {
        read_message(&mut self.stdout).expect("the server closed its output")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.read();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Waits for publishDiagnostics of `uri` at `version`.
    fn published(&mut self, uri: &str, version: i64) -> usize {
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len);
            }
        }
    }

    fn status(&self, field: &str) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .map(|l| l[field.len() + 1..].trim().to_owned())
            .unwrap_or_else(|| "n/a".to_owned())
    }
}

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let p = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} n={:<5} p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        samples.len(),
        ms(p(0.50)),
        ms(p(0.90)),
        ms(p(0.99)),
        ms(*samples.last().unwrap())
    );
}

/// Builds the release `bclint` binary and returns `"<path> lsp"`.
fn release_bclint() -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "bclint",
            "--bin",
            "bclint",
        ])
        .current_dir(&workspace)
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release -p bclint failed");
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| workspace.join("target"));
    let binary = target.join("release/bclint");
    format!("{} lsp", binary.canonicalize().unwrap_or(binary).display())
}

fn main() {
    let command = std::env::var("BCLINT_LSP").unwrap_or_else(|_| release_bclint());
    println!("server: {command}");
    let mut parts = command.split_whitespace();
    let mut child = Command::new(parts.next().unwrap())
        .args(parts)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the server");
    let stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut server = Server {
        child,
        stdin,
        stdout,
        next_id: 1,
    };
    server.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    server.notify("initialized", json!({}));

    let text = template();
    let wire = {
        let parse = bc_syntax::parse(&text, bc_syntax::FileKind::Build);
        bc_syntax::render(&parse).len()
    };
    println!(
        "template: {} bytes source, {wire} bytes wire form, {} lines",
        text.len(),
        text.lines().count()
    );

    // didOpen → publishDiagnostics, on fresh URIs.
    let mut opens = Vec::new();
    for i in 0..200 {
        let uri = format!("file:///bench/open{i}.buildcontent");
        let start = Instant::now();
        server.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "buildcontent", "version": 1, "text": text } }));
        server.published(&uri, 1);
        opens.push(start.elapsed());
        server.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }

    // 1,000 incremental didChange → publishDiagnostics: type and delete a character in line 10.
    server.notify("textDocument/didOpen", json!({ "textDocument": { "uri": URI, "languageId": "buildcontent", "version": 1, "text": text } }));
    let diagnostics = server.published(URI, 1);
    let mut changes = Vec::new();
    for version in 2..1002i64 {
        let change = if version % 2 == 0 {
            json!({ "range": { "start": { "line": 10, "character": 4 }, "end": { "line": 10, "character": 4 } }, "text": "x" })
        } else {
            json!({ "range": { "start": { "line": 10, "character": 4 }, "end": { "line": 10, "character": 5 } }, "text": "" })
        };
        let start = Instant::now();
        server.notify("textDocument/didChange", json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [change] }));
        server.published(URI, version);
        changes.push(start.elapsed());
    }
    println!("diagnostics on the template: {diagnostics}");
    percentiles("didOpen → publishDiagnostics", opens);
    percentiles("didChange → publishDiagnostics", changes);
    println!(
        "RSS after 1,000 edits: VmRSS {}, VmHWM {}",
        server.status("VmRSS:"),
        server.status("VmHWM:")
    );

    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    println!("exit status after shutdown + exit: {status}");
}
