//! Latency and memory of the language server over stdio (not a timed test): didOpen and
//! didChange → publishDiagnostics for a 16 KB template, then RSS after 1,000 edits; didChange →
//! publishDiagnostics for a 16 KB YAML component; a hover sent
//! behind 10,000 edits written at once, and how many publishes they cost; RSS after 10,000 edits
//! to a client that does not read; open and edit → publishDiagnostics on single-line templates of
//! 256 KB and 1 MB.
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
    /// Starts `command` (a program and its arguments) and initializes it.
    fn start(command: &str) -> Server {
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
        server
    }

    /// Asks the server to shut down and exit, and waits for it.
    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        println!("exit status after shutdown + exit: {status}");
    }

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
    let mut server = Server::start(&command);
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

    yaml_component(&mut server);
    flood(&mut server, &text);
    long_lines(&mut server);
    server.stop();
    stalled(&command, &text);
}

/// 1,000 incremental didChange → publishDiagnostics on a 16 KB YAML component: type and delete
/// a character in a `commandContent` line.
fn yaml_component(server: &mut Server) {
    let uri = "file:///bench/web.imagecomponent.yaml";
    let text = bench_corpus::yaml_component(16 * 1024);
    println!(
        "YAML component: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    let diagnostics = server.published(uri, 1);
    let mut changes = Vec::new();
    for version in 2..1002i64 {
        let change = if version % 2 == 0 {
            json!({ "range": { "start": { "line": 15, "character": 8 }, "end": { "line": 15, "character": 8 } }, "text": "x" })
        } else {
            json!({ "range": { "start": { "line": 15, "character": 8 }, "end": { "line": 15, "character": 9 } }, "text": "" })
        };
        let start = Instant::now();
        server.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
        server.published(uri, version);
        changes.push(start.elapsed());
    }
    println!("diagnostics on the YAML component: {diagnostics}");
    percentiles("didChange → publish (YAML)", changes);
}

/// One didChange typing `x` at line 10, column 4, as a frame.
fn typing(uri: &str, version: i64) -> Vec<u8> {
    let at = json!({ "line": 10, "character": 4 });
    frame(
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri, "version": version },
        "contentChanges": [{ "range": { "start": at, "end": at }, "text": "x" }] } }),
    )
}

/// 10,000 edits written at once, then a hover: how long the hover takes to be answered, and how
/// many publishes the edits cost.
fn flood(server: &mut Server, text: &str) {
    let uri = "file:///bench/flood.buildcontent";
    server.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "buildcontent", "version": 1, "text": text } }));
    server.published(uri, 1);
    let id = server.next_id;
    server.next_id += 1;
    let mut input: Vec<u8> = (2..10_002)
        .flat_map(|version| typing(uri, version))
        .collect();
    input.extend(frame(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": uri }, "position": { "line": 1, "character": 1 } } }),
    ));
    let start = Instant::now();
    server.stdin.write_all(&input).unwrap();
    server.stdin.flush().unwrap();
    let written = start.elapsed();
    let (mut publishes, mut answered, mut last) = (0, None, false);
    while answered.is_none() || !last {
        let message = server.read();
        if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
        {
            publishes += 1;
            last = message["params"]["version"] == 10_001;
        }
        if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
            answered = Some(start.elapsed());
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "10,000 edits + hover written in {:.1} ms; hover answered after {:.1} ms, last diagnostics after {:.1} ms; {publishes} publishes",
        ms(written),
        ms(answered.unwrap()),
        ms(start.elapsed())
    );
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
}

/// 10,000 edits to a client that reads nothing meanwhile, in a fresh server (so the long lines
/// before leave no high-water mark): RSS, then how many publishes were waiting.
fn stalled(command: &str, text: &str) {
    let mut server = Server::start(command);
    let uri = "file:///bench/stalled.buildcontent";
    server.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "buildcontent", "version": 1, "text": text } }));
    server.published(uri, 1);
    let input: Vec<u8> = (2..10_002)
        .flat_map(|version| typing(uri, version))
        .collect();
    server.stdin.write_all(&input).unwrap();
    server.stdin.flush().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    println!(
        "stalled client, 10,000 edits written, 2 s later: VmRSS {}, VmHWM {}",
        server.status("VmRSS:"),
        server.status("VmHWM:")
    );
    let mut publishes = 0;
    loop {
        let message = server.read();
        if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
        {
            publishes += 1;
            if message["params"]["version"] == 10_001 {
                break;
            }
        }
    }
    println!("  publishes waiting for it, the newest included: {publishes}");
    server.stop();
}

/// Open and one edit → publishDiagnostics for single-line templates of 256 KB and 1 MB.
fn long_lines(server: &mut Server) {
    for size in [256 * 1024, 1024 * 1024] {
        for (name, head, unit) in [
            ("ENV a=b pairs", "ENV", " a=b"),
            ("RUN words", "RUN", " word"),
            ("one word", "RUN ", "x"),
        ] {
            let mut text = head.to_owned();
            while text.len() + unit.len() < size {
                text.push_str(unit);
            }
            text.push('\n');
            let uri = format!("file:///bench/long{size}{}.buildcontent", unit.len());
            let start = Instant::now();
            server.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "buildcontent", "version": 1, "text": text } }));
            let findings = server.published(&uri, 1);
            let opened = start.elapsed();
            let start = Instant::now();
            let at = json!({ "line": 0, "character": 3 });
            server.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": at, "end": at }, "text": " " }] }),
            );
            server.published(&uri, 2);
            let edited = start.elapsed();
            println!(
                "{name:<14} {:>7} bytes: open {:.1} ms, edit {:.1} ms ({findings} findings)",
                text.len(),
                opened.as_secs_f64() * 1000.0,
                edited.as_secs_f64() * 1000.0
            );
            server.notify(
                "textDocument/didClose",
                json!({ "textDocument": { "uri": uri } }),
            );
        }
    }
}
