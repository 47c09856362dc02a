//! Prints the debug tree of a file: `cargo run -p bc_syntax --example dump -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let kind = bc_syntax::FileKind::from_file_name(&path).unwrap_or(bc_syntax::FileKind::Build);
    print!("{}", bc_syntax::debug_tree(&bc_syntax::parse(&text, kind)));
    print!(
        "--- wire form ---\n{}",
        bc_syntax::render(&bc_syntax::parse(&text, kind))
    );
}
