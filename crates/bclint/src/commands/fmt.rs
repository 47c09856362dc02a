//! `bclint fmt`: the canonical layout, written in place, checked, or shown as a diff.

use std::io::{self, Write as _};

use bc_workspace::files::{self, SourceKind};
use bc_workspace::settings::Overrides;
use rayon::prelude::*;

use crate::args::FmtArgs;
use crate::diff::unified_diff;
use crate::escape::escape_controls;
use crate::exit_status::ExitStatus;
use crate::inputs::{Input, collect};
use crate::settings::discovery;

enum Outcome {
    Unchanged,
    Changed {
        diff: Option<String>,
    },
    Skipped,
    /// A YAML component or a Terraform or ROS file: never rewritten, and the user is told why.
    LeftAsIs(&'static str),
    Failed(String),
}

pub fn run(args: &FmtArgs) -> ExitStatus {
    let discovery = match discovery(
        args.files.config.as_deref(),
        args.files.no_config,
        Overrides::default(),
    ) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("bclint: error: {}", escape_controls(&message));
            return ExitStatus::Error;
        }
    };
    let inputs = collect(&args.files, &discovery);
    let outcomes: Vec<(std::path::PathBuf, Outcome)> = inputs
        .into_par_iter()
        .map(|input| (input.path().to_path_buf(), format_input(input, args)))
        .collect();
    let mut stdout = io::stdout().lock();
    let (mut changed, mut failed, mut unchanged) = (0, 0, 0);
    for (path, outcome) in &outcomes {
        match outcome {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Skipped => {}
            Outcome::LeftAsIs(why) => {
                let shown = path.display().to_string();
                let _ = writeln!(io::stderr(), "bclint: {}: {why}", escape_controls(&shown));
            }
            Outcome::Changed { diff } => {
                changed += 1;
                if let Some(diff) = diff {
                    let _ = stdout.write_all(diff.as_bytes());
                } else if args.check {
                    let shown = path.display().to_string();
                    let _ = writeln!(stdout, "Would reformat: {}", escape_controls(&shown));
                }
            }
            Outcome::Failed(message) => {
                failed += 1;
                let problem = format!("{}: {message}", path.display());
                eprintln!("bclint: error: {}", escape_controls(&problem));
            }
        }
    }
    let verb = if args.check || args.diff {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let _ = writeln!(
        io::stderr(),
        "{changed} file{} {verb}, {unchanged} file{} already formatted",
        if changed == 1 { "" } else { "s" },
        if unchanged == 1 { "" } else { "s" }
    );
    if failed > 0 {
        ExitStatus::Error
    } else if changed > 0 && (args.check || args.diff) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn format_input(input: Input, args: &FmtArgs) -> Outcome {
    let (path, kind, source, stdin) = match input {
        Input::Error { message, .. } => return Outcome::Failed(message),
        Input::File { path, kind } => match files::read_source(&path) {
            Ok(source) => (path, kind, source, false),
            Err(error) => return Outcome::Failed(error.to_string()),
        },
        Input::Stdin { name, kind } => match files::read_source_from(io::stdin().lock()) {
            Ok(source) => (name, kind, source, true),
            Err(error) => return Outcome::Failed(error.to_string()),
        },
    };
    let file_kind = match kind.of_content(&source) {
        SourceKind::Template(file_kind) => file_kind,
        // YAML is sent to the service as written (design.md §1): its layout is the author's,
        // and standard input is echoed byte for byte so an editor's format-on-save keeps it.
        SourceKind::YamlComponent => {
            if stdin && !args.check && !args.diff {
                print!("{source}");
            }
            return Outcome::LeftAsIs(
                "YAML component left unchanged (bclint never reformats YAML)",
            );
        }
        // The host file's layout is Terraform's or ROS's; its templates are never rewritten.
        SourceKind::Embedded(_) => {
            if stdin && !args.check && !args.diff {
                print!("{source}");
            }
            return Outcome::LeftAsIs(
                "Terraform or ROS file left unchanged (bclint formats template files only)",
            );
        }
        // Manifests are TOML; formatting them is left to TOML formatters.
        SourceKind::Manifest | SourceKind::ComponentManifest => return Outcome::Skipped,
    };
    let formatted = bc_lint::format(&bc_syntax::parse(&source, file_kind));
    if stdin && !args.check && !args.diff {
        print!("{formatted}");
        return if formatted == source {
            Outcome::Unchanged
        } else {
            Outcome::Changed { diff: None }
        };
    }
    if formatted == source {
        return Outcome::Unchanged;
    }
    if args.diff {
        return Outcome::Changed {
            diff: Some(unified_diff(&path, &source, &formatted)),
        };
    }
    if !args.check
        && let Err(error) = files::write_atomically(&path, &source, &formatted)
    {
        return Outcome::Failed(format!("cannot write the formatted file: {error}"));
    }
    Outcome::Changed { diff: None }
}
