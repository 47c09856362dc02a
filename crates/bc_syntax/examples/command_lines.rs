//! Prints where each command and each BC001/BC002 error is, as byte offsets, one item a line:
//! `cargo run -p bc_syntax --example command_lines -- FILE...`. The tree-sitter grammar's
//! differential test (editors/tree-sitter/differential.py) compares this with the grammar's tree.
//!
//! ```text
//! file PATH
//! command RUN 12 40
//! error BC002 57
//! ```
//! A command is its keyword (`?` when unknown), its first byte and its last byte that is not a
//! blank or a line break; an error is its code and first byte.
use bc_syntax::{FileKind, Item, KeywordKind, SyntaxErrorKind, parse};

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let kind = FileKind::from_file_name(&path).unwrap_or(FileKind::Build);
        let parsed = parse(&text, kind);
        println!("file {path}");
        for item in parsed.items() {
            let Item::Command(command) = item else {
                continue;
            };
            let written = command.span.text(&text).trim_end();
            let last = command.span.start + written.len().max(1) - 1;
            let keyword = match command.keyword.kind {
                KeywordKind::Unknown => {
                    println!("error BC002 {}", command.keyword.span.start);
                    "?"
                }
                known => known.as_str(),
            };
            println!("command {keyword} {} {last}", command.span.start);
        }
        for error in parsed.errors() {
            // A dangling continuation is BC005, a warning: the command around it is intact.
            if error.kind != SyntaxErrorKind::DanglingContinuation {
                println!("error BC001 {}", error.span.start);
            }
        }
    }
}
