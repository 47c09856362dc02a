//! The parts of a language-server test client that do not depend on how the server is reached
//! (an in-process pipe or a child's stdio): framing, the capabilities editors send, and applying
//! the edits the server returns.

use std::io::BufRead;
use std::path::Path;

use serde_json::{Value, json};

/// Frames a JSON-RPC message with its `Content-Length` header.
pub fn frame(value: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(value).expect("a JSON value serialises");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// Reads one framed message; `None` at the end of the stream. Header names are matched without
/// regard to case, and blank lines before a header are skipped.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}

/// The client capabilities that matter, as VS Code sends them (it pulls diagnostics).
pub fn vscode_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "window": { "workDoneProgress": true, "showMessage": {} },
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true },
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true, "relativePatternSupport": true },
            "codeLens": { "refreshSupport": true },
            "inlayHint": { "refreshSupport": true },
            "diagnostics": { "refreshSupport": true },
            "semanticTokens": { "refreshSupport": true },
            "workspaceFolders": true
        },
        "textDocument": {
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "tagSupport": { "valueSet": [1, 2] }, "codeDescriptionSupport": true },
            "synchronization": { "didSave": true },
            "completion": { "completionItem": { "snippetSupport": true } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "codeAction": { "isPreferredSupport": true, "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["", "quickfix", "source", "source.fixAll"] } } },
            "semanticTokens": { "requests": { "full": { "delta": true } }, "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"] },
            "diagnostic": { "dynamicRegistration": true }
        }
    })
}

/// VS Code's capabilities without `textDocument.diagnostic`: a client that only takes pushed
/// diagnostics (Neovim before 0.10).
pub fn push_capabilities() -> Value {
    let mut capabilities = vscode_capabilities();
    capabilities["textDocument"]
        .as_object_mut()
        .expect("textDocument is an object")
        .remove("diagnostic");
    capabilities
}

/// Applies LSP text edits (UTF-16 ranges) to a text.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().expect("an edit has newText"),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

/// The byte offset of an LSP position (UTF-16 columns), clamped to the text.
pub fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("a position has a line") as usize;
    let character = position["character"]
        .as_u64()
        .expect("a position has a character") as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// A `file://` URI for a path.
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}
