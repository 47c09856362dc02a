//! The project index: what one repository holds (templates, components in both formats,
//! component manifests and pipeline manifests) and how they name each other, for the checks that
//! cross files (design.md §1, "component linkage").
//!
//! A `COMPONENT acs:…:imagecomponent/<name>/…` line is checked against the local component of
//! that name, and a pipeline manifest against the templates it names. Answering "which component
//! is called `web`" or "which manifests name this template" by scanning the disk on every edit
//! costs a walk per keystroke, so the command line and the language server share this index
//! instead: built once from the repository, then kept current one file at a time. Each change
//! returns the files whose findings may change with it (its *dependents*), so an edit re-checks
//! those and nothing else.
//!
//! The index keeps a few facts per file (`index/facts.rs`), never the files' text (except the open
//! documents an editor lends it), so it stays small on a large repository. Files are known by
//! their absolute path without `.` or `..` segments; symbolic links are not resolved, so a file
//! is known by the path it was found at.

mod facts;
#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use bc_component::SystemType;
use bc_component::link::CalledComponent;
pub use bc_component::link::{CalledParameter, ComponentFormat, ComponentType};
use bc_lint::Diagnostic;
use bc_syntax::FileKind;

pub use facts::{ComponentManifest, Spanned};

use crate::files::{SourceKind, read_source};
use crate::repository::{self, normalize};
use facts::{Facts, component_stem};

/// The files of one repository and the links between them. See the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct ProjectIndex {
    root: PathBuf,
    files: HashMap<PathBuf, Facts>,
    /// Open documents' text, which wins over the disk.
    overlays: HashMap<PathBuf, String>,
    /// Template path → the pipeline manifests naming it (whether or not the template exists,
    /// so that creating it re-checks them).
    manifests_naming: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// Component name → the templates whose `COMPONENT` lines name it.
    templates_naming: HashMap<String, BTreeSet<PathBuf>>,
    /// Content path → the component manifests whose `content` key names it.
    manifests_with_content: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// Component name → the component files of that name (several versions may coexist).
    components_named: HashMap<String, BTreeSet<PathBuf>>,
    /// Component file → the name it is filed under in `components_named`.
    component_names: HashMap<PathBuf, String>,
}

/// A local component as the index sees it: its content file merged with its manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedComponent<'i> {
    /// The content file.
    pub path: &'i Path,
    /// The component manifest describing it, if any.
    pub manifest_path: Option<&'i Path>,
    /// What that manifest says, with the spans of its values.
    pub manifest: Option<&'i ComponentManifest>,
    /// The manifest's `name`, else the file name before `.imagecomponent`.
    pub name: &'i str,
    /// The manifest's `version`, if set.
    pub version: Option<&'i str>,
    /// Build or Test (Build without a manifest).
    pub component_type: ComponentType,
    /// Linux or Windows (Linux without a manifest).
    pub system_type: SystemType,
    /// Dockerfile-format or YAML.
    pub format: ComponentFormat,
    /// The parameters a YAML component declares; none for a Dockerfile-format one.
    pub parameters: &'i [CalledParameter],
}

impl From<IndexedComponent<'_>> for CalledComponent {
    fn from(component: IndexedComponent<'_>) -> CalledComponent {
        CalledComponent {
            name: component.name.to_owned(),
            version: component.version.map(str::to_owned),
            component_type: component.component_type,
            system_type: component.system_type,
            format: component.format,
            parameters: component.parameters.to_vec(),
        }
    }
}

impl ProjectIndex {
    /// An empty index of the repository at `root` (see [`repository::root`]), to be filled with
    /// [`ProjectIndex::update_with_text`]: how tests feed it files that are not on disk.
    pub fn new(root: &Path) -> ProjectIndex {
        ProjectIndex {
            root: absolute(root),
            ..ProjectIndex::default()
        }
    }

    /// Indexes the repository at `root`: every template, component and manifest the walk finds,
    /// honouring `.gitignore` (also outside Git, as `check` does) and skipping hidden files.
    ///
    /// Symbolic links to directories are not entered: one inside the repository shows files the
    /// walk reaches anyway (and would list each component twice), and one leaving it must not
    /// be read. A linked file is indexed when its target stays in the repository. Files that
    /// cannot be read as sources (too large, not UTF-8, not regular, under `/proc`) and
    /// directories that cannot be listed are left out; `check` reports them.
    pub fn build(root: &Path) -> ProjectIndex {
        let mut index = ProjectIndex::new(root);
        let walker = ignore::WalkBuilder::new(&index.root)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walker.flatten() {
            if entry.file_type().is_none_or(|t| t.is_dir()) {
                continue;
            }
            let Some(kind) = indexed_kind(entry.path()) else {
                continue;
            };
            if entry.path_is_symlink() && !repository::contains(&index.root, entry.path()) {
                continue;
            }
            if let Ok(text) = read_source(entry.path())
                && let Some(facts) = facts::read(entry.path(), kind, &text)
            {
                index.files.insert(entry.into_path(), facts);
            }
        }
        // Names come from manifests, so components are filed only once every manifest is in.
        let paths: Vec<PathBuf> = index.files.keys().cloned().collect();
        for path in &paths {
            index.link(path);
        }
        for path in &paths {
            index.file_component(path);
        }
        index
    }

    /// The repository root the index covers.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many files are indexed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is indexed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether `path` is indexed.
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(&absolute(path))
    }

    /// Re-reads `path` (its open document if the editor lent one, else the disk) after it was
    /// created, changed or deleted, and returns the files to re-check (see
    /// [`ProjectIndex::dependents`]), before and after the change: a component renamed from
    /// `a` to `b` re-checks the templates naming either.
    pub fn update(&mut self, path: &Path) -> Vec<PathBuf> {
        let path = absolute(path);
        let facts = self
            .indexable(&path)
            .and_then(|kind| match self.overlays.get(&path) {
                Some(text) => facts::read(&path, kind, text),
                None => read_source(&path)
                    .ok()
                    .and_then(|text| facts::read(&path, kind, &text)),
            });
        self.set(path, facts)
    }

    /// Indexes `text` as the content of `path`, without reading the disk or keeping the text;
    /// returns the files to re-check as [`ProjectIndex::update`] does.
    pub fn update_with_text(&mut self, path: &Path, text: &str) -> Vec<PathBuf> {
        let path = absolute(path);
        let facts = self
            .indexable(&path)
            .and_then(|kind| facts::read(&path, kind, text));
        self.set(path, facts)
    }

    /// Forgets `path` (deleted from disk); returns the files to re-check. An open document of
    /// that path stays indexed from its text: the editor's buffer still holds it.
    pub fn remove(&mut self, path: &Path) -> Vec<PathBuf> {
        let path = absolute(path);
        if self.overlays.contains_key(&path) {
            return self.update(&path);
        }
        self.set(path, None)
    }

    /// Lends the index an open document's unsaved text, which wins over the disk until
    /// [`ProjectIndex::remove_overlay`]; returns the files to re-check. Text for a file the
    /// index does not hold (outside the repository, or not a template, component or manifest)
    /// is not kept.
    pub fn overlay(&mut self, path: &Path, text: String) -> Vec<PathBuf> {
        let path = absolute(path);
        if self.indexable(&path).is_some() {
            self.overlays.insert(path.clone(), text);
        }
        self.update(&path)
    }

    /// Drops the open document of `path` (the editor closed it) and re-reads the disk; returns
    /// the files to re-check.
    pub fn remove_overlay(&mut self, path: &Path) -> Vec<PathBuf> {
        let path = absolute(path);
        self.overlays.remove(&path);
        self.update(&path)
    }

    /// The local components called `name`, in path order: several versions may coexist.
    pub fn components_named(&self, name: &str) -> Vec<IndexedComponent<'_>> {
        self.components_named
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|path| self.component(path))
            .collect()
    }

    /// Whether a local component is called `name`.
    pub fn has_component(&self, name: &str) -> bool {
        !self.components_named(name).is_empty()
    }

    /// The local components called `name` as the link rules see them
    /// ([`bc_component::link::lint_calls`]'s resolver).
    pub fn called_components(&self, name: &str) -> Vec<CalledComponent> {
        self.components_named(name)
            .into_iter()
            .map(CalledComponent::from)
            .collect()
    }

    /// The link findings (BC701–BC706) of a template in this repository: its `COMPONENT` lines
    /// checked against the local components they name. The command line and the language server
    /// both call this, so they report the same findings.
    pub fn lint_calls(
        &self,
        parse: &bc_syntax::Parse,
        config: &bc_lint::Config,
    ) -> Vec<Diagnostic> {
        bc_component::link::lint_calls(parse, |name| self.called_components(name), config)
    }

    /// The component whose content file is `path`.
    pub fn component(&self, path: &Path) -> Option<IndexedComponent<'_>> {
        let (path, facts) = self.files.get_key_value(&absolute(path))?;
        let Facts::Component { format, parameters } = facts else {
            return None;
        };
        let manifest = self.manifest_of(path);
        let declared = manifest.map(|(_, manifest)| manifest);
        Some(IndexedComponent {
            path,
            manifest_path: manifest.map(|(path, _)| path),
            manifest: declared,
            name: self.component_names.get(path).map_or("", String::as_str),
            version: declared.and_then(|m| m.version.as_ref().map(|v| v.value.as_str())),
            component_type: declared.map_or_else(ComponentType::default, |m| m.component_type),
            system_type: declared.map_or_else(SystemType::default, |m| m.system_type),
            format: *format,
            parameters,
        })
    }

    /// The pipeline manifests whose `build` or `test` names `template`, nearest first: those in
    /// the template's directory, then in each parent up to the root, then any others in path
    /// order. Open documents count with their unsaved text.
    pub fn manifests_referencing(&self, template: &Path) -> Vec<PathBuf> {
        let template = absolute(template);
        let mut manifests: Vec<PathBuf> = self
            .manifests_naming
            .get(&template)
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        manifests.sort_by_cached_key(|manifest| {
            let dir = repository::parent(manifest);
            let encloses = template.starts_with(dir);
            (
                !encloses,
                Reverse(dir.components().count()),
                manifest.clone(),
            )
        });
        manifests
    }

    /// The indexed files whose findings may change when `path` changes, in path order:
    ///
    /// - a template: itself and the pipeline manifests naming it;
    /// - a component file: itself, its manifest, and the templates whose `COMPONENT` lines
    ///   name it;
    /// - a component manifest: itself, its component file (whose rules depend on the system
    ///   type) and the templates naming that component;
    /// - a pipeline manifest: itself.
    ///
    /// `path` itself is listed only while it is indexed.
    pub fn dependents(&self, path: &Path) -> Vec<PathBuf> {
        self.dependents_of(&absolute(path)).into_iter().collect()
    }

    fn dependents_of(&self, path: &Path) -> BTreeSet<PathBuf> {
        let mut out = BTreeSet::new();
        if self.files.contains_key(path) {
            out.insert(path.to_path_buf());
        }
        match SourceKind::from_path(path) {
            Some(SourceKind::Template(FileKind::Component) | SourceKind::YamlComponent) => {
                if let Some((manifest, _)) = self.manifest_of(path) {
                    out.insert(manifest.to_path_buf());
                }
                self.add_component_users(path, &mut out);
            }
            Some(SourceKind::Template(_)) => {
                out.extend(
                    self.manifests_naming
                        .get(path)
                        .into_iter()
                        .flatten()
                        .cloned(),
                );
            }
            Some(SourceKind::ComponentManifest) => {
                for content in self.described_by(path) {
                    if self.files.contains_key(&content) {
                        self.add_component_users(&content, &mut out);
                        out.insert(content);
                    }
                }
            }
            Some(SourceKind::Manifest | SourceKind::Embedded(_)) | None => {}
        }
        out
    }

    /// Adds the templates naming the component at `content`.
    fn add_component_users(&self, content: &Path, out: &mut BTreeSet<PathBuf>) {
        if let Some(name) = self.component_names.get(content) {
            out.extend(
                self.templates_naming
                    .get(name)
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
        }
    }

    /// The kind of `path` if the index may hold it: inside the repository (once symbolic links
    /// are resolved) and named like a template, component or manifest.
    fn indexable(&self, path: &Path) -> Option<SourceKind> {
        let kind = indexed_kind(path)?;
        (path.starts_with(&self.root) && repository::contains(&self.root, path)).then_some(kind)
    }

    /// Replaces the facts of `path` and returns the files to re-check.
    fn set(&mut self, path: PathBuf, facts: Option<Facts>) -> Vec<PathBuf> {
        let mut recheck = self.dependents_of(&path);
        // A component manifest names its component; every component it describes, before and
        // after, is filed again under its new name.
        let mut components = self.described_by(&path);
        if let Some(old) = self.files.remove(&path) {
            self.unlink(&path, &old);
        }
        if let Some(facts) = facts {
            self.files.insert(path.clone(), facts);
            self.link(&path);
        }
        components.extend(self.described_by(&path));
        for component in components {
            self.file_component(&component);
        }
        recheck.extend(self.dependents_of(&path));
        if !self.files.contains_key(&path) {
            recheck.remove(&path);
        }
        recheck.into_iter().collect()
    }

    /// The component files a path's facts may name: a component file names itself, a component
    /// manifest its `content` or the component files beside it with its stem.
    fn described_by(&self, path: &Path) -> Vec<PathBuf> {
        match self.files.get(path) {
            Some(Facts::Component { .. }) => vec![path.to_path_buf()],
            Some(Facts::ComponentManifest(ComponentManifest {
                content: Some(content),
                ..
            })) => vec![content.clone()],
            Some(Facts::ComponentManifest(_)) => {
                let Some(stem) = component_stem(path) else {
                    return Vec::new();
                };
                [
                    ".imagecomponent",
                    ".imagecomponent.yaml",
                    ".imagecomponent.yml",
                ]
                .into_iter()
                .map(|suffix| path.with_file_name(format!("{stem}{suffix}")))
                .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Records the links `path`'s facts make to other files.
    fn link(&mut self, path: &Path) {
        match self.files.get(path) {
            Some(Facts::Template { components, .. }) => {
                for name in components {
                    let users = self.templates_naming.entry(name.clone()).or_default();
                    users.insert(path.to_path_buf());
                }
            }
            Some(Facts::PipelineManifest { templates }) => {
                for template in templates {
                    let manifests = self.manifests_naming.entry(template.clone()).or_default();
                    manifests.insert(path.to_path_buf());
                }
            }
            Some(Facts::ComponentManifest(ComponentManifest {
                content: Some(content),
                ..
            })) => {
                let manifests = self
                    .manifests_with_content
                    .entry(content.clone())
                    .or_default();
                manifests.insert(path.to_path_buf());
            }
            _ => {}
        }
    }

    /// Forgets the links `path` made while its facts were `old`.
    fn unlink(&mut self, path: &Path, old: &Facts) {
        match old {
            Facts::Template { components, .. } => {
                for name in components {
                    remove_from(&mut self.templates_naming, name.as_str(), path);
                }
            }
            Facts::PipelineManifest { templates } => {
                for template in templates {
                    remove_from(&mut self.manifests_naming, template.as_path(), path);
                }
            }
            Facts::ComponentManifest(ComponentManifest {
                content: Some(content),
                ..
            }) => remove_from(&mut self.manifests_with_content, content.as_path(), path),
            _ => {}
        }
    }

    /// Files the component at `path` under its current name, or forgets it if `path` is no
    /// longer a component file.
    fn file_component(&mut self, path: &Path) {
        if let Some(old) = self.component_names.remove(path) {
            remove_from(&mut self.components_named, &old, path);
        }
        if !matches!(self.files.get(path), Some(Facts::Component { .. })) {
            return;
        }
        let declared = self
            .manifest_of(path)
            .and_then(|(_, manifest)| manifest.name.as_ref())
            .map(|name| name.value.clone());
        let Some(name) = declared.or_else(|| component_stem(path).map(str::to_owned)) else {
            return;
        };
        let files = self.components_named.entry(name.clone()).or_default();
        files.insert(path.to_path_buf());
        self.component_names.insert(path.to_path_buf(), name);
    }

    /// The manifest describing the component file `content`: the first (in path order) whose
    /// `content` names it, else the one beside it with its stem and no `content` key.
    fn manifest_of(&self, content: &Path) -> Option<(&Path, &ComponentManifest)> {
        let manifest = |path: &Path| match self.files.get_key_value(path) {
            Some((path, Facts::ComponentManifest(manifest))) => Some((path.as_path(), manifest)),
            _ => None,
        };
        if let Some(first) = self
            .manifests_with_content
            .get(content)
            .and_then(|manifests| manifests.first())
        {
            return manifest(first);
        }
        let stem = component_stem(content)?;
        let beside = content.with_file_name(format!("{stem}.imagecomponent.toml"));
        manifest(&beside).filter(|(_, manifest)| manifest.content.is_none())
    }
}

/// Removes `path` from the set under `key`, and the set once it is empty, so the maps do not
/// grow with every name ever typed.
fn remove_from<K, Q>(map: &mut HashMap<K, BTreeSet<PathBuf>>, key: &Q, path: &Path)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
{
    if let Some(set) = map.get_mut(key) {
        set.remove(path);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

/// The key the index knows a path by: absolute, without `.` or `..`.
fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The kind of a file the index holds, by its name: templates, components and manifests.
/// Terraform and ROS files are linted on their own (`crate::embedded`); nothing links to them.
fn indexed_kind(path: &Path) -> Option<SourceKind> {
    SourceKind::from_path(path).filter(|kind| !matches!(kind, SourceKind::Embedded(_)))
}
