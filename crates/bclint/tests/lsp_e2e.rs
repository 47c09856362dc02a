//! End-to-end tests of `bclint lsp`: the real binary, spoken to over its stdin/stdout with
//! Content-Length framed JSON-RPC, as an editor does. Submissions go to `ecs_fake`, a real HTTP
//! server on 127.0.0.1 that verifies every signature.
//!
//! Every wait has a deadline, and a server still running when a test ends is killed, so a broken
//! server fails the test instead of hanging it.

use std::collections::VecDeque;
use std::fs;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ecs_fake::FakeEcs;
use serde_json::{Value, json};
use test_support::lsp::{
    apply_edits, file_uri, frame, push_capabilities, read_message, vscode_capabilities,
};

/// How long any one message may take.
const DEADLINE: Duration = Duration::from_secs(5);
const SECRET: &str = "lsp-e2e-fake-secret-0123";

/// A running `bclint lsp` and the messages it sent that no test has consumed yet.
struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    inbox: Receiver<Value>,
    buffered: VecDeque<Value>,
    next_id: i64,
    /// The server's working directory and `HOME`.
    home: tempfile::TempDir,
    /// The `bclint` settings sent at `initialize` and answered to `workspace/configuration`.
    settings: Value,
}

impl Server {
    /// Starts `bclint lsp` with test credentials in its environment and `extra_env` on top.
    fn start(extra_env: &[(&str, &str)]) -> Server {
        Server::start_with_settings(extra_env, json!({ "severity": {} }))
    }

    /// Starts `bclint lsp` as [`Server::start`] does, with these editor settings.
    fn start_with_settings(extra_env: &[(&str, &str)], settings: Value) -> Server {
        let home = tempfile::tempdir().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_bclint"));
        command
            .arg("lsp")
            .current_dir(home.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
            .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
            .envs(extra_env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().expect("bclint lsp starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, inbox) = mpsc::channel();
        let responder = stdin.clone();
        let configuration = settings.clone();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                // Answer what a server may ask of an editor, as VS Code would.
                if let (Some(id), Some(method)) = (
                    message.get("id"),
                    message.get("method").and_then(Value::as_str),
                ) {
                    let result = match method {
                        "workspace/configuration" => json!([configuration]),
                        "workspace/applyEdit" => json!({ "applied": true }),
                        _ => Value::Null,
                    };
                    let reply = frame(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                    let mut stdin = responder.lock().unwrap();
                    let _ = stdin.write_all(&reply).and_then(|()| stdin.flush());
                }
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            inbox,
            buffered: VecDeque::new(),
            next_id: 1,
            home,
            settings,
        }
    }

    fn send_raw(&self, bytes: &[u8]) {
        let mut stdin = self.stdin.lock().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send_raw(&frame(
            &json!({ "jsonrpc": "2.0", "method": method, "params": params }),
        ));
    }

    /// Sends a request and waits for its response object (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send_raw(&frame(&message));
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    /// Sends a request and returns its result, failing the test on an error.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits (at most [`DEADLINE`]) for a message matching `pred`, keeping the others.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.buffered.iter().position(&pred) {
            return self.buffered.remove(i).unwrap();
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(message) if pred(&message) => return message,
                Ok(message) => self.buffered.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; got {:?}", self.buffered)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while waiting for {what}")
                }
            }
        }
    }

    fn notification(&mut self, method: &str) -> Value {
        self.wait_for(method, |m| m["method"] == method && m.get("id").is_none())
    }

    /// The next `publishDiagnostics` for `uri`.
    fn published(&mut self, uri: &str) -> Value {
        self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// Everything received so far and not consumed.
    fn drain(&mut self) -> Vec<Value> {
        let mut out: Vec<Value> = self.buffered.drain(..).collect();
        out.extend(self.inbox.try_iter());
        out
    }

    fn initialize(&mut self, root: &str, capabilities: Value) -> Value {
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{ "uri": root, "name": "workspace" }],
                "capabilities": capabilities,
                "initializationOptions": { "bclint": self.settings },
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    /// `shutdown` + `exit`, then the exit code (within the deadline).
    fn shutdown(mut self) -> Option<i32> {
        assert_eq!(self.call("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "bclint lsp did not exit after `exit`"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// VS Code's capabilities without pulling diagnostics and without progress: the server pushes.
fn push_only() -> Value {
    let mut capabilities = push_capabilities();
    capabilities["window"]["workDoneProgress"] = json!(false);
    capabilities
}

fn doc(uri: &str) -> Value {
    json!({ "textDocument": { "uri": uri } })
}

fn range(sl: u32, sc: u32, el: u32, ec: u32) -> Value {
    json!({ "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } })
}

fn codes(diagnostics: &Value) -> Vec<&str> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn pushes_diagnostics_with_utf16_ranges_after_chinese_text() {
    let mut server = Server::start(&[]);
    let caps = server.initialize("file:///workspace", push_only());
    assert_eq!(caps["capabilities"]["positionEncoding"], "utf-16");
    assert!(caps["capabilities"].get("diagnosticProvider").is_none());
    // `中文.buildcontent`, percent-encoded as VS Code sends it.
    let uri = "file:///workspace/%E4%B8%AD%E6%96%87.buildcontent";
    // `yum` starts at UTF-16 column 20 on line 1 (byte 25): 你好 are one unit each, 😀 two.
    let text = "# 中文注释 😀\nRUN echo \"你好 😀\" && yum install nginx\nrun echo 你好\n";
    server.open(uri, "buildcontent", text);
    let published = server.published(uri);
    assert_eq!(published["version"], 1);
    let diagnostics = &published["diagnostics"];
    assert_eq!(codes(diagnostics), ["BC303", "BC301"], "{diagnostics}");
    assert_eq!(diagnostics[0]["range"], range(1, 20, 1, 31));
    assert_eq!(diagnostics[1]["range"], range(2, 0, 2, 3));
    assert_eq!(diagnostics[0]["source"], "bclint");
    assert_eq!(server.shutdown(), Some(0));
}

#[test]
fn pulls_diagnostics_and_serves_fixes_formatting_and_hover() {
    let mut server = Server::start(&[]);
    let caps = server.initialize("file:///workspace", vscode_capabilities());
    assert_eq!(
        caps["capabilities"]["diagnosticProvider"]["identifier"],
        "bclint"
    );
    let uri = "file:///workspace/build.buildcontent";
    let text = "FROM IMAGE:m-123\nrun   echo hi\nRESTART\n";
    server.open(uri, "buildcontent", text);
    let report = server.call("textDocument/diagnostic", doc(uri));
    assert_eq!(report["kind"], "full");
    assert_eq!(codes(&report["items"]), ["BC201", "BC301"]);
    let bc301 = report["items"][1].clone();
    assert_eq!(bc301["range"], range(1, 0, 1, 3));

    let actions = server.call(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": bc301["range"], "context": { "diagnostics": [bc301], "only": ["quickfix"] } }),
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        apply_edits(text, fix["edit"]["changes"][uri].as_array().unwrap()),
        "FROM IMAGE:m-123\nRUN   echo hi\nRESTART\n"
    );

    let edits = server.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let formatted = apply_edits(text, edits.as_array().unwrap());
    assert!(formatted.contains("RUN echo hi\n"), "{formatted}");

    let hover = server.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 2 } }),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("RESTART"),
        "{hover}"
    );
    assert_eq!(hover["range"], range(2, 0, 2, 7));

    // The client pulls, so nothing was pushed.
    let code = server.shutdown_checking_no_push();
    assert_eq!(code, Some(0));
}

impl Server {
    fn shutdown_checking_no_push(mut self) -> Option<i32> {
        self.call("textDocument/hover", json!({ "textDocument": { "uri": "file:///workspace/build.buildcontent" }, "position": { "line": 0, "character": 0 } }));
        let pushed: Vec<Value> = self
            .drain()
            .into_iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .collect();
        assert!(pushed.is_empty(), "pushed to a pulling client: {pushed:?}");
        self.shutdown()
    }
}

#[test]
fn a_thousand_rapid_incremental_edits_end_in_the_right_diagnostics() {
    let mut server = Server::start(&[]);
    server.initialize("file:///workspace", push_only());
    let uri = "file:///workspace/typed.buildcontent";
    server.open(uri, "buildcontent", "");
    server.published(uri);
    // Type lines character by character, all sent without waiting.
    let line = "run echo 你好 😀 && yum install nginx\n";
    let mut text = String::new();
    let mut batch = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    for (version, c) in (2..).zip(line.chars().cycle().take(1000)) {
        let change = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range(row, col, row, col), "text": c.to_string() }]
            }
        });
        batch.extend(frame(&change));
        text.push(c);
        if c == '\n' {
            (row, col) = (row + 1, 0);
        } else {
            col += c.len_utf16() as u32;
        }
    }
    server.send_raw(&batch);
    let last_version = 1001;
    let last = loop {
        let published = server.published(uri);
        if published["version"] == last_version {
            break published;
        }
    };
    let fresh = "file:///workspace/fresh.buildcontent";
    server.open(fresh, "buildcontent", &text);
    let expected = server.published(fresh);
    assert_eq!(last["diagnostics"], expected["diagnostics"]);
    let found = codes(&last["diagnostics"]);
    assert!(
        found.contains(&"BC301") && found.contains(&"BC303"),
        "{found:?}"
    );
    assert_eq!(server.shutdown(), Some(0));
}

#[test]
fn a_flood_of_ten_thousand_changes_is_absorbed_in_order() {
    let mut server = Server::start(&[]);
    server.initialize("file:///workspace", push_only());
    let uri = "file:///workspace/flood.buildcontent";
    server.open(uri, "buildcontent", "run a\n");
    server.published(uri);
    // Ten thousand edits sent at once, each replacing the argument; the last one wins.
    let mut batch = Vec::new();
    for version in 2..=10_001 {
        let letter = if version % 2 == 0 { "b" } else { "c" };
        let change = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range(0, 4, 0, 5), "text": letter }]
            }
        });
        batch.extend(frame(&change));
    }
    server.send_raw(&batch);
    let last = loop {
        let published = server.published(uri);
        if published["version"] == 10_001 {
            break published;
        }
    };
    assert_eq!(codes(&last["diagnostics"]), ["BC301"]);
    // The document is what the edits made of it, and the server still answers requests.
    let rendered = server.call(
        "workspace/executeCommand",
        json!({ "command": "bclint.render", "arguments": [{ "uri": uri }] }),
    );
    assert_eq!(rendered, json!("RUN c\n"));
    assert_eq!(server.shutdown(), Some(0));
}

#[test]
fn bad_edits_unopened_documents_and_malformed_json_get_errors_and_the_server_lives() {
    let mut server = Server::start(&[]);
    server.initialize("file:///workspace", push_only());
    let uri = "file:///workspace/build.buildcontent";
    server.open(uri, "buildcontent", "RUN echo hi\n");
    assert_eq!(server.published(uri)["diagnostics"], json!([]));

    // An edit past the end of the document is refused (logged) and the text is left as it was.
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": range(9, 0, 9, 1), "text": "x" }] }),
    );
    let logged = server.wait_for("an error logMessage", |m| {
        m["method"] == "window/logMessage" && m["params"]["type"] == 1
    });
    let message = logged["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("didChange") && message.contains(uri),
        "{message}"
    );
    let rendered = server.call(
        "workspace/executeCommand",
        json!({ "command": "bclint.render", "arguments": [uri] }),
    );
    assert_eq!(rendered, "RUN echo hi\n");

    // A request for a document that is not open: invalid params, saying so.
    let unopened = server.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": "file:///workspace/nope.buildcontent" }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(unopened["error"]["code"], -32602);
    assert!(
        unopened["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not open")
    );

    // Malformed JSON: a parse error with a null id, and the session goes on.
    server.send_raw(b"Content-Length: 12\r\n\r\n{\"jsonrpc\":,");
    let parse_error = server.wait_for("a parse error", |m| {
        m.get("error").is_some() && m["id"].is_null()
    });
    assert_eq!(parse_error["error"]["code"], -32700);
    let hover = server.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 1 } }),
    );
    assert!(hover["contents"]["value"].as_str().unwrap().contains("RUN"));
    assert_eq!(server.shutdown(), Some(0));
}

/// A repository with a clean manifest and its templates.
fn project(root: &Path) -> PathBuf {
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/build.buildcontent"),
        "# 安装 nginx\nRUN yum install -y nginx\n\nRESTART\n",
    )
    .unwrap();
    fs::write(root.join("templates/smoke.testcontent"), "RUN nginx -t\n").unwrap();
    let manifest = root.join("imagepipeline.toml");
    fs::write(
        &manifest,
        "region = \"cn-hangzhou\"\nname = \"web-base\"\nbase_image_type = \"IMAGE\"\n\
         base_image = \"m-bp1234567890abcdef\"\nbuild = \"templates/build.buildcontent\"\n\
         test = \"templates/smoke.testcontent\"\nclient_token = \"lsp-token-1\"\n",
    )
    .unwrap();
    manifest
}

#[test]
fn render_and_submit_a_dry_run_then_for_real_against_the_fake() {
    let fake = FakeEcs::with_key("testid", SECRET);
    // The endpoint comes from the environment here, as editor tests set it.
    let mut server = Server::start(&[("BCLINT_ECS_ENDPOINT", &fake.url())]);
    let root = server.home.path().join("repo");
    project(&root);
    let template = root.join("templates/build.buildcontent");
    let template_uri = file_uri(&template);
    server.initialize(&file_uri(&root), vscode_capabilities());
    server.open(
        &template_uri,
        "buildcontent",
        &fs::read_to_string(&template).unwrap(),
    );
    let wire = "RUN yum install -y nginx\nRESTART\n";
    let rendered = server.call(
        "workspace/executeCommand",
        json!({ "command": "bclint.render", "arguments": [{ "uri": template_uri }] }),
    );
    assert_eq!(rendered, wire);

    // A dry run from the template finds the manifest two directories up and sends nothing.
    let dry = server.call(
        "workspace/executeCommand",
        json!({ "command": "bclint.submit", "arguments": [{ "uri": template_uri, "dryRun": true }] }),
    );
    assert_eq!(dry["dryRun"], true);
    let request = dry["request"].as_str().unwrap();
    assert!(
        request.starts_with(&format!("POST {}/?", fake.url())),
        "{request}"
    );
    assert!(request.contains("ClientToken=lsp-token-1"), "{request}");
    assert!(!request.contains(SECRET));
    assert!(fake.requests().is_empty(), "a dry run sends nothing");
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 3);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .starts_with("POST ")
    );

    // Progress: created, begun, reported, ended.
    let created = server.wait_for("workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    let token = created["params"]["token"].clone();
    let progress: Vec<Value> = server
        .drain()
        .into_iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == token)
        .map(|m| m["params"]["value"].clone())
        .collect();
    let kinds: Vec<&str> = progress
        .iter()
        .map(|v| v["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["begin", "report", "report", "end"], "{progress:?}");
    assert_eq!(progress[0]["title"], "Submitting imagepipeline.toml");
    assert_eq!(progress[1]["message"], "Linting");
    assert_eq!(progress[2]["message"], "Signing and sending");

    // For real, by the manifest's URI as a bare string.
    let created = server.call(
        "workspace/executeCommand",
        json!({ "command": "bclint.submit", "arguments": [file_uri(&root.join("imagepipeline.toml"))] }),
    );
    let id = created["imagePipelineId"].as_str().unwrap();
    assert!(id.starts_with("ip-"), "{created}");
    assert_eq!(created["clientToken"], "lsp-token-1");
    let request_id = created["requestId"].as_str().unwrap();
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 3);
    assert_eq!(
        shown["params"]["message"],
        format!("Created image pipeline {id} (request id {request_id})")
    );
    let requests = fake.api_requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert!(sent.signature_valid, "{:?}", sent.signature_error);
    assert_eq!(sent.action.as_deref(), Some("CreateImagePipeline"));
    assert_eq!(sent.access_key_id.as_deref(), Some("testid"));
    assert_eq!(sent.param("BuildContent"), Some(wire));
    assert_eq!(sent.param("TestContent"), Some("RUN nginx -t\n"));
    assert_eq!(sent.param("ClientToken"), Some("lsp-token-1"));
    assert_eq!(server.shutdown(), Some(0));
}

#[test]
fn submit_refuses_while_errors_remain_and_reports_api_errors() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let mut server = Server::start(&[]);
    let root = server.home.path().join("repo");
    let manifest = project(&root);
    let manifest_uri = file_uri(&manifest);
    server.initialize(&file_uri(&root), push_only());
    let submit = |dry: bool| json!({ "command": "bclint.submit", "arguments": [{ "uri": manifest_uri, "dryRun": dry, "endpoint": fake.url() }] });

    fs::write(
        root.join("templates/build.buildcontent"),
        "RUN echo ok\nBOGUS x\nRUN\n",
    )
    .unwrap();
    let refused = server.request("workspace/executeCommand", submit(false));
    let message = refused["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("2 errors must be fixed first"),
        "{message}"
    );
    assert!(message.contains("build.buildcontent:2: BC002"), "{message}");
    assert!(message.contains("build.buildcontent:3: BC003"), "{message}");
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert_eq!(shown["params"]["message"], message);
    assert!(fake.requests().is_empty());

    // The service's answer, with code and request id, reaches the user.
    project(&root);
    fake.enqueue(ecs_fake::Reply::error(
        403,
        "Forbidden.RAM",
        "User not authorized to operate on the specified resource.",
    ));
    let failed = server.request("workspace/executeCommand", submit(false));
    let message = failed["error"]["message"].as_str().unwrap();
    assert!(message.contains("Forbidden.RAM"), "{message}");
    assert!(message.contains("request id"), "{message}");
    // The token it was sent with, to retry without creating a second pipeline.
    let token = fake.api_requests()[0]
        .param("ClientToken")
        .unwrap()
        .to_owned();
    assert!(
        message.contains(&format!("client_token = \"{token}\" in imagepipeline.toml")),
        "{message}"
    );
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(!message.contains(SECRET));

    // A template no manifest references.
    let lonely = root.join("templates/lonely.buildcontent");
    fs::write(&lonely, "RUN true\n").unwrap();
    let missing = server.request(
        "workspace/executeCommand",
        json!({ "command": "bclint.submit", "arguments": [file_uri(&lonely)] }),
    );
    assert!(
        missing["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no imagepipeline.toml"),
        "{missing}"
    );
    assert_eq!(server.shutdown(), Some(0));
}

/// The lens of a component manifest runs the CLI's component submission: a dry run that sends
/// nothing, then CreateImageComponent with the component's exact text, then the service's
/// answer to a version that exists, and a refusal for a manifest without a region.
#[test]
fn a_component_manifest_is_submitted_from_its_lens_against_the_fake() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let mut server = Server::start(&[("BCLINT_ECS_ENDPOINT", &fake.url())]);
    let root = server.home.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    let content = "# Harden sshd.\nParameters:\n  port:\n    Type: Number\n    DefaultValue: 22\n\
                   Tasks:\n  - Name: harden\n    Action: RunShellCommand\n    Properties:\n      \
                   commandContent: echo Port {{ port }} >> /etc/ssh/sshd_config\n";
    fs::write(root.join("harden-ssh.imagecomponent.yaml"), content).unwrap();
    let manifest = root.join("harden-ssh.imagecomponent.toml");
    let manifest_text = |token: &str| {
        format!(
            "region = \"cn-hangzhou\"\nname = \"harden-ssh\"\nversion = \"1.2.0\"\n\
             description = \"sshd on a port\"\nclient_token = \"{token}\"\n"
        )
    };
    fs::write(&manifest, manifest_text("lsp-component-1")).unwrap();
    let manifest_uri = file_uri(&manifest);
    server.initialize(&file_uri(&root), push_only());
    server.open(&manifest_uri, "toml", &manifest_text("lsp-component-1"));
    let lenses = server.call("textDocument/codeLens", doc(&manifest_uri));
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|lens| lens["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Submit to Image Builder", "Dry run"]);
    let run = |server: &mut Server, lens: &Value| {
        server.request(
            "workspace/executeCommand",
            json!({ "command": lens["command"]["command"], "arguments": lens["command"]["arguments"] }),
        )
    };

    let dry = run(&mut server, &lenses[1])["result"].clone();
    let request = dry["request"].as_str().unwrap();
    assert!(request.contains("CreateImageComponent"), "{request}");
    assert!(request.contains("ClientToken=lsp-component-1"), "{request}");
    assert!(!request.contains(SECRET));
    assert!(fake.requests().is_empty(), "a dry run sends nothing");
    server.notification("window/showMessage");

    let created = run(&mut server, &lenses[0])["result"].clone();
    let id = created["imageComponentId"].as_str().unwrap();
    assert!(id.starts_with("ic-"), "{created}");
    assert_eq!(created["clientToken"], "lsp-component-1");
    let shown = server.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 3);
    assert_eq!(
        shown["params"]["message"],
        format!(
            "Created image component {id} (request id {})",
            created["requestId"].as_str().unwrap()
        )
    );
    let requests = fake.api_requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert!(sent.signature_valid, "{:?}", sent.signature_error);
    assert_eq!(sent.action.as_deref(), Some("CreateImageComponent"));
    assert_eq!(sent.param("Content"), Some(content));
    assert_eq!(sent.param("Name"), Some("harden-ssh"));
    assert_eq!(sent.param("ComponentVersion"), Some("1.2.0"));
    assert_eq!(sent.param("RegionId"), Some("cn-hangzhou"));

    // The same version again, under a new token: the service refuses, and the user is told to
    // bump the version.
    fs::write(&manifest, manifest_text("lsp-component-2")).unwrap();
    let exists = run(&mut server, &lenses[0]);
    let message = exists["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("InvalidComponentVersion.Exist"),
        "{message}"
    );
    assert!(message.contains("bump `version`"), "{message}");
    assert!(!message.contains(SECRET));
    server.notification("window/showMessage");

    // Alone, a component manifest without a region has nowhere to go.
    fs::write(&manifest, "name = \"harden-ssh\"\nversion = \"1.3.0\"\n").unwrap();
    let refused = run(&mut server, &lenses[0]);
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("has no `region`"), "{message}");
    assert_eq!(fake.api_requests().len(), 2, "nothing sent when refused");
    assert_eq!(server.shutdown(), Some(0));
}

/// The server and `bclint check` load a manifest's templates through the same code, so they
/// refuse the same files and report the same findings: here an unknown-extension `test` file, a
/// `../` path out of the repository, and a link to `/proc/self/environ`.
#[cfg(target_os = "linux")]
#[test]
fn the_server_and_the_command_line_give_a_manifest_the_same_findings() {
    let mut server = Server::start(&[]);
    let root = server.home.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("pipelines")).unwrap();
    fs::write(root.join("smoke.txt"), "RUN echo smoke\n").unwrap();
    fs::write(server.home.path().join("shared.buildcontent"), "RUN echo\n").unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", root.join("env.testcontent")).unwrap();
    let cases = [
        (
            "build = \"../../shared.buildcontent\"\ntest = \"../smoke.txt\"\n",
            "unknown",
        ),
        ("build = \"../env.testcontent\"\n", "link"),
    ];
    server.initialize(&file_uri(&root), push_only());
    for (keys, what) in cases {
        let manifest = root.join(format!("pipelines/{what}.imagepipeline.toml"));
        let uri = file_uri(&manifest);
        let text = format!(
            "region = \"cn-hangzhou\"\nname = \"web-base\"\nbase_image_type = \"IMAGE\"\n\
             base_image = \"m-bp1234567890abcdef\"\n{keys}"
        );
        fs::write(&manifest, &text).unwrap();
        server.open(&uri, "toml", &text);
        let from_server = server_findings(&server.published(&uri));
        let from_cli = cli_findings(&manifest, &root);
        assert!(!from_cli.is_empty(), "{what}");
        assert_eq!(from_server, from_cli, "{what}");
        let codes: Vec<&str> = from_cli.iter().map(|f| f.0.as_str()).collect();
        match what {
            "unknown" => assert_eq!(codes, ["BC521", "BC520"], "{from_cli:?}"),
            _ => assert_eq!(codes, ["BC521"], "{from_cli:?}"),
        }
    }
    assert_eq!(server.shutdown(), Some(0));
}

#[test]
fn online_findings_follow_the_offline_ones_and_hover_shows_the_cloud_component() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let id = fake.add_image_component(
        "cn-hangzhou",
        json!({
            "Name": "harden-ssh", "ComponentVersion": "1.2.0", "ComponentType": "Build",
            "SystemType": "Linux", "Description": "Hardens sshd", "Owner": "SELF",
            "Content": "RUN echo hi\n",
            "Parameters": {"Parameter": [{"Name": "port", "Type": "Number", "DefaultValue": "22"}]},
        }),
    );
    let settings = json!({
        "severity": {},
        "online": true,
        "onlineRegion": "cn-hangzhou",
        "onlineEndpoint": fake.url(),
    });
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let mut server = Server::start_with_settings(&[("XDG_CACHE_HOME", cache_dir)], settings);
    let root = file_uri(server.home.path());
    server.initialize(&root, push_only());
    let uri = file_uri(&server.home.path().join("build.buildcontent"));
    let text = format!("run echo hi\nCOMPONENT {id}\nCOMPONENT ic-bp1missing000000000\n");
    server.open(&uri, "buildcontent", &text);
    // First the offline findings alone, then the same with the online ones.
    let offline = server.published(&uri);
    assert_eq!(codes(&offline["diagnostics"]), ["BC301"], "{offline}");
    let online = server.published(&uri);
    assert_eq!(
        codes(&online["diagnostics"]),
        ["BC301", "BC710"],
        "{online}"
    );
    assert_eq!(online["diagnostics"][1]["range"], range(2, 10, 2, 32));
    let hover = server.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 14 } }),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "harden-ssh",
        "1.2.0",
        "Build",
        "Hardens sshd",
        "`--port`",
        "Number",
        "`22`",
    ] {
        assert!(markdown.contains(expected), "{expected} in {markdown}");
    }
    assert!(fake.api_requests().iter().all(|r| r.signature_valid));
}

/// As in `check --online`, a component of the repository takes precedence over the cloud one of
/// the same name: the server reports the local link findings once, and asks the service only
/// about the `ic-` id.
#[test]
fn an_arn_naming_a_local_component_is_not_asked_about_online() {
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.add_image_component(
        "cn-hangzhou",
        json!({
            "Name": "harden-ssh", "ComponentVersion": "1.2.0", "ComponentType": "Build",
            "SystemType": "Linux", "Owner": "SELF", "Content": "RUN echo hi\n",
            "Parameters": {"Parameter": [{"Name": "port", "Type": "Number"}]},
        }),
    );
    let settings = json!({
        "severity": {},
        "online": true,
        "onlineRegion": "cn-hangzhou",
        "onlineEndpoint": fake.url(),
    });
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let mut server = Server::start_with_settings(&[("XDG_CACHE_HOME", cache_dir)], settings);
    let root = server.home.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(
        root.join("harden-ssh.imagecomponent.yaml"),
        "Parameters:\n  port:\n    Type: Number\nTasks:\n  - Name: t\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n",
    )
    .unwrap();
    fs::write(
        root.join("harden-ssh.imagecomponent.toml"),
        "name = \"harden-ssh\"\nversion = \"1.2.0\"\n",
    )
    .unwrap();
    server.initialize(&file_uri(&root), push_only());
    let uri = file_uri(&root.join("build.buildcontent"));
    let text = "COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/harden-ssh/1.2.0 --prot 22\n\
                COMPONENT ic-bp1missing000000000\n";
    server.open(&uri, "buildcontent", text);
    let sorted = |published: &Value| {
        let mut codes: Vec<String> = codes(&published["diagnostics"])
            .into_iter()
            .map(str::to_owned)
            .collect();
        codes.sort();
        codes
    };
    let offline = server.published(&uri);
    assert_eq!(sorted(&offline), ["BC701", "BC702"], "{offline}");
    let online = server.published(&uri);
    assert_eq!(sorted(&online), ["BC701", "BC702", "BC710"], "{online}");
    let asked = fake.api_requests();
    assert!(!asked.is_empty());
    assert!(
        asked.iter().all(|r| r.param("Name").is_none()),
        "the local name was asked about"
    );
    assert_eq!(server.shutdown(), Some(0));
}

/// A published diagnostic as (code, first line of the message, line, column, severity), the
/// shape [`cli_findings`] gives, to compare the two front ends.
type Finding = (String, String, u64, u64, String);

/// The findings of a `publishDiagnostics` notification.
fn server_findings(published: &Value) -> Vec<Finding> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            let severity = match d["severity"].as_u64() {
                Some(1) => "error",
                Some(2) => "warning",
                _ => "info",
            };
            (
                d["code"].as_str().unwrap().to_owned(),
                message.lines().next().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["range"]["start"]["character"].as_u64().unwrap() + 1,
                severity.to_owned(),
            )
        })
        .collect()
}

/// The findings of `bclint check --output-format json <path>` run in `dir`.
fn cli_findings(path: &Path, dir: &Path) -> Vec<Finding> {
    let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(["check", "--output-format", "json"])
        .arg(path)
        .current_dir(dir)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["location"]["start"]["line"].as_u64().unwrap(),
                d["location"]["start"]["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A file too large to read is the same BC007 finding in both front ends, and `bclint.toml`
/// changes its severity, or turns it off, in both alike.
#[test]
fn a_file_too_large_is_the_same_bc007_finding_in_the_server_and_the_command_line() {
    let mut server = Server::start(&[]);
    let root = server.home.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    let settings = root.join("bclint.toml");
    fs::write(&settings, "[severity]\nBC007 = \"warning\"\n").unwrap();
    let big = root.join("big.buildcontent");
    let text = "RUN echo hi\n".repeat(100_000);
    fs::write(&big, &text).unwrap();
    server.initialize(&file_uri(&root), push_only());
    let uri = file_uri(&big);
    server.open(&uri, "buildcontent", &text);
    let from_server = server_findings(&server.published(&uri));
    let from_cli = cli_findings(&big, &root);
    assert_eq!(from_server, from_cli);
    assert_eq!(from_cli.len(), 1, "{from_cli:?}");
    assert_eq!(
        (from_cli[0].0.as_str(), from_cli[0].4.as_str()),
        ("BC007", "warning")
    );

    fs::write(&settings, "ignore = [\"BC007\"]\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&settings), "type": 2 }] }),
    );
    assert_eq!(server_findings(&server.published(&uri)), []);
    assert_eq!(cli_findings(&big, &root), []);
    assert_eq!(server.shutdown(), Some(0));
}

/// A template calling a local YAML component with a misspelt parameter, without a required one,
/// and of the wrong component type gets BC701, BC702 and BC704 from the server at the places
/// `bclint check` reports them; fixing the component in the editor re-checks the template.
#[test]
fn the_server_links_a_template_to_its_local_component_as_the_command_line_does() {
    let mut server = Server::start(&[]);
    let root = server.home.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    let component = root.join("ssh.imagecomponent.yaml");
    let yaml = "Parameters:\n  port:\n    Type: Number\nTasks:\n  - Name: configure\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n";
    fs::write(&component, yaml).unwrap();
    fs::write(
        root.join("ssh.imagecomponent.toml"),
        "name = \"ssh\"\nversion = \"1.0.0\"\ncomponent_type = \"Test\"\n",
    )
    .unwrap();
    let template = root.join("web.buildcontent");
    let text =
        "RUN echo hi\nCOMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/ssh/1.0.0 --prot 22\n";
    fs::write(&template, text).unwrap();
    server.initialize(&file_uri(&root), push_only());
    let uri = file_uri(&template);
    server.open(&uri, "buildcontent", text);
    let from_server = server_findings(&server.published(&uri));
    let from_cli = cli_findings(&template, &root);
    assert_eq!(from_server, from_cli);
    let mut codes: Vec<&str> = from_cli.iter().map(|f| f.0.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["BC701", "BC702", "BC704"], "{from_cli:?}");

    let component_uri = file_uri(&component);
    server.open(&component_uri, "yaml", yaml);
    server.published(&component_uri);
    let fixed = yaml
        .replace("  port:\n", "  prot:\n")
        .replace("{{ port }}", "{{ prot }}");
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": component_uri, "version": 2 },
                "contentChanges": [{ "text": fixed }] }),
    );
    let codes: Vec<String> = server_findings(&server.published(&uri))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(codes, ["BC704"]);
    assert_eq!(server.shutdown(), Some(0));
}
