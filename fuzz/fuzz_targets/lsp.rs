//! The language server survives any bytes on its input: the input is served through
//! `bc_lsp::serve` in process (framing, JSON-RPC and every handler), after a valid `initialize`
//! and `didOpen` so that document edits reach the analysis.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let mut input =
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    input.extend(frame(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.extend(frame(
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///f/a.buildcontent","languageId":"buildcontent","version":1,"text":"RUN yum install nginx\n"}}}"#,
    ));
    input.extend_from_slice(data);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(bc_lsp::serve(
        std::io::Cursor::new(input),
        tokio::io::sink(),
    ));
});
