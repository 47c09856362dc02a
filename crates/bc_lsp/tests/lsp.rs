//! End-to-end tests: the server in process, spoken to over a pipe with Content-Length framing,
//! exactly as an editor speaks to `bclint lsp` over stdio.

mod support;

use insta::assert_json_snapshot;
use serde_json::{Value, json};
use support::{TestClient, apply_edits, file_uri, frame, vscode_capabilities};

const URI: &str = "file:///workspace/build.buildcontent";
const TEXT: &str = "FROM IMAGE:m-123\nrun echo hi\nRESTART\n";

async fn started() -> TestClient {
    let mut client = TestClient::start();
    client
        .initialize("file:///workspace", json!({ "bclint": { "severity": {} } }))
        .await;
    client
}

fn text_document(uri: &str) -> Value {
    json!({ "textDocument": { "uri": uri } })
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn initialize_advertises_every_capability() {
    let mut client = TestClient::start();
    let mut result = client
        .initialize_with("file:///workspace", json!({}), vscode_capabilities())
        .await;
    result["serverInfo"]["version"] = json!("[version]");
    assert_json_snapshot!(result);
    // Settings files (and YAML components) are watched through dynamic registration.
    let registration = client.notification("client/registerCapability").await;
    assert_json_snapshot!(registration["params"]);
}

#[tokio::test]
async fn diagnostics_and_quick_fixes_like_vscode() {
    let mut client = started().await;
    client.open(URI, "buildcontent", TEXT);
    let published = client.diagnostics(URI).await;
    assert_json_snapshot!(published);

    let bc301 = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "BC301")
        .unwrap()
        .clone();
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": bc301["range"], "context": { "diagnostics": [bc301], "only": ["quickfix"] } }),
        )
        .await;
    assert_json_snapshot!(actions);
    let apply =
        |i: usize| apply_edits(TEXT, actions[i]["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(apply(0), "FROM IMAGE:m-123\nRUN echo hi\nRESTART\n");
    assert_eq!(
        apply(1),
        "FROM IMAGE:m-123\n# bclint: ignore=BC301\nrun echo hi\nRESTART\n"
    );
    assert_eq!(
        apply(2),
        "# bclint: ignore-file=BC301\nFROM IMAGE:m-123\nrun echo hi\nRESTART\n"
    );

    // source.fixAll.bclint applies every safe fix, as `bclint check --fix`.
    let fix_all = client
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        )
        .await;
    assert_eq!(fix_all.as_array().unwrap().len(), 1, "{fix_all}");
    assert_eq!(fix_all[0]["kind"], "source.fixAll.bclint");
    let fixed = apply_edits(TEXT, fix_all[0]["edit"]["changes"][URI].as_array().unwrap());
    assert_eq!(fixed, "RUN echo hi\nRESTART\n");
}

#[tokio::test]
async fn ignore_appends_to_an_existing_suppression_with_indentation() {
    let mut client = started().await;
    let text = "# bclint: ignore-file=BC006\n  # bclint: ignore=BC201\n  run echo hi\n";
    client.open(URI, "buildcontent", text);
    let published = client.diagnostics(URI).await;
    let bc301 = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "BC301")
        .unwrap()
        .clone();
    let actions = client
        .call("textDocument/codeAction", json!({ "textDocument": { "uri": URI }, "range": bc301["range"], "context": { "diagnostics": [bc301] } }))
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let edit_of = |title: &str| {
        let action = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .unwrap();
        apply_edits(text, action["edit"]["changes"][URI].as_array().unwrap())
    };
    assert!(
        titles.contains(&"Ignore BC301 for this command"),
        "{titles:?}"
    );
    assert_eq!(
        edit_of("Ignore BC301 for this command"),
        "# bclint: ignore-file=BC006\n  # bclint: ignore=BC201,BC301\n  run echo hi\n"
    );
    assert_eq!(
        edit_of("Ignore BC301 for this file"),
        "# bclint: ignore-file=BC006,BC301\n  # bclint: ignore=BC201\n  run echo hi\n"
    );
}

#[tokio::test]
async fn utf16_positions_after_chinese_text_and_emoji() {
    let mut client = started().await;
    let text = "LABEL description=\"构建 😀\"\n# 中文注释 😀 bclint\nrun echo 你好\nRUN echo \"你好 😀\" && yum install nginx\n";
    client.open(URI, "buildcontent", text);
    let published = client.diagnostics(URI).await;
    assert_json_snapshot!(published);
    // Every range maps back onto the text it was computed from.
    for d in published["diagnostics"].as_array().unwrap() {
        let start = support::offset(text, &d["range"]["start"]);
        let end = support::offset(text, &d["range"]["end"]);
        assert!(start <= end && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    // Hover and completion positions in UTF-16 units: `run` on line 2 is at 0..3.
    let hover = client.call("textDocument/hover", at(URI, 2, 1)).await;
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 3 } })
    );
    let symbols = client
        .call("textDocument/documentSymbol", text_document(URI))
        .await;
    assert_json_snapshot!("utf16_symbols", symbols);
}

#[tokio::test]
async fn a_thousand_incremental_edits_end_in_the_right_diagnostics() {
    let mut client = started().await;
    client.open(URI, "buildcontent", "");
    client.diagnostics(URI).await;
    // Type a template character by character (with Chinese text and an emoji), then delete a
    // word and retype it: 1,000 changes in all, sent without waiting.
    let line = "run echo 你好 😀 && yum install nginx\n";
    let mut text = String::new();
    let mut version = 1;
    let mut edits = 0;
    while edits < 1000 {
        for c in line.chars() {
            if edits == 1000 {
                break;
            }
            let lines: Vec<&str> = text.split('\n').collect();
            let last = lines.len() - 1;
            let col: usize = lines[last].chars().map(char::len_utf16).sum();
            version += 1;
            edits += 1;
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": URI, "version": version },
                    "contentChanges": [{ "range": { "start": { "line": last, "character": col }, "end": { "line": last, "character": col } }, "text": c.to_string() }]
                }),
            );
            text.push(c);
        }
    }
    // Wait for the diagnostics of the last version.
    let last = loop {
        let published = client.diagnostics(URI).await;
        if published["version"] == version {
            break published;
        }
    };
    // Compare with a fresh analysis of the same text.
    let fresh = "file:///workspace/fresh.buildcontent";
    client.open(fresh, "buildcontent", &text);
    let expected = client.diagnostics(fresh).await;
    assert_eq!(last["diagnostics"], expected["diagnostics"]);
    assert!(codes(&last).contains(&"BC301".to_owned()));
    // Pull diagnostics see the same final state.
    let pulled = client
        .call("textDocument/diagnostic", text_document(URI))
        .await;
    assert_eq!(pulled["items"], expected["diagnostics"]);
}

#[tokio::test]
async fn pull_diagnostics_report_unchanged_until_the_text_changes() {
    let mut client = started().await;
    client.open(URI, "buildcontent", TEXT);
    client.diagnostics(URI).await;
    let first = client
        .call("textDocument/diagnostic", text_document(URI))
        .await;
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let id = first["resultId"].clone();
    let second = client
        .call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": URI }, "previousResultId": id }),
        )
        .await;
    assert_eq!(second, json!({ "kind": "unchanged", "resultId": id }));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": "RUN echo hi\n" }] }),
    );
    let published = client.diagnostics(URI).await;
    assert_eq!(published["version"], 2);
    let third = client
        .call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": URI }, "previousResultId": id }),
        )
        .await;
    assert_eq!(third["kind"], "full");
    assert_eq!(third["items"], json!([]));
}

#[tokio::test]
async fn completion_of_keywords_rule_codes_and_component_parameters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nginx.imagecomponent.yaml"),
        "Parameters:\n  version:\n    Type: String\n  port: {Type: Number, DefaultValue: 80}\nTasks:\n  - Name: install\n    Action: RunShellCommand\n",
    )
    .unwrap();
    let root = file_uri(dir.path());
    let uri = format!("{root}/build.buildcontent");
    let mut client = TestClient::start();
    client.initialize(&root, json!({})).await;
    let text = "ru\n# bclint: ignore=BC3\nCOMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/nginx/1.0.0 --port 8080 \n";
    client.open(&uri, "buildcontent", text);
    client.diagnostics(&uri).await;

    let keywords = client.call("textDocument/completion", at(&uri, 0, 2)).await;
    let labels: Vec<&str> = keywords
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "COMPONENT",
            "RESTART",
            "RUN",
            "ENV",
            "WORKDIR",
            "COPY",
            "USER",
            "LABEL",
            "CMD",
            "ENTRYPOINT",
            "FROM"
        ]
    );
    let mut run = keywords
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "RUN")
        .unwrap()
        .clone();
    assert!(
        run["documentation"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**RUN**")
    );
    run["documentation"]["value"] = json!("[docs]");
    assert_json_snapshot!(run);

    let rule_codes = client
        .call("textDocument/completion", at(&uri, 1, 20))
        .await;
    let first = &rule_codes[0];
    assert_eq!(
        first["textEdit"]["range"],
        json!({ "start": { "line": 1, "character": 17 }, "end": { "line": 1, "character": 20 } })
    );
    assert!(
        rule_codes
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "BC301")
    );

    let params = client
        .call("textDocument/completion", at(&uri, 2, 73))
        .await;
    let params: Vec<Value> = params.as_array().unwrap().iter().map(|i| json!({ "label": i["label"], "detail": i["detail"], "newText": i["textEdit"]["newText"] })).collect();
    assert_eq!(
        params,
        [
            json!({ "label": "--version", "detail": "String (required)", "newText": "--version ${1:value}" })
        ]
    );

    // The component changes on disk: the project index reads it again when the watcher says so.
    let component = dir.path().join("nginx.imagecomponent.yaml");
    std::fs::write(
        &component,
        "Parameters:\n  release: {Type: Boolean, DefaultValue: true}\nTasks:\n  - Name: install\n    Action: RunShellCommand\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&component), "type": 2 }] }),
    );
    let params = client
        .call("textDocument/completion", at(&uri, 2, 73))
        .await;
    assert_eq!(params[0]["label"], "--release");
    assert_eq!(params[0]["detail"], "Boolean = true");
}

#[tokio::test]
async fn hover_on_keywords_codes_findings_and_arns() {
    let mut client = started().await;
    let text = "# bclint: ignore=BC301\nrun echo hi\nCOMPONENT acs:ecs:cn-hangzhou:123456:imagecomponent/nginx/1.*.*\nFROM IMAGE:m-1\n";
    client.open(URI, "buildcontent", text);
    client.diagnostics(URI).await;
    let mut hovers = Vec::new();
    for (line, character) in [(0, 19), (1, 1), (2, 1), (2, 30), (3, 1)] {
        let hover = client
            .call("textDocument/hover", at(URI, line, character))
            .await;
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        // Rule docs are long: keep their heading.
        hovers.push(json!({ "at": [line, character], "range": hover["range"], "first_line": value.lines().next() }));
    }
    assert_json_snapshot!(hovers);
    let arn = client.call("textDocument/hover", at(URI, 2, 30)).await;
    assert_json_snapshot!("arn_hover", arn["contents"]["value"]);
}

#[tokio::test]
async fn formatting_document_range_and_on_type() {
    let mut client = started().await;
    let text = "run   echo a \\\n  && echo b\n\n\n\nenv A=\"1\"   \n";
    client.open(URI, "buildcontent", text);
    client.diagnostics(URI).await;
    let edits = client.call("textDocument/formatting", json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } })).await;
    assert_eq!(
        apply_edits(text, edits.as_array().unwrap()),
        "RUN echo a \\\n    && echo b\n\nENV A=\"1\"\n"
    );
    let range = client
        .call(
            "textDocument/rangeFormatting",
            json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 5, "character": 0 }, "end": { "line": 5, "character": 3 } }, "options": { "tabSize": 4, "insertSpaces": true } }),
        )
        .await;
    assert_eq!(
        apply_edits(text, range.as_array().unwrap()),
        "run   echo a \\\n  && echo b\n\n\n\nENV A=\"1\"\n"
    );

    let typed = "RUN a \\\n\n";
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": typed }] }),
    );
    let on_type = client
        .call(
            "textDocument/onTypeFormatting",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 1, "character": 0 }, "ch": "\n", "options": { "tabSize": 4, "insertSpaces": true } }),
        )
        .await;
    assert_eq!(
        apply_edits(typed, on_type.as_array().unwrap()),
        "RUN a \\\n    \n"
    );
}

#[tokio::test]
async fn symbols_folding_tokens_links_and_hints() {
    let mut client = started().await;
    let text = "# Build nginx\n# on Alinux\nCOMPONENT ic-bp18hy47cqavewsb --version 1\nENV A=\"1\" B=\"2\"\nRUN yum install -y nginx \\\n    && echo \"done\"\nCOPY https://example.com/app.tar.gz /opt/app\nFROM IMAGE:m-1\n";
    client.open(URI, "buildcontent", text);
    client.diagnostics(URI).await;
    assert_json_snapshot!(
        "symbols",
        client
            .call("textDocument/documentSymbol", text_document(URI))
            .await
    );
    assert_json_snapshot!(
        "folding",
        client
            .call("textDocument/foldingRange", text_document(URI))
            .await
    );
    let tokens = client
        .call("textDocument/semanticTokens/full", text_document(URI))
        .await;
    assert_json_snapshot!("semantic_tokens", tokens["data"]);
    assert_json_snapshot!(
        "links",
        client
            .call("textDocument/documentLink", text_document(URI))
            .await
    );
    let hints = client
        .call("textDocument/inlayHint", json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 8, "character": 0 } } }))
        .await;
    assert_json_snapshot!("inlay_hints", hints);

    // Delta: change one command, get one edit against the previous result.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 7, "character": 0 }, "end": { "line": 7, "character": 14 } }, "text": "USER admin" }] }),
    );
    let mut delta = client
        .call(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": { "uri": URI }, "previousResultId": tokens["resultId"] }),
        )
        .await;
    delta["resultId"] = json!("[id]");
    assert_json_snapshot!("semantic_tokens_delta", delta);
    // An unknown previous id gets the full tokens.
    let full = client
        .call(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": { "uri": URI }, "previousResultId": "nope" }),
        )
        .await;
    assert!(full["data"].is_array());
}

#[tokio::test]
async fn render_command_returns_the_wire_form() {
    let mut client = started().await;
    client.open(URI, "buildcontent", "# comment\nrun echo hi\n\nRESTART\n");
    client.diagnostics(URI).await;
    let by_object = client
        .call(
            "workspace/executeCommand",
            json!({ "command": "bclint.render", "arguments": [{ "uri": URI }] }),
        )
        .await;
    assert_eq!(by_object, "RUN echo hi\nRESTART\n");
    let by_string = client
        .call(
            "workspace/executeCommand",
            json!({ "command": "bclint.render", "arguments": [URI] }),
        )
        .await;
    assert_eq!(by_string, by_object);
    let unknown = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "bclint.nope", "arguments": [] }),
        )
        .await;
    assert_eq!(unknown["error"]["code"], -32602);
}

#[tokio::test]
async fn editor_settings_override_rule_levels() {
    let mut client = TestClient::start();
    client
        .initialize(
            "file:///workspace",
            json!({ "bclint": { "severity": { "BC301": "off", "BC201": "error" } } }),
        )
        .await;
    client.open(URI, "buildcontent", TEXT);
    let published = client.diagnostics(URI).await;
    assert_eq!(codes(&published), ["BC201"]);
    assert_eq!(published["diagnostics"][0]["severity"], 1);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "bclint": { "severity": { "BC301": "info" } } } }),
    );
    let published = client.diagnostics(URI).await;
    assert_eq!(codes(&published), ["BC201", "BC301"]);
    assert_eq!(published["diagnostics"][1]["severity"], 3);
    // Without settings in the notification, the server asks with workspace/configuration (the
    // test client answers `{ "severity": {} }`, as VS Code does), back to the defaults.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    let published = client.diagnostics(URI).await;
    assert_eq!(published["diagnostics"][1]["severity"], 2);
}

#[tokio::test]
async fn bclint_toml_is_honoured_and_reloaded_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let settings = dir.path().join("bclint.toml");
    std::fs::write(&settings, "ignore = [\"BC301\"]\n").unwrap();
    let root = file_uri(dir.path());
    let uri = format!("{root}/build.buildcontent");
    let mut client = TestClient::start();
    client.initialize(&root, json!({})).await;
    client.open(&uri, "buildcontent", TEXT);
    assert_eq!(codes(&client.diagnostics(&uri).await), ["BC201"]);
    std::fs::write(&settings, "[severity]\nBC201 = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&settings), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri).await), ["BC301"]);
}

/// BC007 is the finding `bclint check` reports (`crates/bclint/tests` has its twin), so the
/// settings that change it in the CLI change it in the editor.
#[tokio::test]
async fn a_file_too_large_is_bc007_and_obeys_bclint_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let settings = dir.path().join("bclint.toml");
    std::fs::write(&settings, "[severity]\nBC007 = \"warning\"\n").unwrap();
    let root = file_uri(dir.path());
    let uri = format!("{root}/big.buildcontent");
    let mut client = TestClient::start();
    client.initialize(&root, json!({})).await;
    client.open(&uri, "buildcontent", &"RUN echo hi\n".repeat(100_000));
    let big = client.diagnostics(&uri).await;
    assert_eq!(codes(&big), ["BC007"]);
    assert_eq!(big["diagnostics"][0]["severity"], 2, "a warning: {big}");
    std::fs::write(&settings, "ignore = [\"BC007\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&settings), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri).await), Vec::<&str>::new());
}

#[tokio::test]
async fn manifests_get_code_lenses_and_links_and_so_do_their_templates() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("imagepipeline.toml");
    let template = dir.path().join("build.buildcontent");
    std::fs::write(
        &manifest,
        "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbuild = \"build.buildcontent\"\n",
    )
    .unwrap();
    std::fs::write(&template, "RUN echo hi\n").unwrap();
    let mut client = TestClient::start();
    client.initialize(&file_uri(dir.path()), json!({})).await;
    let manifest_uri = file_uri(&manifest);
    let template_uri = file_uri(&template);
    client.open(
        &manifest_uri,
        "imagepipeline-toml",
        &std::fs::read_to_string(&manifest).unwrap(),
    );
    client.open(&template_uri, "buildcontent", "RUN echo hi\n");
    client.diagnostics(&template_uri).await;
    let redact = |v: Value| {
        serde_json::from_str::<Value>(&v.to_string().replace(&file_uri(dir.path()), "file:///tmp"))
            .unwrap()
    };
    assert_json_snapshot!(
        "manifest_lenses",
        redact(
            client
                .call("textDocument/codeLens", text_document(&manifest_uri))
                .await
        )
    );
    assert_json_snapshot!(
        "template_lenses",
        redact(
            client
                .call("textDocument/codeLens", text_document(&template_uri))
                .await
        )
    );
    assert_json_snapshot!(
        "manifest_links",
        redact(
            client
                .call("textDocument/documentLink", text_document(&manifest_uri))
                .await
        )
    );
    assert_json_snapshot!(
        "manifest_symbols",
        client
            .call("textDocument/documentSymbol", text_document(&manifest_uri))
            .await
    );

    // A component manifest gets the same lenses: submitting it creates the component.
    let component_manifest = dir.path().join("web.imagecomponent.toml");
    let component_text = "name = \"web\"\nversion = \"1.0.0\"\n";
    std::fs::write(&component_manifest, component_text).unwrap();
    std::fs::write(dir.path().join("web.imagecomponent"), "RUN echo hi\n").unwrap();
    let component_uri = file_uri(&component_manifest);
    client.open(&component_uri, "toml", component_text);
    let same_as_the_pipeline_manifest = serde_json::from_str::<Value>(
        &client
            .call("textDocument/codeLens", text_document(&manifest_uri))
            .await
            .to_string()
            .replace(&manifest_uri, &component_uri),
    )
    .unwrap();
    assert_eq!(
        client
            .call("textDocument/codeLens", text_document(&component_uri))
            .await,
        same_as_the_pipeline_manifest
    );
}

#[tokio::test]
async fn errors_are_answered_and_never_kill_the_server() {
    let mut client = started().await;
    // Malformed JSON: a parse error with a null id.
    client.send_raw(b"Content-Length: 9\r\n\r\n{\"bad\": }");
    let parse_error = client
        .wait_for(
            |m| m.get("error").is_some() && m["id"].is_null(),
            "parse error",
        )
        .await;
    assert_eq!(parse_error["error"]["code"], -32700);
    // Unknown method.
    let unknown = client.request("textDocument/unknownThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    // A document that is not open.
    let closed = client
        .request(
            "textDocument/hover",
            at("file:///workspace/none.buildcontent", 0, 0),
        )
        .await;
    assert_eq!(closed["error"]["code"], -32602);
    assert!(
        closed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not open")
    );
    // A position past the end.
    client.open(URI, "buildcontent", TEXT);
    client.diagnostics(URI).await;
    let past = client.request("textDocument/hover", at(URI, 40, 2)).await;
    assert_eq!(past["error"]["code"], -32602);
    // A panicking handler is an internal error, and the server keeps serving.
    let panic = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "bclint.debug.panic", "arguments": [] }),
        )
        .await;
    assert_eq!(panic["error"]["code"], -32603);
    assert!(
        panic["error"]["message"]
            .as_str()
            .unwrap()
            .contains("deliberate panic")
    );
    let hover = client.call("textDocument/hover", at(URI, 1, 1)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("BC301")
    );
    // A document too large to be a template gets one diagnostic and no analysis.
    let big_uri = "file:///workspace/big.buildcontent";
    client.open(big_uri, "buildcontent", &"RUN echo hi\n".repeat(100_000));
    let big = client.diagnostics(big_uri).await;
    assert_eq!(codes(&big), ["BC007"]);
    assert!(
        big["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("file too large to be a template (1200000 bytes")
    );
    // shutdown then exit: serve returns true (exit code 0).
    assert_eq!(client.call("shutdown", Value::Null).await, Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.close().await.unwrap());
}

#[tokio::test]
async fn exit_without_shutdown_is_a_failure() {
    let client = started().await;
    client.notify("exit", Value::Null);
    assert!(!client.close().await.unwrap());
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let mut client = TestClient::start();
    let early = client.request("textDocument/hover", at(URI, 0, 0)).await;
    assert_eq!(early["error"]["code"], -32002);
}

#[tokio::test]
async fn manifests_are_linted_completed_and_documented() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("imagepipeline.toml");
    let uri = file_uri(&manifest);
    let text = "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-bp1\"\nsystem_disk_size = 10\n";
    let mut client = TestClient::start();
    client.initialize(&file_uri(dir.path()), json!({})).await;
    client.open(&uri, "imagepipeline-toml", text);
    let published = client.diagnostics(&uri).await;
    assert_eq!(codes(&published), ["BC505"]);
    // Half-typed: invalid TOML (BC500) while completion still works.
    let text = format!("{text}\nrepair_mode = \n");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri).await), ["BC500"]);
    let keys = client.call("textDocument/completion", at(&uri, 4, 0)).await;
    let labels: Vec<&str> = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"instance_type") && labels.contains(&"image_options"),
        "{labels:?}"
    );
    let values = client
        .call("textDocument/completion", at(&uri, 5, 14))
        .await;
    assert_json_snapshot!("manifest_values", values);
    let hover = client.call("textDocument/hover", at(&uri, 0, 2)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("RegionId"),
        "{hover}"
    );
}

#[tokio::test]
async fn open_manifests_follow_their_templates_as_they_are_edited_and_closed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let template = dir.path().join("build.buildcontent");
    std::fs::write(&template, "RUN yum install -y nginx\n").unwrap();
    let manifest = dir.path().join("imagepipeline.toml");
    let manifest_uri = file_uri(&manifest);
    let template_uri = file_uri(&template);
    // No public bandwidth and no vSwitch: a template that downloads from the Internet is BC522.
    let text = "region = \"cn-hangzhou\"\nname = \"web\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-bp1234567890abcdef\"\nbuild = \"build.buildcontent\"\n";
    let mut client = TestClient::start();
    client.initialize(&file_uri(dir.path()), json!({})).await;
    client.open(&manifest_uri, "imagepipeline-toml", text);
    assert_eq!(
        codes(&client.diagnostics(&manifest_uri).await),
        Vec::<&str>::new()
    );

    // Opening the template with unsaved text that downloads: the manifest reads the editor's text.
    client.open(
        &template_uri,
        "buildcontent",
        "RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\n",
    );
    assert_eq!(codes(&client.diagnostics(&manifest_uri).await), ["BC522"]);

    // Editing the download away clears it again.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": template_uri, "version": 2 },
                "contentChanges": [{ "text": "RUN yum install -y nginx\n" }] }),
    );
    assert_eq!(
        codes(&client.diagnostics(&manifest_uri).await),
        Vec::<&str>::new()
    );

    // Put it back, then close without saving: the disk's text (no download) counts again.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": template_uri, "version": 3 },
                "contentChanges": [{ "text": "RUN wget https://example.com/a.sh\n" }] }),
    );
    assert_eq!(codes(&client.diagnostics(&manifest_uri).await), ["BC522"]);
    client.notify("textDocument/didClose", text_document(&template_uri));
    assert_eq!(
        codes(&client.diagnostics(&manifest_uri).await),
        Vec::<&str>::new()
    );

    // A change on disk to a template that is not open, reported by the file watcher.
    std::fs::write(&template, "RUN curl -O https://example.com/b.sh\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": template_uri, "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&manifest_uri).await), ["BC522"]);
}

#[tokio::test]
async fn clients_that_pull_get_no_pushed_diagnostics_and_a_refresh_on_settings_change() {
    let mut client = TestClient::start();
    let result = client
        .initialize_with(
            "file:///workspace",
            json!({ "bclint": { "severity": {} } }),
            vscode_capabilities(),
        )
        .await;
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "bclint"
    );
    client.open(URI, "buildcontent", TEXT);
    let pulled = client
        .call("textDocument/diagnostic", text_document(URI))
        .await;
    let pulled_codes: Vec<&str> = pulled["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(pulled_codes, ["BC201", "BC301"]);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "bclint": { "severity": { "BC301": "off" } } } }),
    );
    client.notification("workspace/diagnostic/refresh").await;
    let pulled = client
        .call("textDocument/diagnostic", text_document(URI))
        .await;
    assert_eq!(pulled["items"].as_array().unwrap().len(), 1);
    client.notify("textDocument/didClose", text_document(URI));
    client.call("shutdown", Value::Null).await;
    // Nothing was ever pushed, not even the empty list on close.
    let pushed: Vec<Value> = client
        .drain()
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(pushed, Vec::<Value>::new());
}

#[tokio::test]
async fn clients_that_do_not_pull_get_pushed_diagnostics_with_versions() {
    let mut client = TestClient::start();
    let result = client
        .initialize("file:///workspace", json!({ "bclint": { "severity": {} } }))
        .await;
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    client.open(URI, "buildcontent", TEXT);
    let published = client.diagnostics(URI).await;
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), ["BC201", "BC301"]);
    client.notify("textDocument/didClose", text_document(URI));
    let cleared = client.diagnostics(URI).await;
    assert_eq!(cleared["diagnostics"], json!([]));
}

/// A template with a finding on each of its 100 lines, so that every publish is large.
fn many_findings() -> String {
    "run echo hi\n".repeat(100)
}

/// `count` didChange notifications for `uri` as one write, each typing `x` at the end of the
/// first line of [`many_findings`], for versions `first..first + count`.
fn typing(uri: &str, first: i32, count: u32) -> Vec<u8> {
    let mut edits = Vec::new();
    for i in 0..count {
        let end = json!({ "line": 0, "character": 11 + i });
        edits.extend(frame(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": first + i as i32 },
                "contentChanges": [{ "range": { "start": end, "end": end }, "text": "x" }]
            }
        })));
    }
    edits
}

#[tokio::test]
async fn the_editor_gets_the_first_thousand_findings_and_a_count_of_the_rest() {
    let mut client = started().await;
    // 1,502 findings: one per line (BC301), the 128th command (BC102) and the size (BC101).
    let text = "run echo hi\n".repeat(1_500);
    client.open(URI, "buildcontent", &text);
    let published = client.diagnostics(URI).await;
    let pulled = client
        .call("textDocument/diagnostic", text_document(URI))
        .await;
    for diagnostics in [&published["diagnostics"], &pulled["items"]] {
        let diagnostics = diagnostics.as_array().unwrap();
        assert_eq!(diagnostics.len(), 1_001);
        // The first 1,000 by position: lines 0 to 998, BC102 among them.
        assert_eq!(diagnostics[999]["range"]["start"]["line"], 998);
        let note = &diagnostics[1_000];
        assert_eq!(note["code"], Value::Null);
        assert_eq!(note["severity"], 3);
        assert_eq!(
            note["range"],
            json!({ "start": { "line": 1_500, "character": 0 }, "end": { "line": 1_500, "character": 0 } })
        );
        assert_eq!(
            note["message"],
            "502 more findings are not shown (the editor gets the first 1000); `bclint check` lists them all"
        );
    }
    // A document with 1,000 findings (999 lines and BC102) gets them all and no note.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "text": "run echo hi\n".repeat(999) }] }),
    );
    let published = client.diagnostics(URI).await;
    let codes = codes(&published);
    assert_eq!(codes.len(), 1_000);
    assert!(codes.iter().all(|code| code.starts_with("BC")), "{codes:?}");
}

#[tokio::test]
async fn ten_thousand_queued_edits_are_analysed_and_published_a_few_times() {
    let mut client = started().await;
    let text = many_findings();
    client.open(URI, "buildcontent", &text);
    client.diagnostics(URI).await;
    // 10,000 edits sent at once, then a hover: it is answered once the edits are applied, without
    // waiting for 10,000 analyses.
    client.send_raw(&typing(URI, 2, 10_000));
    let version = 10_001;
    let hover = client.call("textDocument/hover", at(URI, 1, 1)).await;
    assert!(hover["contents"]["value"].as_str().unwrap().contains("RUN"));
    // Each publish carries the newest version analysed when the client took the previous one.
    let mut publishes = 0;
    let last = loop {
        let published = client.diagnostics(URI).await;
        publishes += 1;
        if published["version"] == version {
            break published;
        }
    };
    // The burst is applied whole before the server analyses again: one publish for it (a
    // server that analysed whenever its input paused for a moment published hundreds).
    assert!(publishes <= 2, "{publishes} publishes for 10,000 edits");
    let mut fresh = text.clone();
    fresh.insert_str(11, &"x".repeat(10_000));
    let fresh_uri = "file:///workspace/fresh.buildcontent";
    client.open(fresh_uri, "buildcontent", &fresh);
    assert_eq!(
        last["diagnostics"],
        client.diagnostics(fresh_uri).await["diagnostics"]
    );
}

#[tokio::test]
async fn a_client_that_stops_reading_holds_up_a_bounded_number_of_publishes() {
    use tokio::io::{AsyncWriteExt, BufReader};
    // The client's end holds 64 KB, about two publishes of `many_findings`.
    let (client_side, server_side) = tokio::io::duplex(64 * 1024);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(bc_lsp::serve(server_read, server_write));
    let (read, mut write) = tokio::io::split(client_side);
    let request = |id: i64, method: &str, params: Value| {
        frame(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
    };
    let notification = |method: &str, params: Value| {
        frame(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    };
    let mut reader = BufReader::new(read);
    let initialize = request(
        1,
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    write.write_all(&initialize).await.unwrap();
    support::read_message(&mut reader).await.unwrap();
    let mut input = notification("initialized", json!({}));
    input.extend(notification(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "buildcontent", "version": 1, "text": many_findings() } }),
    ));
    // 5,000 edits while nothing is read: the server takes them all (a server that queued a
    // publish per edit would now hold 5,000 of them).
    input.extend(typing(URI, 2, 5_000));
    input.extend(request(2, "shutdown", Value::Null));
    write.write_all(&input).await.unwrap();
    // Reading again: whatever was pending arrives, then the newest diagnostics, then the answer.
    let mut versions = Vec::new();
    loop {
        let message = support::read_message(&mut reader).await.unwrap();
        if message["method"] == "textDocument/publishDiagnostics" {
            versions.push(message["params"]["version"].as_i64().unwrap());
        }
        if message["id"] == 2 {
            break;
        }
    }
    // What the 64 KB pipe and the server's output queue (four frames) held: the server stopped
    // analysing when they were full, and its one pending publish waited.
    assert!(
        versions.len() <= 16,
        "{} publishes: {versions:?}",
        versions.len()
    );
    let last = loop {
        match versions.last() {
            Some(5_001) => break 5_001,
            _ => {
                let message = support::read_message(&mut reader).await.unwrap();
                if message["method"] == "textDocument/publishDiagnostics" {
                    versions.push(message["params"]["version"].as_i64().unwrap());
                }
            }
        }
    };
    assert_eq!(last, 5_001);
    write
        .write_all(&notification("exit", Value::Null))
        .await
        .unwrap();
    assert!(server.await.unwrap());
}

#[tokio::test]
async fn terraform_files_get_findings_quick_fixes_and_hover_on_them_only() {
    let mut client = started().await;
    let uri = "file:///workspace/main.tf";
    let text = "resource \"alicloud_ecs_image_pipeline\" \"web\" {\n  build_content = <<-EOT\n    ENV A=\"${var.x}\"\n    RUN yum install nginx\n  EOT\n}\n";
    client.open(uri, "terraform", text);
    let published = client.diagnostics(uri).await;
    assert_eq!(codes(&published), ["BC303"]);
    let bc303 = published["diagnostics"][0].clone();
    assert_eq!(
        bc303["range"]["start"],
        json!({ "line": 3, "character": 8 })
    );
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": bc303["range"], "context": { "diagnostics": [bc303], "only": ["quickfix"] } }),
        )
        .await;
    let fixed = apply_edits(text, actions[0]["edit"]["changes"][uri].as_array().unwrap());
    assert_eq!(fixed, text.replace("yum install", "yum install -y"));
    let hover = client.call("textDocument/hover", at(uri, 3, 10)).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**BC303**"), "{value}");
    // Nothing else: no hover, completion or symbols outside the findings.
    let elsewhere = client.call("textDocument/hover", at(uri, 0, 2)).await;
    assert_eq!(elsewhere, Value::Null);
    let completion = client.call("textDocument/completion", at(uri, 1, 2)).await;
    assert_eq!(completion, json!([]));
}

/// A YAML component and a template calling it (design.md §1, "component linkage"): the
/// component's own findings, its completion, hover, definitions and outline; the template's
/// link findings from the project index, re-published when the component changes in the
/// editor; and go to definition from the `COMPONENT` line to the component file.
#[tokio::test]
async fn yaml_components_are_served_and_linked_to_the_templates_calling_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let component_path = dir.path().join("web.imagecomponent.yaml");
    let component = "Parameters:\n  port:\n    Type: Number\n  user:\n    Type: String\n    DefaultValue: admin\nTasks:\n  - Name: install\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n  - Name: check\n    Action: RunShelCommand\n    Properties:\n      commandContent: echo {{ install.stdout }}\n";
    std::fs::write(&component_path, component).unwrap();
    std::fs::write(
        dir.path().join("web.imagecomponent.toml"),
        "name = \"web\"\nversion = \"1.0.0\"\ncomponent_type = \"Test\"\n",
    )
    .unwrap();
    let template_path = dir.path().join("build.buildcontent");
    let template = "COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/web/1.0.0 --prot 22\n";
    std::fs::write(&template_path, template).unwrap();
    let root = file_uri(dir.path());
    let (component_uri, template_uri) = (file_uri(&component_path), file_uri(&template_path));
    let mut client = TestClient::start();
    client.initialize(&root, json!({})).await;

    client.open(&template_uri, "buildcontent", template);
    let mut link_codes = codes(&client.diagnostics(&template_uri).await);
    link_codes.sort();
    assert_eq!(link_codes, ["BC701", "BC702", "BC704"]);
    let definition = client
        .call("textDocument/definition", at(&template_uri, 0, 50))
        .await;
    assert_eq!(definition[0]["uri"], component_uri.as_str());

    client.open(&component_uri, "yaml", component);
    let published = client.diagnostics(&component_uri).await;
    // `user` is never referenced (BC609), `RunShelCommand` is misspelt (BC603).
    assert_eq!(codes(&published), ["BC609", "BC603"]);
    let bc603 = &published["diagnostics"][1];
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": component_uri }, "range": bc603["range"], "context": { "diagnostics": [bc603], "only": ["quickfix"] } }),
        )
        .await;
    assert!(
        actions[0]["title"]
            .as_str()
            .unwrap()
            .contains("RunShellCommand"),
        "{actions}"
    );

    let labels = |items: &Value| -> Vec<String> {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let actions = client
        .call("textDocument/completion", at(&component_uri, 8, 12))
        .await;
    assert!(labels(&actions).contains(&"OSSDownload".to_owned()));
    let references = client
        .call("textDocument/completion", at(&component_uri, 14, 31))
        .await;
    assert_eq!(labels(&references), ["port", "user", "install.stdout"]);
    let types = client
        .call("textDocument/completion", at(&component_uri, 2, 10))
        .await;
    assert_eq!(labels(&types), ["String", "Number", "Boolean"]);

    let hover = client
        .call("textDocument/hover", at(&component_uri, 8, 16))
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**RunShellCommand**")
    );
    let to_port = client
        .call("textDocument/definition", at(&component_uri, 10, 32))
        .await;
    assert_eq!(
        to_port[0]["range"]["start"],
        json!({ "line": 1, "character": 2 })
    );
    let to_task = client
        .call("textDocument/definition", at(&component_uri, 14, 30))
        .await;
    assert_eq!(
        to_task[0]["range"]["start"],
        json!({ "line": 7, "character": 10 })
    );
    let symbols = client
        .call("textDocument/documentSymbol", text_document(&component_uri))
        .await;
    assert_eq!(
        labels(
            &symbols
                .as_array()
                .unwrap()
                .iter()
                .map(|s| json!({ "label": s["name"] }))
                .collect()
        ),
        ["port", "user", "install", "check"]
    );

    // The component gets a default for `port` and a `prot` parameter in the editor: the
    // template is checked again against the unsaved text.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": component_uri, "version": 2 },
                "contentChanges": [{ "text": component.replace("    Type: Number\n", "    Type: Number\n    DefaultValue: 80\n  prot:\n    Type: Number\n    DefaultValue: 1\n") }] }),
    );
    assert_eq!(codes(&client.diagnostics(&template_uri).await), ["BC704"]);
}
