//! The project index `check` links templates and components with: one per repository, built the
//! first time a template in it calls a component by ARN or a YAML component is checked, so
//! checking templates that call none walks nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use bc_component::SystemType;
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
        self.with_index(path, |index| index.lint_calls(parse, config))
    }

    /// Whether the repository holding `path` has a component called `name`: the online check
    /// does not ask about ARNs naming one, since local components take precedence.
    pub fn is_local(&self, path: &Path, name: &str) -> bool {
        self.with_index(path, |index| index.has_component(name))
    }

    /// The system the component at `path` is for: its manifest's `system_type`, wherever that
    /// manifest is (Linux without one).
    pub fn system_type(&self, path: &Path) -> SystemType {
        self.with_index(path, |index| {
            index
                .component(path)
                .map_or_else(SystemType::default, |component| component.system_type)
        })
    }

    /// Calls `read` with the index of the repository holding `path`, built on first use. The
    /// lock is held only to find the repository's slot; other threads wanting the same index
    /// wait for the one walk that builds it.
    fn with_index<T>(&self, path: &Path, read: impl FnOnce(&ProjectIndex) -> T) -> T {
        let root = repository::root(repository::parent(path));
        let slot = Arc::clone(
            self.indexes
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .entry(root.clone())
                .or_default(),
        );
        read(slot.get_or_init(|| ProjectIndex::build(&root)))
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
