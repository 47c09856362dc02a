//! The online check in the editor (`bclint.online`, off by default): the findings only the
//! service can give (BC710–BC712, via `bc_workspace::online`, the same code as
//! `check --online`) and hover on a `COMPONENT` line showing the cloud component.
//!
//! The offline findings are published first and never wait for the service: the session starts
//! the online check after publishing an analysis, and publishes again (or asks a pulling client
//! to pull again) when its answers arrive. Answers are kept per document together with the id of
//! the analysis they belong to, so findings of an older text are never shown on a newer one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use bc_aliyun::SignatureVersion;
use bc_syntax::Span;
use bc_workspace::files::{MAX_SOURCE_BYTES, SourceKind};
use bc_workspace::online::{self, CloudComponent, File, Options, Subject};
use bc_workspace::submit::Connection;
use tower_lsp_server::ls_types::{Diagnostic, Hover};

use crate::diagnostics::to_lsp;
use crate::document::Document;
use crate::features::hover::markdown_hover;
use crate::guard::lock;
use crate::settings::OnlineSettings;

/// What the online check found for one analysis of a document.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The findings, in the document's byte spans.
    pub diagnostics: Vec<bc_lint::Diagnostic>,
    /// The components the references resolved to.
    pub resolved: Vec<(Span, CloudComponent)>,
}

/// The newest online answers of each open document, by URI, with the analysis id they are for.
#[derive(Debug, Default)]
pub struct OnlineResults {
    by_uri: Mutex<HashMap<String, (u64, Found)>>,
}

impl OnlineResults {
    /// Keeps `found` as the answers for the analysis `doc`.
    pub fn store(&self, doc: &Document, found: Found) {
        lock(&self.by_uri).insert(doc.uri.as_str().to_owned(), (doc.id, found));
    }

    /// Forgets a closed document's answers.
    pub fn forget(&self, uri: &str) {
        lock(&self.by_uri).remove(uri);
    }

    /// The online findings of the analysis `doc`, as LSP diagnostics (none until they arrive).
    pub fn diagnostics(&self, doc: &Document) -> Vec<Diagnostic> {
        self.with(doc, |found| {
            found
                .diagnostics
                .iter()
                .map(|diagnostic| to_lsp(doc, diagnostic))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Whether answers for the analysis `doc` arrived (they change its pulled result id).
    pub fn arrived(&self, doc: &Document) -> bool {
        self.with(doc, |_| ()).is_some()
    }

    /// The hover of the cloud component whose reference is under `offset`, if it resolved.
    pub fn hover(&self, doc: &Document, offset: usize) -> Option<Hover> {
        self.with(doc, |found| {
            let (span, component) = found
                .resolved
                .iter()
                .find(|(span, _)| span.touches(offset))?;
            Some(markdown_hover(
                doc,
                online::hover_markdown(component),
                *span,
            ))
        })
        .flatten()
    }

    fn with<T>(&self, doc: &Document, f: impl FnOnce(&Found) -> T) -> Option<T> {
        let results = lock(&self.by_uri);
        let (id, found) = results.get(doc.uri.as_str())?;
        (*id == doc.id).then(|| f(found))
    }
}

/// Whether the online check has anything to ask about a document: build and test templates (their
/// `COMPONENT` lines) and pipeline manifests (their base image).
pub fn applies(doc: &Document) -> bool {
    match doc.kind {
        SourceKind::Template(kind) => kind.is_template() && doc.parse.is_some(),
        SourceKind::Manifest => doc.text.len() as u64 <= MAX_SOURCE_BYTES,
        SourceKind::YamlComponent | SourceKind::ComponentManifest | SourceKind::Embedded(_) => {
            false
        }
    }
}

/// Asks the service about `doc` with the editor's settings. `is_local` tells the names of the
/// project's own components, whose ARNs are not asked about (local components take precedence).
/// Never fails: a service that cannot be asked is a BC712 finding.
pub async fn check(
    doc: &Document,
    settings: &OnlineSettings,
    is_local: &(dyn Fn(&str) -> bool + Sync),
) -> Found {
    let connection = Connection {
        endpoint: settings.endpoint.clone(),
        profile: settings.profile.clone(),
        signature: SignatureVersion::V3,
        timeout: Duration::from_secs(5),
        ..Connection::from_process()
    };
    let mut options = Options::new(connection);
    if settings.region.is_some() {
        options.region = settings.region.clone();
    }
    let subject = match (&doc.kind, &doc.parse) {
        (SourceKind::Manifest, _) => Subject::Manifest(&doc.text),
        (SourceKind::Template(_), Some(parse)) => Subject::Template(parse),
        _ => return Found::default(),
    };
    let file = File {
        subject,
        config: &doc.config,
        is_local,
    };
    let report = online::check(&[file], &options).await;
    Found {
        diagnostics: report.findings.into_iter().flatten().collect(),
        resolved: report
            .resolved
            .into_iter()
            .map(|resolved| (resolved.span, resolved.component))
            .collect(),
    }
}
