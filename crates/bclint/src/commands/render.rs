//! `bclint render`: print the wire form, exactly what `submit` sends.

use std::io::Write as _;

use bc_syntax::FileKind;
use bc_workspace::files::{self, SourceKind};

use crate::args::{KindArg, RenderArgs};
use crate::escape::escape_controls;
use crate::exit_status::ExitStatus;

pub fn run(args: &RenderArgs) -> ExitStatus {
    let stdin = args.path.as_os_str() == "-";
    let kind = match args
        .kind
        .map(KindArg::source_kind)
        .or_else(|| SourceKind::from_path(&args.path))
    {
        Some(SourceKind::Template(kind)) => kind,
        Some(SourceKind::Manifest | SourceKind::Embedded(_)) => {
            eprintln!(
                "bclint: error: {}: render takes a template, not a manifest or a Terraform or ROS file",
                escape_controls(&args.path.display().to_string())
            );
            return ExitStatus::Error;
        }
        None if stdin => FileKind::Build,
        None => {
            eprintln!(
                "bclint: error: {}: cannot tell the kind of this file; pass --kind build|test|component",
                escape_controls(&args.path.display().to_string())
            );
            return ExitStatus::Error;
        }
    };
    let read = if stdin {
        files::read_source_from(std::io::stdin().lock())
    } else {
        files::read_source(&args.path)
    };
    let source = match read {
        Ok(source) => source,
        Err(error) => {
            eprintln!(
                "bclint: error: {}: {error}",
                escape_controls(&args.path.display().to_string())
            );
            return ExitStatus::Error;
        }
    };
    let parse = bc_syntax::parse(&source, kind);
    let wire = bc_syntax::render(&parse);
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(wire.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitStatus::Error;
    }
    if let Some(error) = parse.errors().first() {
        let at = bc_syntax::LineIndex::new(&source).line_col_chars(&source, error.span.start);
        eprintln!(
            "bclint: warning: {}:{}:{}: {} (run `bclint check` for details)",
            escape_controls(&args.path.display().to_string()),
            at.line + 1,
            at.col + 1,
            error.message
        );
        return ExitStatus::Failure;
    }
    ExitStatus::Success
}
