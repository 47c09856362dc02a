//! Turning the paths on the command line into the inputs to process: files, standard input,
//! and paths that cannot be used, with the reason.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use bc_syntax::FileKind;
use bc_workspace::files::SourceKind;
use bc_workspace::repository;
use bc_workspace::settings::{Discovery, Settings};

use crate::args::{FileArgs, KindArg};

/// One input to process.
#[derive(Debug)]
pub enum Input {
    /// A file on disk, with its kind.
    File { path: PathBuf, kind: SourceKind },
    /// Standard input, reported under `name`.
    Stdin { name: PathBuf, kind: SourceKind },
    /// A path that could not be used, with the reason.
    Error { path: PathBuf, message: String },
}

/// Expands the command-line paths: directories are walked honouring `.gitignore` and
/// `[files]` settings, explicit files are taken as they are, `-` is standard input.
///
/// A symbolic link whose target leaves the repository is refused, named or found in a walk
/// (pre-commit names committed links; CI walks them), so a stranger's commit cannot make bclint
/// print a file of the machine. A bad settings file is one error, reported once, and the files
/// it governs are not processed.
pub fn collect(args: &FileArgs, discovery: &Discovery) -> Vec<Input> {
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        &args.paths[..]
    };
    let mut inputs = Vec::new();
    let mut settings = SettingsOnce::new(discovery);
    for path in paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            let kind = args
                .kind
                .map(KindArg::source_kind)
                .or_else(|| SourceKind::from_path(&name));
            inputs.push(match kind {
                Some(kind) => Input::Stdin { name, kind },
                None => Input::Error {
                    path: name,
                    message:
                        "cannot tell the kind of standard input; pass --kind or --stdin-filename"
                            .into(),
                },
            });
        } else if repository::link_leaves(path) {
            inputs.push(leaves_repository(path.clone()));
        } else if path.is_dir() {
            walk(path, &mut settings, &mut inputs);
        } else if settings.get(path, &mut inputs).is_none() {
            continue;
        } else {
            let kind = SourceKind::detect(path).or_else(|| args.kind.map(KindArg::source_kind));
            inputs.push(match kind {
                Some(kind) => Input::File {
                    path: path.clone(),
                    kind,
                },
                None if !path.exists() => Input::Error {
                    path: path.clone(),
                    message: "no such file or directory".into(),
                },
                None => Input::Error {
                    path: path.clone(),
                    message:
                        "cannot tell the kind of this file; name it *.buildcontent, *.testcontent, \
                              *.imagecomponent, *.imagecomponent.yaml, imagepipeline.toml, \
                              *.tf or *.ros.yaml, or pass --kind"
                            .into(),
                },
            });
        }
    }
    inputs
}

fn walk(dir: &Path, settings: &mut SettingsOnce<'_>, inputs: &mut Vec<Input>) {
    // Symbolic links are followed (a linked template directory is linted like any other) while
    // they stay in the repository; the walker detects loops, which are reported and skipped.
    let root = repository::root(dir);
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(true)
        .filter_entry({
            let root = root.clone();
            // A linked directory outside the repository is not entered (a linked file is
            // refused below, by name).
            move |entry| !(leaves(entry, &root) && entry.file_type().is_some_and(|t| t.is_dir()))
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| dir.to_path_buf());
                inputs.push(Input::Error {
                    path,
                    message: walk_error_message(&error),
                });
                continue;
            }
        };
        // Anything that is not a directory and has a template's name is taken, so that a
        // dangling link or a FIFO named `*.buildcontent` is reported rather than silently skipped.
        if entry.file_type().is_none_or(|t| t.is_dir()) {
            continue;
        }
        let outside = leaves(&entry, &root);
        let path = entry.into_path();
        let Some(settings) = settings.get(&path, inputs) else {
            continue;
        };
        if settings.is_excluded(&path) {
            continue;
        }
        let kind = SourceKind::detect(&path).or_else(|| {
            settings
                .is_included(&path)
                .then_some(SourceKind::Template(FileKind::Build))
        });
        match kind {
            Some(_) if outside => found.push(leaves_repository(path)),
            Some(kind) => found.push(Input::File { path, kind }),
            None => {}
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    inputs.extend(found);
}

/// Whether a walked entry is a symbolic link whose target is outside the repository at `root`.
fn leaves(entry: &ignore::DirEntry, root: &Path) -> bool {
    entry.path_is_symlink() && !repository::contains(root, entry.path())
}

fn leaves_repository(path: PathBuf) -> Input {
    Input::Error {
        path,
        message: "symbolic link whose target is outside the repository; not read".into(),
    }
}

/// Settings lookups that turn a settings error into one [`Input::Error`], however many files
/// the settings file governs.
struct SettingsOnce<'d> {
    discovery: &'d Discovery,
    reported: HashSet<PathBuf>,
}

impl<'d> SettingsOnce<'d> {
    fn new(discovery: &'d Discovery) -> SettingsOnce<'d> {
        SettingsOnce {
            discovery,
            reported: HashSet::new(),
        }
    }

    /// The settings for `path`, or `None` after reporting (the first time) why there are none.
    fn get(&mut self, path: &Path, inputs: &mut Vec<Input>) -> Option<std::sync::Arc<Settings>> {
        match self.discovery.settings_for(path) {
            Ok(settings) => Some(settings),
            Err(error) => {
                // Reported under the first file it governs, as `file: settings:line:col: problem`,
                // which keeps the settings file's location clickable.
                if self.reported.insert(error.path.clone()) {
                    inputs.push(Input::Error {
                        path: path.to_path_buf(),
                        message: format!(
                            "{error}; the files this settings file governs are not checked"
                        ),
                    });
                }
                None
            }
        }
    }
}

impl Input {
    /// The path the input is reported under.
    pub fn path(&self) -> &Path {
        match self {
            Input::File { path, .. } | Input::Error { path, .. } => path,
            Input::Stdin { name, .. } => name,
        }
    }

    /// The kind of the input, `None` for one that could not be used.
    pub fn kind(&self) -> Option<SourceKind> {
        match self {
            Input::File { kind, .. } | Input::Stdin { kind, .. } => Some(*kind),
            Input::Error { .. } => None,
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            walk_error_message(err)
        }
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}; skipped", ancestor.display())
        }
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied; skipped".into()
        }
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "no such file (a dangling symbolic link?); skipped".into()
        }
        other => other.to_string(),
    }
}
