//! Loading what an `imagepipeline.toml` or a component manifest references, so the pure manifest
//! rules can judge it.

use std::path::{Path, PathBuf};

use bc_component::link::ComponentFormat;
use bc_pipeline::component::ContentFile;
use bc_pipeline::{TemplateFile, TemplateRole, TemplateStatus, Templates, referenced_templates};
use bc_syntax::FileKind;

use crate::files::{ReadError, read_source};
use crate::repository;

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
///
/// A file outside the manifest's repository is read only when `allow_outside_repository` (the
/// `bclint.toml` key of that name) says so. `open` gives the text of a file the caller already
/// holds (a document open in an editor), which wins over the disk; the command line passes
/// `&|_| None`.
pub fn load_templates(
    manifest_path: &Path,
    manifest_text: &str,
    allow_outside_repository: bool,
    open: &dyn Fn(&Path) -> Option<String>,
) -> (Templates, Vec<ResolvedTemplate>) {
    let root = repository::root(repository::parent(manifest_path));
    let mut templates = Templates::default();
    let mut resolved = Vec::new();
    for (role, written, _span) in referenced_templates(manifest_text) {
        let (file, template) = load_template(
            manifest_path,
            &root,
            role,
            written,
            allow_outside_repository,
            open,
        );
        match role {
            TemplateRole::Build => templates.build = Some(file),
            TemplateRole::Test => templates.test = Some(file),
        }
        resolved.push(template);
    }
    (templates, resolved)
}

/// Reads the template file `written` names for `role`, relative to the file at `referrer` (a
/// manifest, or a Terraform or ROS file that names it with `file("…")`) in the repository at
/// `root`: what [`load_templates`] does for each file a manifest names, under the same rules.
pub fn load_template(
    referrer: &Path,
    root: &Path,
    role: TemplateRole,
    written: String,
    allow_outside_repository: bool,
    open: &dyn Fn(&Path) -> Option<String>,
) -> (TemplateFile, ResolvedTemplate) {
    let path = resolve(referrer, &written);
    let kind = FileKind::from_file_name(&written);
    let outside_root = !repository::contains(root, &path);
    let (status, source) = if outside_root && !allow_outside_repository {
        (TemplateStatus::OutsideRepository, None)
    } else {
        load(&path, kind.unwrap_or_else(|| role.file_kind()), open)
    };
    let file = TemplateFile {
        path_display: written.clone(),
        kind,
        status,
        outside_root,
    };
    let template = ResolvedTemplate {
        role,
        written,
        path,
        source,
    };
    (file, template)
}

/// Reads the component a component manifest (`manifest_text` at `manifest_path`) describes:
/// the file its `content` key names, else the component file beside it with its stem
/// (`web.imagecomponent.toml` → `web.imagecomponent`, `.yaml` or `.yml`). Returns what the
/// manifest's rules need to know (BC533, BC534) and the file and its text, when read. Reading follows the
/// same rules as a pipeline manifest's templates: inside the repository unless
/// `allow_outside_repository`, never `/proc` and the like, sources only.
pub fn load_component_content(
    manifest_path: &Path,
    manifest_text: &str,
    allow_outside_repository: bool,
) -> (ContentFile, Option<(PathBuf, String)>) {
    let written = bc_pipeline::component::parse_component_manifest(manifest_text)
        .manifest
        .and_then(|manifest| manifest.content)
        .map(|content| content.value);
    let candidates: Vec<PathBuf> = match &written {
        Some(written) => vec![resolve(manifest_path, written)],
        None => {
            let name = manifest_path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let stem = &name[..name.len().saturating_sub(".imagecomponent.toml".len())];
            [
                ".imagecomponent",
                ".imagecomponent.yaml",
                ".imagecomponent.yml",
            ]
            .iter()
            .map(|suffix| manifest_path.with_file_name(format!("{stem}{suffix}")))
            .collect()
        }
    };
    let Some(path) = candidates
        .iter()
        .find(|path| written.is_some() || path.exists())
    else {
        let unreadable = "none of `<stem>.imagecomponent`, `.yaml` or `.yml` exists".to_owned();
        return (ContentFile::Unreadable(unreadable), None);
    };
    let root = repository::root(repository::parent(manifest_path));
    if !allow_outside_repository && !repository::contains(&root, path) {
        let why = "it is outside the repository (set `allow-outside-repository = true` in bclint.toml to read it)";
        return (ContentFile::Unreadable(why.to_owned()), None);
    }
    match read_source(path) {
        Ok(text) => {
            let yaml_by_name = path
                .to_str()
                .is_some_and(|p| p.ends_with(".yaml") || p.ends_with(".yml"));
            let format = if yaml_by_name {
                ComponentFormat::Yaml
            } else {
                ComponentFormat::of(&text)
            };
            (ContentFile::Read(format), Some((path.clone(), text)))
        }
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            (ContentFile::Unreadable("no such file".to_owned()), None)
        }
        Err(error) => (ContentFile::Unreadable(error.to_string()), None),
    }
}

/// Where a path written in the manifest at `manifest_path` (`build`, `test`, or a component
/// manifest's `content`) points: relative paths are relative to the manifest's directory, as
/// the service's Terraform and ROS users expect of a file beside its manifest.
pub fn resolve(manifest_path: &Path, written: &str) -> PathBuf {
    repository::parent(manifest_path).join(written)
}

/// Reads and parses one template: from `open` if the caller holds it, else from the disk.
fn load(
    path: &Path,
    kind: FileKind,
    open: &dyn Fn(&Path) -> Option<String>,
) -> (TemplateStatus, Option<String>) {
    // The caller knows its files by their plain absolute paths, without `.` or `..`.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = match open(&repository::normalize(&absolute)).map_or_else(|| read_source(path), Ok) {
        Ok(text) => text,
        Err(ReadError::Io(_)) => return (TemplateStatus::Missing, None),
        Err(ReadError::NotAFile | ReadError::SystemFile { .. }) => {
            return (TemplateStatus::NotAFile, None);
        }
        Err(ReadError::TooLarge { .. }) => return (TemplateStatus::TooLarge, None),
        Err(ReadError::NotUtf8(error)) => {
            let offset = error.offset;
            return (TemplateStatus::NotUtf8 { offset }, None);
        }
    };
    let parse = bc_syntax::parse(&text, kind);
    (TemplateStatus::Loaded { parse }, Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_disk(_: &Path) -> Option<String> {
        None
    }

    #[test]
    fn loads_and_judges_templates() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(repo.join("b.buildcontent"), "RUN a\n").unwrap();
        std::fs::write(dir.path().join("outside.testcontent"), "RUN t\n").unwrap();
        let manifest = repo.join("imagepipeline.toml");
        let text = "build = \"b.buildcontent\"\ntest = \"../outside.testcontent\"\n";
        let (templates, resolved) = load_templates(&manifest, text, false, &on_disk);
        let build = templates.build.unwrap();
        assert!(matches!(build.status, TemplateStatus::Loaded { .. }));
        assert!(!build.outside_root);
        let test = templates.test.unwrap();
        assert!(test.outside_root, "../ leaves the repository");
        assert_eq!(test.status, TemplateStatus::OutsideRepository);
        assert_eq!(resolved.len(), 2);
        assert_eq!(resolved[0].source.as_deref(), Some("RUN a\n"));
        assert_eq!(resolved[1].source, None, "the file outside is not read");

        let (templates, resolved) = load_templates(&manifest, text, true, &on_disk);
        assert!(matches!(
            templates.test.unwrap().status,
            TemplateStatus::Loaded { .. }
        ));
        assert_eq!(resolved[1].source.as_deref(), Some("RUN t\n"));

        let (templates, _) = load_templates(&manifest, "build = \"/dev/zero\"\n", true, &on_disk);
        assert!(matches!(
            templates.build.unwrap().status,
            TemplateStatus::NotAFile
        ));
        let (templates, _) = load_templates(
            &manifest,
            "build = \"missing.buildcontent\"\n",
            false,
            &on_disk,
        );
        assert!(matches!(
            templates.build.unwrap().status,
            TemplateStatus::Missing
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn system_files_are_never_read_even_when_outside_files_are_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("env.buildcontent"))
            .unwrap();
        let manifest = dir.path().join("imagepipeline.toml");
        for written in [
            "/proc/self/environ",
            "../../../../../../proc/self/environ",
            "env.buildcontent",
        ] {
            let text = format!("build = \"{written}\"\n");
            for allow in [false, true] {
                let (templates, resolved) = load_templates(&manifest, &text, allow, &on_disk);
                let status = templates.build.unwrap().status;
                let expected = if allow {
                    TemplateStatus::NotAFile
                } else {
                    TemplateStatus::OutsideRepository
                };
                assert_eq!(status, expected, "{written}, allowed: {allow}");
                assert_eq!(resolved[0].source, None);
            }
        }
    }

    #[test]
    fn open_documents_win_over_the_disk_but_not_over_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        let manifest = repo.join("imagepipeline.toml");
        let open = |path: &Path| Some(format!("RUN echo {}\n", path.display()));
        let text = "build = \"./a/../b.buildcontent\"\ntest = \"../t.testcontent\"\n";
        let (templates, resolved) = load_templates(&manifest, text, false, &open);
        assert_eq!(
            resolved[0].source.as_deref(),
            Some(format!("RUN echo {}\n", repo.join("b.buildcontent").display()).as_str()),
            "the open document is looked up by its plain path"
        );
        assert_eq!(
            templates.test.unwrap().status,
            TemplateStatus::OutsideRepository
        );
    }
}
