//! Where a repository ends. bclint reads files a stranger may have committed, so a symbolic link
//! or a manifest path must not take it out of the repository (to `/etc/passwd`, a home
//! directory, or `/proc/self/environ`) unless the user says so.

use std::path::{Component, Path, PathBuf};

/// The repository a directory belongs to: the nearest ancestor holding `.git`, else the
/// directory itself.
pub fn root(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .ancestors()
        .find(|candidate| candidate.join(".git").exists())
        .map_or(absolute.clone(), Path::to_path_buf)
}

/// Whether `path` lies under `root` once `..` and symbolic links are resolved (as far as they
/// exist; a missing file is judged by its lexical path).
pub fn contains(root: &Path, path: &Path) -> bool {
    let resolved = path
        .canonicalize()
        .unwrap_or_else(|_| normalize(&std::path::absolute(path).unwrap_or_default()));
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    resolved.starts_with(root)
}

/// Whether `path` is a symbolic link whose target, followed to the end, lies outside the
/// repository holding the link.
pub fn link_leaves(path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    is_link && !contains(&root(parent(path)), path)
}

/// The directory holding `path`; the parent of a bare file name is the current directory.
pub fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `a/./b/../c` → `a/c`, without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_that_leave_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        std::fs::write(repo.join("inside.buildcontent"), "RUN a\n").unwrap();
        std::fs::write(dir.path().join("outside.buildcontent"), "RUN a\n").unwrap();
        symlink("../inside.buildcontent", repo.join("sub/in.buildcontent")).unwrap();
        symlink("../outside.buildcontent", repo.join("out.buildcontent")).unwrap();
        symlink("/proc/self/environ", repo.join("env.buildcontent")).unwrap();
        assert_eq!(root(&repo.join("sub")), repo);
        assert!(!link_leaves(&repo.join("sub/in.buildcontent")));
        assert!(
            !link_leaves(&repo.join("inside.buildcontent")),
            "not a link"
        );
        assert!(link_leaves(&repo.join("out.buildcontent")));
        assert!(link_leaves(&repo.join("env.buildcontent")));
        assert!(!contains(
            &repo,
            &repo.join("sub/../../outside.buildcontent")
        ));
        assert!(contains(
            &repo,
            &repo.join("missing/../sub/new.buildcontent")
        ));
    }
}
