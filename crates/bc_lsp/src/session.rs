//! The server's session: open documents, settings, what the client can do, and the publishing of
//! diagnostics. Handlers (`crate::handlers`) read and change it; it knows nothing of them.
//!
//! # Diagnostics: pull or push, never both
//!
//! vscode-languageclient keeps pushed (`textDocument/publishDiagnostics`) and pulled
//! (`textDocument/diagnostic`) diagnostics in separate collections, so a server that does both
//! shows every problem twice. The server therefore picks one mode per session, from the client's
//! capabilities at `initialize`:
//!
//! - the client declares `textDocument.diagnostic` (VS Code, Neovim ≥ 0.10, Helix): the server
//!   advertises `diagnosticProvider` (`interFileDependencies`, no workspace diagnostics), answers
//!   `textDocument/diagnostic` (with `resultId`s, `unchanged` when nothing changed) and never
//!   pushes. When settings change (`workspace/didChangeConfiguration`, a `bclint.toml` edited) it
//!   sends `workspace/diagnostic/refresh` if the client supports it
//!   (`workspace.diagnostics.refreshSupport`), so the editor pulls again.
//! - otherwise (Neovim 0.7–0.9, older clients): the server pushes `publishDiagnostics` with the
//!   document version after every open, change and save, and an empty list on close. It still
//!   answers `textDocument/diagnostic` if asked, but does not advertise it.
//!
//! # Bursts of edits
//!
//! An edit only splices the document's text (a [`Draft`]); the newest draft is analysed when a
//! request needs it or when its diagnostics are published. Publishing runs in one task per
//! document (`publish_until_current`), which first waits for a turn of the runtime in which no
//! edit to the document arrived (`settle`), so a queued burst is applied whole and analysed once,
//! and then until the client has taken its message before it analyses the next newest text:
//! edits that arrive meanwhile, however many, cost one analysis and one message, and a client
//! that stops reading holds at most one message per document. At most
//! [`diagnostics::MAX_PUBLISHED`] findings per document are sent.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bc_component::SystemType;
use bc_embedded::Host;
use bc_lint::{Config, Diagnostic};
use bc_syntax::Parse;
use bc_workspace::files::SourceKind;
use bc_workspace::index::ProjectIndex;
use bc_workspace::repository;
use bc_workspace::settings::{Discovery, Overrides};
use serde_json::Value;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{MessageType, SemanticToken, Uri};

use crate::convert::Text;
use crate::diagnostics;
use crate::document::{Document, Draft, Surroundings};
use crate::features::manifest;
use crate::features::semantic_tokens;
use crate::guard::{guard, invalid_params, lock};
use crate::online::{self, OnlineResults};

use crate::projects::{Project, Projects};
use crate::settings::EditorSettings;

/// What the client can do, from `initialize`.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClientCaps {
    pub watch_files_dynamic: bool,
    pub configuration: bool,
    pub diagnostic_refresh: bool,
    pub inlay_hint_refresh: bool,
    pub code_lens_refresh: bool,
    pub work_done_progress: bool,
    /// The client pulls diagnostics (`textDocument.diagnostic`): serve them by pull only.
    pub pull_diagnostics: bool,
}

/// A semantic-tokens result id and the tokens sent under it.
pub type TokenResult = (String, Vec<SemanticToken>);

/// An open document: its newest analysis, or its newest text if it was edited since.
#[derive(Debug, Clone)]
pub enum Open {
    Analysed(Arc<Document>),
    Edited(Arc<Draft>),
}

impl Open {
    pub fn text(&self) -> Text<'_> {
        match self {
            Open::Analysed(doc) => doc.text(),
            Open::Edited(draft) => draft.text(),
        }
    }

    pub fn version(&self) -> i32 {
        match self {
            Open::Analysed(doc) => doc.version,
            Open::Edited(draft) => draft.version,
        }
    }

    pub fn kind(&self) -> SourceKind {
        match self {
            Open::Analysed(doc) => doc.declared,
            Open::Edited(draft) => draft.kind,
        }
    }

    pub fn config(&self) -> &Arc<Config> {
        match self {
            Open::Analysed(doc) => &doc.config,
            Open::Edited(draft) => &draft.config,
        }
    }

    pub fn uri(&self) -> &Uri {
        match self {
            Open::Analysed(doc) => &doc.uri,
            Open::Edited(draft) => &draft.uri,
        }
    }

    /// Whether `self` and `other` are the same analysis or the same draft.
    pub fn same(&self, other: &Open) -> bool {
        match (self, other) {
            (Open::Analysed(a), Open::Analysed(b)) => Arc::ptr_eq(a, b),
            (Open::Edited(a), Open::Edited(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// Shared server state.
pub struct State {
    pub docs: Mutex<HashMap<String, Open>>,
    /// The documents whose diagnostics a task is publishing (`Session::publish_until_current`).
    pub publishing: Mutex<HashSet<String>>,
    pub tokens: Mutex<HashMap<String, TokenResult>>,
    pub editor: Mutex<EditorSettings>,
    /// The workspace folders and the project index of each repository.
    pub projects: Projects,
    pub discovery: Discovery,
    pub caps: Mutex<ClientCaps>,
    pub reported: Mutex<HashSet<String>>,
    pub counter: AtomicU64,
    /// What the online check found (`bclint.online`), per document analysis.
    pub online: OnlineResults,
}

impl State {
    /// The analysis of an open document's newest text (analysed now if it was edited since), or
    /// an error response for a document that is not open.
    pub fn doc(&self, uri: &Uri) -> Result<Arc<Document>> {
        let draft = match lock(&self.docs).get(uri.as_str()) {
            Some(Open::Analysed(doc)) => return Ok(doc.clone()),
            Some(Open::Edited(draft)) => draft.clone(),
            None => {
                return Err(invalid_params(format!(
                    "document not open: {}",
                    uri.as_str()
                )));
            }
        };
        // Analysed without the lock: a manifest's analysis reads its open templates.
        let doc = Arc::new(self.analyse(&draft));
        if let Some(open) = lock(&self.docs).get_mut(uri.as_str())
            && open.same(&Open::Edited(draft))
        {
            *open = Open::Analysed(doc.clone());
        }
        Ok(doc)
    }

    /// Analyses a draft under a new analysis id.
    fn analyse(&self, draft: &Draft) -> Document {
        let open = |path: &Path| self.open_text(path);
        let lint_manifest =
            |uri: &Uri, text: &str, config: &Config| manifest::lint(uri, text, config, &open);
        let lint_embedded = |host: Host, uri: &Uri, text: &str, config: &Config| {
            manifest::lint_embedded(uri, host, text, config, &open)
        };
        // The project is looked up, not started: the publishing task starts it and waits for
        // its index before the first analysis, and a request meanwhile goes without links.
        let project = manifest::path_of(&draft.uri)
            .and_then(|path| self.projects.existing(repository::parent(&path)));
        let lint_calls = |parse: &Parse, config: &Config| -> Vec<Diagnostic> {
            let Some(project) = &project else {
                return Vec::new();
            };
            project
                .with(|index| index.lint_calls(parse, config))
                .unwrap_or_default()
        };
        let component_system = || -> SystemType {
            let (Some(project), Some(path)) = (&project, manifest::path_of(&draft.uri)) else {
                return SystemType::default();
            };
            project
                .with(|index| {
                    index
                        .component(&path)
                        .map(|component| component.system_type)
                })
                .flatten()
                .unwrap_or_default()
        };
        let around = Surroundings {
            lint_manifest: &lint_manifest,
            lint_embedded: &lint_embedded,
            lint_component_manifest: &manifest::lint_component_manifest,
            lint_calls: &lint_calls,
            component_system: &component_system,
        };
        let mut doc = Document::new(draft, &around);
        doc.id = self.counter.fetch_add(1, Ordering::Relaxed);
        doc
    }

    /// The project holding the file at `path` (see [`State::project_for_dir`]).
    pub fn project_of(self: &Arc<State>, path: &Path) -> Arc<Project> {
        self.project_for_dir(repository::parent(path))
    }

    /// The project holding the directory `dir`. A project met for the first time starts
    /// building its index on the blocking pool; [`Project::ready`] waits for it.
    pub fn project_for_dir(self: &Arc<State>, dir: &Path) -> Arc<Project> {
        let (project, new) = self.projects.for_dir(dir);
        if new {
            let state = self.clone();
            let building = project.clone();
            tokio::spawn(async move {
                let root = building.root().to_path_buf();
                // A walk that panicked leaves an empty index rather than none: nothing waits
                // forever, and the watcher and the open documents still fill it.
                let index = tokio::task::spawn_blocking(move || ProjectIndex::build(&root))
                    .await
                    .unwrap_or_else(|_| ProjectIndex::new(building.root()));
                building.install(index, || state.open_texts_under(building.root()));
            });
        }
        project
    }

    /// The path and text of every open document under `root`.
    fn open_texts_under(&self, root: &Path) -> Vec<(PathBuf, String)> {
        lock(&self.docs)
            .values()
            .filter_map(|open| {
                let path = manifest::path_of(open.uri())?;
                path.starts_with(root)
                    .then(|| (path, open.text().text.to_owned()))
            })
            .collect()
    }

    /// The text of an open document by path.
    pub fn open_text(&self, path: &Path) -> Option<String> {
        let uri = Uri::from_file_path(path)?;
        lock(&self.docs)
            .get(uri.as_str())
            .map(|open| open.text().text.to_owned())
    }

    /// Computes a document's semantic tokens under a new result id and remembers them for the next
    /// delta request; returns the id, the tokens, and the previously remembered (id, tokens).
    pub fn fresh_tokens(
        &self,
        doc: &Document,
    ) -> (String, Vec<SemanticToken>, Option<TokenResult>) {
        let data = semantic_tokens::tokens(doc);
        let id = self.counter.fetch_add(1, Ordering::Relaxed).to_string();
        let previous =
            lock(&self.tokens).insert(doc.uri.as_str().to_owned(), (id.clone(), data.clone()));
        (id, data, previous)
    }
}

/// The server's state and its connection to the client. Cloning it is cheap: publishing tasks hold
/// a clone.
#[derive(Clone)]
pub struct Session {
    pub client: Client,
    pub state: Arc<State>,
    pub shut_down: Arc<AtomicBool>,
}

impl Session {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Session {
        let fallback = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Session {
            client,
            state: Arc::new(State {
                docs: Mutex::new(HashMap::new()),
                publishing: Mutex::new(HashSet::new()),
                tokens: Mutex::new(HashMap::new()),
                editor: Mutex::new(EditorSettings::default()),
                projects: Projects::default(),
                discovery: Discovery::new(Overrides::default(), fallback),
                caps: Mutex::new(ClientCaps::default()),
                reported: Mutex::new(HashSet::new()),
                counter: AtomicU64::new(1),
                online: OnlineResults::default(),
            }),
            shut_down,
        }
    }

    /// The configuration for a document: the nearest `bclint.toml` (cached by bc_workspace until
    /// a settings file changes) with the editor's levels on top.
    pub fn config_for(&self, uri: &Uri) -> (Arc<Config>, Option<String>) {
        let editor = lock(&self.state.editor).clone();
        let mut problem = None;
        let base = match manifest::path_of(uri) {
            Some(path) => match self.state.discovery.settings_for(&path) {
                Ok(settings) => settings.config_for(&path),
                Err(error) => {
                    problem = Some(error.to_string());
                    bc_workspace::registry::config()
                }
            },
            None => bc_workspace::registry::config(),
        };
        (Arc::new(editor.apply(&base)), problem)
    }

    /// The project of a `file:` document, once its index is built.
    pub async fn project_ready(&self, uri: &Uri) -> Option<Arc<Project>> {
        let project = self.state.project_of(&manifest::path_of(uri)?);
        project.ready().await;
        Some(project)
    }

    pub async fn report_problem(&self, problem: Option<String>) {
        let Some(problem) = problem else { return };
        if lock(&self.state.reported).insert(problem.clone()) {
            self.client
                .show_message(MessageType::WARNING, format!("bclint: {problem}"))
                .await;
        }
    }

    /// Publishes a document's diagnostics, unless the client pulls them (see the module docs) or
    /// the document changed since this analysis.
    async fn publish(&self, doc: &Document) {
        if lock(&self.state.caps).pull_diagnostics {
            return;
        }
        let current = match lock(&self.state.docs).get(doc.uri.as_str()) {
            Some(Open::Analysed(current)) => current.id == doc.id,
            _ => false,
        };
        if !current {
            return;
        }
        let diagnostics = match guard("publishDiagnostics", || {
            let mut items = diagnostics::for_document(doc);
            items.extend(self.state.online.diagnostics(doc));
            Ok(items)
        }) {
            Ok(diagnostics) => diagnostics,
            Err(error) => {
                self.client
                    .log_message(MessageType::ERROR, error.message)
                    .await;
                return;
            }
        };
        self.client
            .publish_diagnostics(doc.uri.clone(), diagnostics, Some(doc.version))
            .await;
    }

    /// Makes sure that `uri`'s newest text gets analysed and published, and the open documents
    /// that depend on it re-linted: starts a publishing task for it unless one is running, which will
    /// then pick up the news.
    pub fn schedule_publish(&self, uri: &Uri) {
        if lock(&self.state.publishing).insert(uri.as_str().to_owned()) {
            let backend = self.clone();
            let uri = uri.clone();
            tokio::spawn(async move { backend.publish_until_current(uri).await });
        }
    }

    /// Waits until a whole turn of the runtime passes without an edit to `uri`. Queued input
    /// reaches the handlers a few frames per turn (every channel is bounded), so waiting a single
    /// turn would analyse once per few edits of a burst; waiting for a quiet turn applies the
    /// whole burst first and analyses only its newest text. An editor sends one edit per
    /// keystroke, far apart, so this costs typing one turn.
    async fn settle(&self, uri: &Uri) {
        let current = || lock(&self.state.docs).get(uri.as_str()).cloned();
        loop {
            let before = current();
            tokio::task::yield_now().await;
            let after = current();
            let quiet = match (&before, &after) {
                (Some(before), Some(after)) => before.same(after),
                (None, None) => true,
                _ => false,
            };
            if quiet {
                return;
            }
        }
    }

    /// Publishes the analysis of `uri`'s newest text and re-lints the open documents that depend
    /// on it, round after round until a round finds nothing new. A round waits until the client
    /// has taken its message, and the next one analyses only the text that is newest then.
    async fn publish_until_current(&self, uri: Uri) {
        let project = manifest::path_of(&uri).map(|path| (self.state.project_of(&path), path));
        if let Some((project, _)) = &project {
            project.ready().await;
        }
        let mut published = None;
        loop {
            self.settle(&uri).await;
            {
                let docs = lock(&self.state.docs);
                let done = match docs.get(uri.as_str()) {
                    Some(Open::Analysed(doc)) => published == Some(doc.id),
                    Some(Open::Edited(_)) => false,
                    None => true,
                };
                // Decided under the lock edits take, so no edit can slip in unpublished.
                if done {
                    lock(&self.state.publishing).remove(uri.as_str());
                    return;
                }
            }
            let Ok(doc) = self.state.doc(&uri) else {
                continue;
            };
            // The index learns the new text before anything is published, so the documents
            // that depend on it are re-checked against the text that was just analysed.
            let dependents = project.as_ref().and_then(|(project, path)| {
                project.with(|index| index.overlay(path, doc.text.clone()))
            });
            self.publish(&doc).await;
            self.check_online(&doc);
            if let (Some(dependents), Some((_, path))) = (dependents, &project) {
                self.relint(&dependents, Some(path)).await;
            }
            published = Some(doc.id);
        }
    }

    /// Starts the online check of an analysis just published, when `bclint.online` is on (see
    /// [`crate::online`]). Its findings are published when they arrive, if the analysis is
    /// still the document's newest; the offline ones never wait for them.
    fn check_online(&self, doc: &Arc<Document>) {
        let settings = lock(&self.state.editor).online.clone();
        if !settings.enabled || !online::applies(doc) {
            return;
        }
        let session = self.clone();
        let doc = doc.clone();
        let project = manifest::path_of(&doc.uri).map(|path| self.state.project_of(&path));
        tokio::spawn(async move {
            let is_local = |name: &str| {
                project
                    .as_ref()
                    .and_then(|project| project.with(|index| index.has_component(name)))
                    .unwrap_or(false)
            };
            let found = online::check(&doc, &settings, &is_local).await;
            session.state.online.store(&doc, found);
            if lock(&session.state.caps).pull_diagnostics {
                if lock(&session.state.caps).diagnostic_refresh {
                    let _ = session.client.workspace_diagnostic_refresh().await;
                }
            } else {
                session.publish(&doc).await;
            }
        });
    }

    /// Analyses an open document's text again with `config`; `None` if that panicked, and the
    /// document keeps its previous analysis.
    fn reanalyse(&self, old: &Document, config: Arc<Config>) -> Option<Arc<Document>> {
        let rebuilt = guard("relint", || {
            let draft = Draft::new(
                old.uri.clone(),
                old.version,
                old.kind,
                old.text.clone(),
                config,
            );
            Ok(self.state.analyse(&draft))
        });
        rebuilt.ok().map(Arc::new)
    }

    /// Puts `doc` in place of `old` unless the document changed meanwhile; whether it did.
    fn replace_if_current(&self, old: &Arc<Document>, doc: &Arc<Document>) -> bool {
        let mut docs = lock(&self.state.docs);
        match docs.get_mut(doc.uri.as_str()) {
            Some(open) if open.same(&Open::Analysed(old.clone())) => {
                *open = Open::Analysed(doc.clone());
                true
            }
            _ => false,
        }
    }

    /// Re-analyses the open documents among `paths` (the dependents the project index named
    /// after a change), except `changed` itself: a manifest's findings include its templates'
    /// size, kind and downloads, and an open document's text wins over the disk. Only documents
    /// whose findings changed are published. A document edited since its last analysis is left
    /// alone: its next analysis, already on its way, sees the change.
    pub async fn relint(&self, paths: &[PathBuf], changed: Option<&Path>) {
        let open: Vec<Arc<Document>> = {
            let docs = lock(&self.state.docs);
            paths
                .iter()
                .filter(|path| Some(path.as_path()) != changed)
                .filter_map(|path| match docs.get(Uri::from_file_path(path)?.as_str()) {
                    Some(Open::Analysed(doc)) => Some(doc.clone()),
                    _ => None,
                })
                .collect()
        };
        let mut republished = false;
        for old in open {
            let Some(doc) = self.reanalyse(&old, old.config.clone()) else {
                continue;
            };
            if doc.diagnostics != old.diagnostics && self.replace_if_current(&old, &doc) {
                republished = true;
                self.schedule_publish(&doc.uri);
            }
        }
        let caps = *lock(&self.state.caps);
        if republished && caps.pull_diagnostics && caps.diagnostic_refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Re-analyses every open document with fresh configuration and publishes the results.
    pub async fn relint_all(&self) {
        let open: Vec<Open> = lock(&self.state.docs).values().cloned().collect();
        let mut problems = Vec::new();
        let mut drafts = Vec::new();
        for old in open {
            let (config, problem) = self.config_for(old.uri());
            problems.push(problem);
            let text = old.text().text.to_owned();
            let draft = Draft::new(old.uri().clone(), old.version(), old.kind(), text, config);
            drafts.push((old, Open::Edited(Arc::new(draft))));
        }
        {
            let mut docs = lock(&self.state.docs);
            for (old, draft) in &drafts {
                if let Some(open) = docs.get_mut(old.uri().as_str())
                    && open.same(old)
                {
                    *open = draft.clone();
                }
            }
        }
        for problem in problems {
            self.report_problem(problem).await;
        }
        for (old, _) in drafts {
            self.schedule_publish(old.uri());
        }
        let caps = *lock(&self.state.caps);
        if caps.pull_diagnostics && caps.diagnostic_refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
        if caps.inlay_hint_refresh {
            let _ = self.client.inlay_hint_refresh().await;
        }
        if caps.code_lens_refresh {
            let _ = self.client.code_lens_refresh().await;
        }
    }

    pub fn set_editor_settings(&self, value: &Value) -> Vec<String> {
        let (settings, problems) = EditorSettings::from_json(value);
        *lock(&self.state.editor) = settings;
        problems
    }

    pub async fn log_problems(&self, problems: Vec<String>) {
        for problem in problems {
            self.client.log_message(MessageType::WARNING, problem).await;
        }
    }
}
