//! Turning the paths on the command line into the files to process.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use bc_syntax::FileKind;
use bc_workspace::files::SourceKind;
use bc_workspace::repository;
use bc_workspace::settings::{Discovery, Settings};

use crate::cli::{FileArgs, KindArg};

/// One thing to process.
#[derive(Debug)]
pub enum Target {
    /// A file on disk, with its kind.
    File { path: PathBuf, kind: SourceKind },
    /// Standard input, reported under `name`.
    Stdin { name: PathBuf, kind: SourceKind },
    /// A path that could not be used, with the reason.
    Error { path: PathBuf, message: String },
}

impl KindArg {
    /// The source kind this flag names.
    pub fn source_kind(self) -> SourceKind {
        match self {
            KindArg::Build => SourceKind::Template(FileKind::Build),
            KindArg::Test => SourceKind::Template(FileKind::Test),
            KindArg::Component => SourceKind::Template(FileKind::Component),
            KindArg::Manifest => SourceKind::Manifest,
        }
    }
}

/// Expands the command-line paths: directories are walked honouring `.gitignore` and
/// `[files]` settings, explicit files are taken as they are, `-` is standard input.
///
/// A symbolic link whose target leaves the repository is refused, named or found in a walk
/// (pre-commit names committed links; CI walks them), so a stranger's commit cannot make bclint
/// print a file of the machine. A bad settings file is one error, reported once, and the files
/// it governs are not processed.
pub fn collect(args: &FileArgs, discovery: &Discovery) -> Vec<Target> {
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        &args.paths[..]
    };
    let mut targets = Vec::new();
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
            targets.push(match kind {
                Some(kind) => Target::Stdin { name, kind },
                None => Target::Error {
                    path: name,
                    message:
                        "cannot tell the kind of standard input; pass --kind or --stdin-filename"
                            .into(),
                },
            });
        } else if repository::link_leaves(path) {
            targets.push(leaves_repository(path.clone()));
        } else if path.is_dir() {
            walk(path, &mut settings, &mut targets);
        } else if settings.get(path, &mut targets).is_none() {
            continue;
        } else {
            let kind = SourceKind::from_path(path).or_else(|| args.kind.map(KindArg::source_kind));
            targets.push(match kind {
                Some(kind) => Target::File {
                    path: path.clone(),
                    kind,
                },
                None if !path.exists() => Target::Error {
                    path: path.clone(),
                    message: "no such file or directory".into(),
                },
                None => Target::Error {
                    path: path.clone(),
                    message:
                        "cannot tell the kind of this file; name it *.buildcontent, *.testcontent, \
                              *.imagecomponent or imagepipeline.toml, or pass --kind"
                            .into(),
                },
            });
        }
    }
    targets
}

fn walk(dir: &Path, settings: &mut SettingsOnce<'_>, targets: &mut Vec<Target>) {
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
                targets.push(Target::Error {
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
        let Some(settings) = settings.get(&path, targets) else {
            continue;
        };
        if settings.is_excluded(&path) {
            continue;
        }
        let kind = SourceKind::from_path(&path).or_else(|| {
            settings
                .is_included(&path)
                .then_some(SourceKind::Template(FileKind::Build))
        });
        match kind {
            Some(_) if outside => found.push(leaves_repository(path)),
            Some(kind) => found.push(Target::File { path, kind }),
            None => {}
        }
    }
    found.sort_by(|a, b| target_path(a).cmp(target_path(b)));
    targets.extend(found);
}

/// Whether a walked entry is a symbolic link whose target is outside the repository at `root`.
fn leaves(entry: &ignore::DirEntry, root: &Path) -> bool {
    entry.path_is_symlink() && !repository::contains(root, entry.path())
}

fn leaves_repository(path: PathBuf) -> Target {
    Target::Error {
        path,
        message: "symbolic link whose target is outside the repository; not read".into(),
    }
}

/// Settings lookups that turn a settings error into one [`Target::Error`], however many files
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
    fn get(&mut self, path: &Path, targets: &mut Vec<Target>) -> Option<std::sync::Arc<Settings>> {
        match self.discovery.settings_for(path) {
            Ok(settings) => Some(settings),
            Err(error) => {
                // Reported under the first file it governs, as `file: settings:line:col: problem`,
                // which keeps the settings file's location clickable.
                if self.reported.insert(error.path.clone()) {
                    targets.push(Target::Error {
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

/// The path a target is reported under.
pub fn target_path(target: &Target) -> &Path {
    match target {
        Target::File { path, .. } | Target::Error { path, .. } => path,
        Target::Stdin { name, .. } => name,
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
