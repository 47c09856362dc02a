//! `bclint render`: print the wire form, exactly what `submit` sends.

use std::io::Write as _;

use bc_syntax::{FileKind, LineIndex, Span};
use bc_workspace::files::{self, SourceKind};

use crate::args::{KindArg, RenderArgs};
use crate::escape::escape_controls;
use crate::exit_status::ExitStatus;

pub fn run(args: &RenderArgs) -> ExitStatus {
    let stdin = args.path.as_os_str() == "-";
    let shown = || escape_controls(&args.path.display().to_string()).into_owned();
    let kind = match args
        .kind
        .map(KindArg::source_kind)
        .or_else(|| SourceKind::from_path(&args.path))
    {
        Some(SourceKind::Manifest | SourceKind::ComponentManifest | SourceKind::Embedded(_)) => {
            eprintln!(
                "bclint: error: {}: render takes a template or a component, not a manifest or a Terraform or ROS file",
                shown()
            );
            return ExitStatus::Error;
        }
        Some(kind) => kind,
        None if stdin => SourceKind::Template(FileKind::Build),
        None => {
            eprintln!(
                "bclint: error: {}: cannot tell the kind of this file; pass --kind build|test|component",
                shown()
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
            eprintln!("bclint: error: {}: {error}", shown());
            return ExitStatus::Error;
        }
    };
    // A YAML component is sent as written, comments included (they are valid YAML); a template
    // or Dockerfile-format component as its wire form.
    let (wire, first_error) = match kind.of_content(&source) {
        SourceKind::Template(kind) => {
            let parse = bc_syntax::parse(&source, kind);
            let error = parse
                .errors()
                .first()
                .map(|error| (error.span, error.message.clone()));
            (bc_syntax::render(&parse), error)
        }
        _ => {
            let component = bc_component::parse(&source);
            let error = component
                .errors()
                .first()
                .map(|error| (error.span, error.message.clone()));
            (source.clone(), error)
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(wire.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitStatus::Error;
    }
    if let Some((span, message)) = first_error {
        warn_syntax_error(&shown(), &source, span, &message);
        return ExitStatus::Failure;
    }
    ExitStatus::Success
}

/// Tells that what was printed has a syntax error, and where.
fn warn_syntax_error(shown: &str, source: &str, span: Span, message: &str) {
    let at = LineIndex::new(source).line_col_chars(source, span.start);
    eprintln!(
        "bclint: warning: {shown}:{}:{}: {} (run `bclint check` for details)",
        at.line + 1,
        at.col + 1,
        escape_controls(message)
    );
}
