//! The project indexes the server keeps: one [`ProjectIndex`] per repository (or per workspace
//! folder outside any repository), so that the cross-file questions — which component is called
//! `web`, which manifests name this template, what to re-check after an edit — get the answers
//! `bclint check` gets, and the server never walks the disk itself.
//!
//! An index is built on the blocking pool when its workspace folder is announced (`initialize`)
//! or when a document of another repository first needs one; only what needs it waits for that
//! build. It is then kept current by the open documents' text (`overlay`, `remove_overlay`) and
//! by the file watcher (`update`, `remove`), each of which returns the files to re-check. The
//! server itself holds nothing of the disk: only the open documents.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bc_workspace::index::ProjectIndex;
use bc_workspace::repository;
use tokio::sync::watch;

use crate::guard::lock;

/// The index of one repository, once built.
pub struct Project {
    root: PathBuf,
    index: Mutex<Option<ProjectIndex>>,
    /// Set once the index is installed.
    built: watch::Sender<bool>,
}

impl Project {
    fn new(root: PathBuf) -> Project {
        Project {
            root,
            index: Mutex::new(None),
            built: watch::Sender::new(false),
        }
    }

    /// The directory the index covers.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Waits until the index is built (at once if it is).
    pub async fn ready(&self) {
        let mut built = self.built.subscribe();
        // The sender lives as long as `self`, so waiting cannot fail.
        let _ = built.wait_for(|built| *built).await;
    }

    /// Runs `f` on the index, or returns `None` while it is still being built.
    pub fn with<R>(&self, f: impl FnOnce(&mut ProjectIndex) -> R) -> Option<R> {
        lock(&self.index).as_mut().map(f)
    }

    /// Installs the freshly built `index`, after lending it the open documents' text, which
    /// `overlays` gives. That text is asked for under the index's lock: a document edited
    /// meanwhile is then either in it, or lends its text itself once the index is in place.
    pub fn install(
        &self,
        mut index: ProjectIndex,
        overlays: impl FnOnce() -> Vec<(PathBuf, String)>,
    ) {
        let mut slot = lock(&self.index);
        for (path, text) in overlays() {
            index.overlay(&path, text);
        }
        *slot = Some(index);
        drop(slot);
        self.built.send_replace(true);
    }
}

/// The workspace folders and the projects known so far.
#[derive(Default)]
pub struct Projects {
    folders: Mutex<Vec<PathBuf>>,
    by_root: Mutex<HashMap<PathBuf, Arc<Project>>>,
}

impl Projects {
    /// Replaces the workspace folders.
    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        *lock(&self.folders) = folders;
    }

    /// Adds and removes workspace folders.
    pub fn change_folders(&self, added: &[PathBuf], removed: &[PathBuf]) {
        let mut folders = lock(&self.folders);
        folders.retain(|folder| !removed.contains(folder));
        folders.extend_from_slice(added);
    }

    /// The project holding the directory `dir`, and whether it is new (its index is then still
    /// to be built, by the caller).
    pub fn for_dir(&self, dir: &Path) -> (Arc<Project>, bool) {
        let root = self.root_of(dir);
        let mut by_root = lock(&self.by_root);
        if let Some(project) = by_root.get(&root) {
            return (project.clone(), false);
        }
        let project = Arc::new(Project::new(root.clone()));
        by_root.insert(root, project.clone());
        (project, true)
    }

    /// The project holding the directory `dir`, if one was made.
    pub fn existing(&self, dir: &Path) -> Option<Arc<Project>> {
        lock(&self.by_root).get(&self.root_of(dir)).cloned()
    }

    /// The root of the project holding `dir`: its repository (the nearest ancestor holding
    /// `.git`), else the innermost workspace folder holding it, else `dir` itself.
    fn root_of(&self, dir: &Path) -> PathBuf {
        let repository = repository::root(dir);
        if repository.join(".git").exists() {
            return repository;
        }
        lock(&self.folders)
            .iter()
            .filter(|folder| repository.starts_with(folder))
            .max_by_key(|folder| folder.components().count())
            .cloned()
            .unwrap_or(repository)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_per_repository_else_per_workspace_folder() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        let plain = dir.path().join("plain");
        std::fs::create_dir_all(plain.join("deep")).unwrap();
        let projects = Projects::default();
        projects.set_folders(vec![dir.path().to_path_buf()]);
        let (in_repo, new) = projects.for_dir(&repo.join("sub"));
        assert!(new);
        assert_eq!(in_repo.root(), repo);
        assert!(!projects.for_dir(&repo).1, "the same project");
        assert_eq!(projects.for_dir(&plain.join("deep")).0.root(), dir.path());
        let elsewhere = tempfile::tempdir().unwrap();
        assert_eq!(
            projects.for_dir(elsewhere.path()).0.root(),
            elsewhere.path()
        );
    }
}
