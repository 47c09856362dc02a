//! Loading what an `imagepipeline.toml` references, so the pure manifest rules can judge it.

use std::path::{Path, PathBuf};

use bc_pipeline::{TemplateFile, TemplateRole, TemplateStatus, Templates, referenced_templates};
use bc_syntax::FileKind;

use crate::files::{ReadError, read_source};

/// A template file referenced by a manifest, resolved on disk.
#[derive(Debug, Clone)]
pub struct ResolvedTemplate {
    /// `build` or `test`.
    pub role: TemplateRole,
    /// The path as written in the manifest.
    pub written: String,
    /// The path on disk (relative to the manifest's directory).
    pub path: PathBuf,
    /// The text, when it could be read.
    pub source: Option<String>,
}

/// Reads the templates `manifest_text` (at `manifest_path`) references, for
/// [`bc_pipeline::lint_manifest`], and returns them with their resolved paths and sources.
pub fn load_templates(
    manifest_path: &Path,
    manifest_text: &str,
) -> (Templates, Vec<ResolvedTemplate>) {
    // `Path::parent` of a bare file name is the empty path; it means the current directory.
    let base = manifest_path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let root = repository_root(&base);
    let mut templates = Templates::default();
    let mut resolved = Vec::new();
    for (role, written, _span) in referenced_templates(manifest_text) {
        let path = base.join(&written);
        let kind = FileKind::from_file_name(&written);
        let (status, source) = match read_source(&path) {
            Ok(text) => {
                let parse_kind = kind.unwrap_or_else(|| role.file_kind());
                (
                    TemplateStatus::Loaded {
                        parse: bc_syntax::parse(&text, parse_kind),
                    },
                    Some(text),
                )
            }
            Err(ReadError::Io(_)) => (TemplateStatus::Missing, None),
            Err(ReadError::NotAFile) => (TemplateStatus::NotAFile, None),
            Err(ReadError::TooLarge { .. }) => (TemplateStatus::TooLarge, None),
            Err(ReadError::NotUtf8(error)) => (
                TemplateStatus::NotUtf8 {
                    offset: error.offset,
                },
                None,
            ),
        };
        let outside_root = !is_inside(&path, &root);
        let file = TemplateFile {
            path_display: path.display().to_string(),
            kind,
            status,
            outside_root,
        };
        match role {
            TemplateRole::Build => templates.build = Some(file),
            TemplateRole::Test => templates.test = Some(file),
        }
        resolved.push(ResolvedTemplate {
            role,
            written,
            path,
            source,
        });
    }
    (templates, resolved)
}

/// The repository a directory belongs to: the nearest ancestor holding `.git`, else the
/// directory itself.
pub fn repository_root(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .ancestors()
        .find(|candidate| candidate.join(".git").exists())
        .map_or(absolute.clone(), Path::to_path_buf)
}

/// Whether `path` lies under `root` once `..` and symbolic links are resolved (as far as they
/// exist; a missing file is judged by its lexical path).
fn is_inside(path: &Path, root: &Path) -> bool {
    let resolved = path
        .canonicalize()
        .unwrap_or_else(|_| normalize(&std::path::absolute(path).unwrap_or_default()));
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    resolved.starts_with(root)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_judges_templates() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(repo.join("b.buildcontent"), "RUN a\n").unwrap();
        std::fs::write(dir.path().join("outside.testcontent"), "RUN t\n").unwrap();
        let manifest = repo.join("imagepipeline.toml");
        let text = "build = \"b.buildcontent\"\ntest = \"../outside.testcontent\"\n";
        let (templates, resolved) = load_templates(&manifest, text);
        let build = templates.build.unwrap();
        assert!(matches!(build.status, TemplateStatus::Loaded { .. }));
        assert!(!build.outside_root);
        let test = templates.test.unwrap();
        assert!(test.outside_root, "../ leaves the repository");
        assert_eq!(resolved.len(), 2);
        assert_eq!(resolved[0].source.as_deref(), Some("RUN a\n"));

        let (templates, _) = load_templates(&manifest, "build = \"/dev/zero\"\n");
        assert!(matches!(
            templates.build.unwrap().status,
            TemplateStatus::NotAFile
        ));
        let (templates, _) = load_templates(&manifest, "build = \"missing.buildcontent\"\n");
        assert!(matches!(
            templates.build.unwrap().status,
            TemplateStatus::Missing
        ));
    }
}
