//! The `LanguageServer` implementation: document state, configuration, and dispatch to one module
//! per method. Every handler body runs under [`guard`], so a panic becomes an error response (or a
//! log message for notifications) instead of killing the server.
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
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bc_lint::Config;
use bc_workspace::settings::{Discovery, Overrides};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert::Text;
use crate::document::{DocKind, Document, Draft};
use crate::settings::EditorSettings;
use crate::{
    code_action, code_lens, commands, completion, diagnostics, folding, formatting, hover, inlay,
    links, manifest, registry, semantic_tokens, symbols,
};

/// Locks a mutex, ignoring poisoning: state is only replaced whole, never left half-updated.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a handler body, turning a panic into an internal error.
pub(crate) fn guard<T>(method: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let what = panic_message(&*payload);
            Err(Error {
                code: ErrorCode::InternalError,
                message: format!("bclint: internal error in {method}: {what}").into(),
                data: None,
            })
        }
    }
}

/// The message of a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

pub(crate) fn invalid_params(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}

/// What the client can do, from `initialize`.
#[derive(Debug, Default, Clone, Copy)]
struct ClientCaps {
    watch_files_dynamic: bool,
    configuration: bool,
    diagnostic_refresh: bool,
    inlay_hint_refresh: bool,
    code_lens_refresh: bool,
    work_done_progress: bool,
    /// The client pulls diagnostics (`textDocument.diagnostic`): serve them by pull only.
    pull_diagnostics: bool,
}

/// A semantic-tokens result id and the tokens sent under it.
type TokenResult = (String, Vec<SemanticToken>);

/// An open document: its newest analysis, or its newest text if it was edited since.
#[derive(Debug, Clone)]
pub(crate) enum Open {
    Analysed(Arc<Document>),
    Edited(Arc<Draft>),
}

impl Open {
    fn text(&self) -> Text<'_> {
        match self {
            Open::Analysed(doc) => doc.text(),
            Open::Edited(draft) => draft.text(),
        }
    }

    fn version(&self) -> i32 {
        match self {
            Open::Analysed(doc) => doc.version,
            Open::Edited(draft) => draft.version,
        }
    }

    fn kind(&self) -> DocKind {
        match self {
            Open::Analysed(doc) => doc.kind,
            Open::Edited(draft) => draft.kind,
        }
    }

    fn config(&self) -> &Arc<Config> {
        match self {
            Open::Analysed(doc) => &doc.config,
            Open::Edited(draft) => &draft.config,
        }
    }

    fn uri(&self) -> &Uri {
        match self {
            Open::Analysed(doc) => &doc.uri,
            Open::Edited(draft) => &draft.uri,
        }
    }

    /// Whether `self` and `other` are the same analysis or the same draft.
    fn same(&self, other: &Open) -> bool {
        match (self, other) {
            (Open::Analysed(a), Open::Analysed(b)) => Arc::ptr_eq(a, b),
            (Open::Edited(a), Open::Edited(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// Shared server state.
pub(crate) struct State {
    docs: Mutex<HashMap<String, Open>>,
    /// The documents whose diagnostics a task is publishing (`Backend::publish_until_current`).
    publishing: Mutex<HashSet<String>>,
    tokens: Mutex<HashMap<String, TokenResult>>,
    editor: Mutex<EditorSettings>,
    pub roots: Mutex<Vec<PathBuf>>,
    pub discovery: Discovery,
    caps: Mutex<ClientCaps>,
    reported: Mutex<HashSet<String>>,
    pub counter: AtomicU64,
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
        let mut doc = Document::new(draft, &lint_manifest);
        doc.id = self.counter.fetch_add(1, Ordering::Relaxed);
        doc
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
    fn fresh_tokens(&self, doc: &Document) -> (String, Vec<SemanticToken>, Option<TokenResult>) {
        let data = semantic_tokens::tokens(doc);
        let id = self.counter.fetch_add(1, Ordering::Relaxed).to_string();
        let previous =
            lock(&self.tokens).insert(doc.uri.as_str().to_owned(), (id.clone(), data.clone()));
        (id, data, previous)
    }
}

/// The language server. Cloning it is cheap: publishing tasks hold a clone.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<State>,
    shut_down: Arc<AtomicBool>,
}

impl Backend {
    pub(crate) fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        let fallback = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Backend {
            client,
            state: Arc::new(State {
                docs: Mutex::new(HashMap::new()),
                publishing: Mutex::new(HashSet::new()),
                tokens: Mutex::new(HashMap::new()),
                editor: Mutex::new(EditorSettings::default()),
                roots: Mutex::new(Vec::new()),
                discovery: Discovery::new(registry::all_rules(), Overrides::default(), fallback),
                caps: Mutex::new(ClientCaps::default()),
                reported: Mutex::new(HashSet::new()),
                counter: AtomicU64::new(1),
            }),
            shut_down,
        }
    }

    /// The configuration for a document: the nearest `bclint.toml` (cached by bc_workspace until
    /// a settings file changes) with the editor's levels on top.
    fn config_for(&self, uri: &Uri) -> (Arc<Config>, Option<String>) {
        let editor = lock(&self.state.editor).clone();
        let mut problem = None;
        let base = match manifest::path_of(uri) {
            Some(path) => match self.state.discovery.settings_for(&path) {
                Ok(settings) => settings.config_for(&path, self.state.discovery.rules()),
                Err(error) => {
                    problem = Some(error.to_string());
                    Config::default()
                }
            },
            None => Config::default(),
        };
        let mut config = editor.apply(&base);
        for code in bc_pipeline::manifest_codes() {
            if !config.external_codes.contains(&code) {
                config.external_codes.push(code);
            }
        }
        (Arc::new(config), problem)
    }

    async fn report_problem(&self, problem: Option<String>) {
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
        let diagnostics = match guard("publishDiagnostics", || Ok(diagnostics::for_document(doc))) {
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

    /// Makes sure that `uri`'s newest text gets analysed and published, and the open manifests
    /// that read it re-linted: starts a publishing task for it unless one is running, which will
    /// then pick up the news.
    fn schedule_publish(&self, uri: &Uri) {
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

    /// Publishes the analysis of `uri`'s newest text, and re-lints the open manifests that read
    /// it, round after round until a round finds nothing new. A round waits until the client has
    /// taken its message, and the next one analyses only the text that is newest then.
    async fn publish_until_current(&self, uri: Uri) {
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
            self.publish(&doc).await;
            if doc.kind != DocKind::Manifest {
                self.relint_manifests_of(&[&uri]).await;
            }
            published = Some(doc.id);
        }
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

    /// Re-analyses the open manifests that reference any of the templates at `uris`, whose text
    /// just changed (in the editor, by opening or closing it, or on disk): a manifest's findings
    /// include its templates' size, kind and downloads, and an open template's text wins over
    /// the disk. Each manifest is analysed once however many of its templates changed, and only
    /// manifests whose findings changed are published. A manifest edited since its last analysis
    /// is left alone: its next analysis reads the templates as they are then.
    async fn relint_manifests_of(&self, uris: &[&Uri]) {
        // Most edits happen with no manifest open: settle that before converting the URIs.
        let open_manifests: Vec<Arc<Document>> = lock(&self.state.docs)
            .values()
            .filter_map(|open| match open {
                Open::Analysed(doc) if doc.kind == DocKind::Manifest => Some(doc.clone()),
                _ => None,
            })
            .collect();
        if open_manifests.is_empty() {
            return;
        }
        let templates: Vec<PathBuf> = uris
            .iter()
            .filter_map(|uri| manifest::path_of(uri))
            .collect();
        let manifests = open_manifests.into_iter().filter(|doc| {
            templates
                .iter()
                .any(|template| manifest::references(doc, template))
        });
        let mut changed = false;
        for old in manifests {
            let Some(doc) = self.reanalyse(&old, old.config.clone()) else {
                continue;
            };
            if doc.diagnostics != old.diagnostics && self.replace_if_current(&old, &doc) {
                changed = true;
                self.schedule_publish(&doc.uri);
            }
        }
        let caps = *lock(&self.state.caps);
        if changed && caps.pull_diagnostics && caps.diagnostic_refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Re-analyses every open document with fresh configuration and publishes the results.
    async fn relint_all(&self) {
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

    fn set_editor_settings(&self, value: &Value) -> Vec<String> {
        let (settings, problems) = EditorSettings::from_json(value);
        *lock(&self.state.editor) = settings;
        problems
    }

    async fn log_problems(&self, problems: Vec<String>) {
        for problem in problems {
            self.client.log_message(MessageType::WARNING, problem).await;
        }
    }

    fn position_offset(doc: &Document, position: Position) -> Result<usize> {
        doc.text()
            .offset(position)
            .map_err(|e| invalid_params(e.to_string()))
    }
}

/// The text after applying `changes` to `old`. The first change uses the line index `old` already
/// has; only later ones (rare: editors send one change per notification) index again.
fn apply_changes(
    old: Text<'_>,
    changes: &[TextDocumentContentChangeEvent],
) -> std::result::Result<String, crate::convert::OutOfRange> {
    let Some((first, rest)) = changes.split_first() else {
        return Ok(old.text.to_owned());
    };
    let mut text = match first.range {
        None => first.text.clone(),
        Some(range) => {
            let span = old.span(range)?;
            let mut text = String::with_capacity(old.text.len() + first.text.len());
            text.push_str(&old.text[..span.start]);
            text.push_str(&first.text);
            text.push_str(&old.text[span.end..]);
            text
        }
    };
    for change in rest {
        crate::convert::apply_change(&mut text, change.range, &change.text)?;
    }
    Ok(text)
}

fn uri_of(params: &TextDocumentIdentifier) -> &Uri {
    &params.uri
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let problems = guard("initialize", || {
            let caps = &params.capabilities;
            let workspace = caps.workspace.as_ref();
            let text_document = caps.text_document.as_ref();
            *lock(&self.state.caps) = ClientCaps {
                watch_files_dynamic: workspace
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|w| w.dynamic_registration)
                    .unwrap_or(false),
                configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
                diagnostic_refresh: workspace
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
                inlay_hint_refresh: workspace
                    .and_then(|w| w.inlay_hint.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
                code_lens_refresh: workspace
                    .and_then(|w| w.code_lens.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
                work_done_progress: caps
                    .window
                    .as_ref()
                    .and_then(|w| w.work_done_progress)
                    .unwrap_or(false),
                pull_diagnostics: text_document.is_some_and(|t| t.diagnostic.is_some()),
            };
            let mut roots: Vec<PathBuf> = params
                .workspace_folders
                .iter()
                .flatten()
                .filter_map(|f| manifest::path_of(&f.uri))
                .collect();
            #[allow(deprecated)]
            if roots.is_empty()
                && let Some(root) = params.root_uri.as_ref().and_then(manifest::path_of)
            {
                roots.push(root);
            }
            *lock(&self.state.roots) = roots;
            Ok(params
                .initialization_options
                .as_ref()
                .map(|options| self.set_editor_settings(options))
                .unwrap_or_default())
        })?;
        self.log_problems(problems).await;
        let pull = lock(&self.state.caps).pull_diagnostics;
        Ok(InitializeResult {
            capabilities: capabilities(pull),
            server_info: Some(ServerInfo {
                name: "bclint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !lock(&self.state.caps).watch_files_dynamic {
            return;
        }
        let client = self.client.clone();
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: [
                "**/{bclint,.bclint}.toml",
                "**/*.{yaml,yml}",
                "**/*.{buildcontent,testcontent}",
            ]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_owned()),
                kind: None,
            })
            .collect(),
        };
        let registration = Registration {
            id: "bclint-watched-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        // Not awaited here: the client answers when it likes, and nothing waits for it.
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![registration]).await {
                client
                    .log_message(
                        MessageType::WARNING,
                        format!("bclint: cannot watch settings files: {}", error.message),
                    )
                    .await;
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let Some(kind) = DocKind::detect(&item.uri, &item.language_id) else {
            self.client
                .log_message(
                    MessageType::INFO,
                    format!("bclint: not a template or manifest: {}", item.uri.as_str()),
                )
                .await;
            return;
        };
        let (config, problem) = self.config_for(&item.uri);
        let draft = Draft::new(item.uri.clone(), item.version, kind, item.text, config);
        let replaced = lock(&self.state.docs)
            .insert(item.uri.as_str().to_owned(), Open::Edited(Arc::new(draft)));
        self.schedule_publish(&item.uri);
        self.report_problem(problem).await;
        drop(replaced);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // Applied before the first await, under the lock: changes land in arrival order and no
        // request ever sees half of one. The analysis waits (see the module docs).
        let result = guard("didChange", || {
            let mut docs = lock(&self.state.docs);
            let Some(old) = docs.get(uri.as_str()) else {
                return Err(invalid_params(format!(
                    "didChange for a document that is not open: {}",
                    uri.as_str()
                )));
            };
            if version <= old.version() {
                return Err(invalid_params(format!(
                    "stale didChange for {}: version {version} after {}",
                    uri.as_str(),
                    old.version()
                )));
            }
            let text = apply_changes(old.text(), &params.content_changes)
                .map_err(|e| invalid_params(format!("didChange for {}: {e}", uri.as_str())))?;
            let draft = Draft::new(uri.clone(), version, old.kind(), text, old.config().clone());
            Ok(docs.insert(uri.as_str().to_owned(), Open::Edited(Arc::new(draft))))
        });
        match result {
            // The previous text is freed outside the lock.
            Ok(replaced) => {
                self.schedule_publish(&uri);
                drop(replaced);
            }
            Err(error) => {
                self.client
                    .log_message(MessageType::ERROR, error.message)
                    .await
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if lock(&self.state.docs).contains_key(params.text_document.uri.as_str()) {
            self.schedule_publish(&params.text_document.uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = lock(&self.state.docs).remove(uri.as_str());
        lock(&self.state.tokens).remove(uri.as_str());
        if !lock(&self.state.caps).pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
        // Manifests now read the template from the disk, which may differ from the editor.
        if closed.is_some_and(|open| open.kind() != DocKind::Manifest) {
            self.relint_manifests_of(&[&uri]).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut problems = Vec::new();
        if EditorSettings::present_in(&params.settings) {
            problems = self.set_editor_settings(&params.settings);
        } else if lock(&self.state.caps).configuration {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("bclint".to_owned()),
            }];
            if let Ok(values) = self.client.configuration(items).await
                && let Some(value) = values.first()
            {
                problems = self.set_editor_settings(value);
            }
        }
        self.log_problems(problems).await;
        self.relint_all().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let settings_changed = params.changes.iter().any(|change| {
            let name = crate::document::file_name(&change.uri);
            name == "bclint.toml" || name == ".bclint.toml"
        });
        if settings_changed {
            self.state.discovery.clear();
            lock(&self.state.reported).clear();
            self.relint_all().await;
        }
        // A template changed on disk (a checkout, another tool): the open manifests that read it
        // from there see the new text. Open templates are the editor's business.
        let templates: Vec<&Uri> = {
            let docs = lock(&self.state.docs);
            params
                .changes
                .iter()
                .map(|change| &change.uri)
                .filter(|uri| {
                    bc_syntax::FileKind::from_file_name(crate::document::file_name(uri))
                        .is_some_and(bc_syntax::FileKind::is_template)
                        && !docs.contains_key(uri.as_str())
                })
                .collect()
        };
        self.relint_manifests_of(&templates).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let mut roots = lock(&self.state.roots);
        for removed in &params.event.removed {
            if let Some(path) = manifest::path_of(&removed.uri) {
                roots.retain(|r| *r != path);
            }
        }
        roots.extend(
            params
                .event
                .added
                .iter()
                .filter_map(|f| manifest::path_of(&f.uri)),
        );
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        guard("textDocument/diagnostic", || {
            let doc = self.state.doc(&params.text_document.uri)?;
            let result_id = doc.id.to_string();
            let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                })
            } else {
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items: diagnostics::for_document(&doc),
                    },
                })
            };
            Ok(DocumentDiagnosticReportResult::Report(report))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        guard("textDocument/codeAction", || {
            let doc = self.state.doc(&params.text_document.uri)?;
            let actions = code_action::code_actions(&doc, &params)
                .map_err(|e| invalid_params(e.to_string()))?;
            Ok(Some(actions))
        })
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let roots = lock(&self.state.roots).clone();
        guard("textDocument/completion", || {
            let position = params.text_document_position;
            let doc = self.state.doc(&position.text_document.uri)?;
            let offset = Self::position_offset(&doc, position.position)?;
            let items = match doc.kind {
                DocKind::Template(_) => completion::complete(&doc, offset, &roots),
                DocKind::Manifest => manifest::complete(&doc, offset),
            };
            Ok(Some(CompletionResponse::Array(items)))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guard("textDocument/hover", || {
            let position = params.text_document_position_params;
            let doc = self.state.doc(&position.text_document.uri)?;
            let offset = Self::position_offset(&doc, position.position)?;
            Ok(match doc.kind {
                DocKind::Template(_) => hover::hover(&doc, offset),
                DocKind::Manifest => manifest::hover(&doc, offset),
            })
        })
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        guard("textDocument/formatting", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            Ok(Some(formatting::format_document(&doc)))
        })
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        guard("textDocument/rangeFormatting", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            let span = doc
                .text()
                .span(params.range)
                .map_err(|e| invalid_params(e.to_string()))?;
            Ok(Some(formatting::format_range(&doc, span)))
        })
    }

    async fn on_type_formatting(
        &self,
        params: DocumentOnTypeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        guard("textDocument/onTypeFormatting", || {
            let position = params.text_document_position;
            let doc = self.state.doc(&position.text_document.uri)?;
            let offset = Self::position_offset(&doc, position.position)?;
            Ok(Some(formatting::on_type(&doc, offset, &params.ch)))
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        guard("textDocument/documentSymbol", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            Ok(Some(DocumentSymbolResponse::Nested(symbols::symbols(&doc))))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        guard("textDocument/foldingRange", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            Ok(Some(folding::folding_ranges(&doc)))
        })
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        guard("textDocument/semanticTokens/full", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            let (id, data, _) = self.state.fresh_tokens(&doc);
            Ok(Some(SemanticTokensResult::Tokens(semantic_tokens::full(
                id, data,
            ))))
        })
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        guard("textDocument/semanticTokens/full/delta", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            let (id, data, previous) = self.state.fresh_tokens(&doc);
            Ok(Some(match previous {
                Some((previous_id, old)) if previous_id == params.previous_result_id => {
                    SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                        result_id: Some(id),
                        edits: semantic_tokens::delta(&old, &data),
                    })
                }
                _ => SemanticTokensFullDeltaResult::Tokens(semantic_tokens::full(id, data)),
            }))
        })
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        guard("textDocument/documentLink", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            Ok(Some(links::links(&doc)))
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        guard("textDocument/inlayHint", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            Ok(Some(inlay::hints(&doc)))
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        guard("textDocument/codeLens", || {
            let doc = self.state.doc(uri_of(&params.text_document))?;
            let open = |path: &Path| self.state.open_text(path);
            Ok(Some(code_lens::code_lenses(&doc, &open)))
        })
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let progress = lock(&self.state.caps).work_done_progress;
        commands::execute(&self.client, &self.state, progress, params).await
    }
}

/// What the server offers. `pull`: whether the client pulls diagnostics, in which case the server
/// offers `textDocument/diagnostic` and never pushes.
fn capabilities(pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["-".to_owned(), "=".to_owned(), ",".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, code_action::FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        document_on_type_formatting_provider: Some(DocumentOnTypeFormattingOptions {
            first_trigger_character: "\n".to_owned(),
            more_trigger_character: None,
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                range: Some(false),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                ..SemanticTokensOptions::default()
            },
        )),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![commands::RENDER.to_owned(), commands::SUBMIT.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("bclint".to_owned()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}
