//! The project index `check` links templates with: one per repository, built the first time a
//! template in it calls a component by ARN, so checking files that call none walks nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use bc_lint::{Config, Diagnostic};
use bc_syntax::{Body, ComponentRefKind, Parse};
use bc_workspace::index::ProjectIndex;
use bc_workspace::repository;

/// The indexes of the repositories the checked files are in, built on first use.
#[derive(Default)]
pub struct Links {
    indexes: Mutex<HashMap<PathBuf, Arc<OnceLock<ProjectIndex>>>>,
}

impl Links {
    /// The link findings (BC701–BC706) of the template at `path`, parsed as `parse`.
    pub fn lint(&self, path: &Path, parse: &Parse, config: &Config) -> Vec<Diagnostic> {
        if !calls_by_arn(parse) {
            return Vec::new();
        }
        let root = repository::root(repository::parent(path));
        // The lock is held only to find the repository's slot; the walk happens outside it, and
        // other threads wanting the same index wait for that one walk.
        let slot = Arc::clone(
            self.indexes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(root.clone())
                .or_default(),
        );
        slot.get_or_init(|| ProjectIndex::build(&root))
            .lint_calls(parse, config)
    }
}

/// Whether a `COMPONENT` line of the template names a component by ARN (an `ic-` id names no
/// local component).
fn calls_by_arn(parse: &Parse) -> bool {
    parse.commands().any(|command| {
        matches!(&command.node().body, Body::Component(call)
            if matches!(call.reference.as_ref().map(|r| &r.kind), Some(ComponentRefKind::Arn(_))))
    })
}
