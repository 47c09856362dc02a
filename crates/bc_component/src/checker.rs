//! The context every rule's `check` function receives.

use std::cell::OnceCell;
use std::rc::Rc;

use bc_lint::{CowStr, Diagnostic, RuleMeta, ShellText};
use bc_syntax::Span;

use crate::actions::SystemType;
use crate::component::{Component, Task};
use crate::source_map::SourceMap;
use crate::tree::{Node, NodeKind};

/// A component being linted, and the findings so far.
pub struct Checker<'c> {
    /// The component.
    pub component: &'c Component,
    /// Its text (spans index into it).
    pub source: &'c str,
    /// The system it is for.
    pub system: SystemType,
    /// Its tasks, computed once.
    pub tasks: Vec<Task<'c>>,
    diagnostics: Vec<Diagnostic>,
    scripts: OnceCell<Rc<[Script<'c>]>>,
    property_scalars: OnceCell<Rc<[PropertyScalar<'c>]>>,
}

/// A scalar in a task's `Properties`: the task, the property's name, and the scalar.
pub type PropertyScalar<'c> = (Task<'c>, &'c str, &'c Node);

/// The `commandContent` of a command task, read once for every shell rule.
pub(crate) struct Script<'c> {
    /// The value node.
    pub node: &'c Node,
    /// Where its characters are in the source, when that is exact.
    pub map: Option<SourceMap>,
    /// The script, read as `RUN` commands.
    pub shell: ShellText,
}

impl<'c> Checker<'c> {
    pub(crate) fn new(component: &'c Component, system: SystemType) -> Checker<'c> {
        Checker {
            component,
            source: component.source(),
            system,
            tasks: component.tasks().collect(),
            diagnostics: Vec::new(),
            scripts: OnceCell::new(),
            property_scalars: OnceCell::new(),
        }
    }

    /// Runs a template `RUN` rule over every `commandContent` and reports its findings in the
    /// component: at their exact place where the value maps onto the source, else on the whole
    /// value (without fixes, which could not be placed).
    pub(crate) fn check_scripts(&mut self, check: bc_lint::rules::Check) {
        for script in self.scripts().iter() {
            let mut found = script.shell.check(check);
            for diagnostic in &mut found {
                match &script.map {
                    Some(map) => {
                        diagnostic.span = map.span(diagnostic.span.start, diagnostic.span.end);
                        for label in &mut diagnostic.labels {
                            label.span = map.span(label.span.start, label.span.end);
                        }
                        for edit in diagnostic.fixes.iter_mut().flat_map(|fix| &mut fix.edits) {
                            edit.span = map.span(edit.span.start, edit.span.end);
                        }
                    }
                    None => {
                        diagnostic.span = script.node.span;
                        diagnostic.labels.clear();
                        diagnostic.fixes.clear();
                    }
                }
            }
            self.extend(found);
        }
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Reports a finding of `rule` and returns it for refinement (note, help, fix, labels).
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Span,
        message: impl Into<CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, rule, span, message)
    }

    /// Adds findings made elsewhere (by a template rule run over a value).
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// The source span of `start..end` of a scalar's value: exact where the value maps onto the
    /// source, else the whole value.
    pub fn value_span(&self, node: &Node, start: usize, end: usize) -> Span {
        match SourceMap::of(self.source, node) {
            Some(map) => map.span(start, end),
            None => node.span,
        }
    }

    /// The scripts of the `RunShellCommand` and `RunPowerShellCommand` tasks.
    pub(crate) fn scripts(&self) -> Rc<[Script<'c>]> {
        let source = self.source;
        let scripts = self.scripts.get_or_init(|| {
            self.tasks
                .iter()
                .filter(|task| {
                    task.action.is_some_and(|action| {
                        matches!(action.name, "RunShellCommand" | "RunPowerShellCommand")
                    })
                })
                .filter_map(|task| task.properties?.get("commandContent"))
                .map(|entry| &entry.value)
                .filter_map(|node| {
                    Some(Script {
                        node,
                        map: SourceMap::of(source, node),
                        shell: ShellText::new(node.as_str()?),
                    })
                })
                .collect()
        });
        Rc::clone(scripts)
    }

    /// Every scalar in the tasks' `Properties` (inside `Json` values too), with its task and the
    /// name of the property it belongs to; computed once for every rule that reads them.
    pub fn property_scalars(&self) -> Rc<[PropertyScalar<'c>]> {
        let scalars = self.property_scalars.get_or_init(|| {
            let mut out = Vec::new();
            for task in &self.tasks {
                for entry in task.properties.and_then(Node::entries).unwrap_or_default() {
                    let name = entry.key.as_str().unwrap_or_default();
                    scalars(&entry.value, &mut |node| out.push((*task, name, node)));
                }
            }
            out.into()
        });
        Rc::clone(scalars)
    }
}

/// Calls `each` for every scalar in `node`, depth first.
pub(crate) fn scalars<'n>(node: &'n Node, each: &mut impl FnMut(&'n Node)) {
    match &node.kind {
        NodeKind::Scalar(_) => each(node),
        NodeKind::Mapping(entries) => {
            for entry in entries {
                scalars(&entry.value, each);
            }
        }
        NodeKind::Sequence(items) => {
            for item in items {
                scalars(item, each);
            }
        }
        NodeKind::Alias => {}
    }
}

/// The candidate `word` most likely meant: the same word in another case, one within a quarter
/// of its length in edits (at least two), or the only one it is the start of (`RunShell`).
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = word.to_ascii_lowercase();
    let mut prefixed = candidates.clone().into_iter().filter(|candidate| {
        wanted.len() >= 4 && candidate.to_ascii_lowercase().starts_with(&wanted)
    });
    if let (Some(only), None) = (prefixed.next(), prefixed.next()) {
        return Some(only);
    }
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = bc_lint::edit_distance(&wanted, &candidate.to_ascii_lowercase());
        if distance <= 2.max(candidate.len() / 4) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}
