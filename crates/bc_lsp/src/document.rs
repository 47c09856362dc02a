//! Open documents: their text, version, kind and analysis, replaced atomically on every change.
//! An edit only splices the text into a [`Draft`]; the analysis of the newest draft waits until a
//! request or a publish needs it, so a burst of edits is analysed once.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use bc_component::{Component, SystemType};
use bc_embedded::Host;
use bc_lint::{Config, Diagnostic};
use bc_syntax::{FileKind, LineIndex, Parse, Span};
use bc_workspace::files::{MAX_SOURCE_BYTES, SourceKind};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Position, Uri};

use crate::convert::Text;
use crate::guard::invalid_params;

/// The kind of a document: by file name first (as `bclint check` decides it), then by the
/// client's language id (for unsaved buffers and unusual names).
pub fn kind_of(uri: &Uri, language_id: &str) -> Option<SourceKind> {
    if let Some(kind) = SourceKind::from_path(Path::new(file_name(uri))) {
        return Some(kind);
    }
    match language_id {
        "buildcontent" => Some(SourceKind::Template(FileKind::Build)),
        "testcontent" => Some(SourceKind::Template(FileKind::Test)),
        "imagecomponent" => Some(SourceKind::Template(FileKind::Component)),
        "imagecomponent-yaml" => Some(SourceKind::YamlComponent),
        "imagepipeline-toml" => Some(SourceKind::Manifest),
        "imagecomponent-toml" => Some(SourceKind::ComponentManifest),
        _ => None,
    }
}

/// The last path segment of a URI.
pub fn file_name(uri: &Uri) -> &str {
    let path = uri.as_str().split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or_default()
}

/// The newest text of an open document, edited since its last analysis.
#[derive(Debug)]
pub struct Draft {
    /// The document's URI.
    pub uri: Uri,
    /// The client's version of the text.
    pub version: i32,
    /// What it is.
    pub kind: SourceKind,
    /// The text.
    pub text: String,
    /// Line starts of the text, for applying the next edit.
    pub index: LineIndex,
    /// The configuration to lint it with.
    pub config: Arc<Config>,
}

impl Draft {
    /// A draft of `text`, indexed.
    pub fn new(
        uri: Uri,
        version: i32,
        kind: SourceKind,
        text: String,
        config: Arc<Config>,
    ) -> Draft {
        let index = LineIndex::new(&text);
        Draft {
            uri,
            version,
            kind,
            text,
            index,
            config,
        }
    }

    /// The text with its index, for position conversion.
    pub fn text(&self) -> Text<'_> {
        Text::new(&self.text, &self.index)
    }
}

/// One open document and everything computed from its current text.
#[derive(Debug)]
pub struct Document {
    /// The document's URI.
    pub uri: Uri,
    /// The client's version of the text.
    pub version: i32,
    /// What its name (or language id) says it is.
    pub declared: SourceKind,
    /// What it is: the declared kind, or a YAML component when a `*.imagecomponent` holds YAML.
    pub kind: SourceKind,
    /// The text.
    pub text: String,
    /// Line starts of the text.
    pub index: LineIndex,
    /// The parse, for templates within [`MAX_SOURCE_BYTES`].
    pub parse: Option<Parse>,
    /// The parse, for YAML components within [`MAX_SOURCE_BYTES`].
    pub component: Option<Component>,
    /// The configuration it was linted with.
    pub config: Arc<Config>,
    /// The findings, in byte spans.
    pub diagnostics: Vec<bc_lint::Diagnostic>,
    /// The panic message, if analysing the text crashed (the document is then kept unanalysed
    /// and the failure shown as a diagnostic).
    pub analysis_error: Option<String>,
    /// A number unique to this analysis (set by the server), used as the pull-diagnostics result
    /// id and to drop stale publishes.
    pub id: u64,
}

/// What analysing a document needs from the files around it.
pub struct Surroundings<'a> {
    /// Lints a manifest together with the templates it names.
    pub lint_manifest: &'a dyn Fn(&Uri, &str, &Config) -> Vec<Diagnostic>,
    /// Lints a Terraform or ROS file: the findings of its image resources only.
    pub lint_embedded: &'a dyn Fn(Host, &Uri, &str, &Config) -> Vec<Diagnostic>,
    /// Lints a component manifest together with the content file it describes.
    pub lint_component_manifest: &'a dyn Fn(&Uri, &str, &Config) -> Vec<Diagnostic>,
    /// The link findings (BC701–BC706) of a template's `COMPONENT` calls.
    pub lint_calls: &'a dyn Fn(&Parse, &Config) -> Vec<Diagnostic>,
    /// The system a YAML component is for: its component manifest's `system_type`, as the
    /// project index knows it (Linux without a manifest).
    pub component_system: &'a dyn Fn() -> SystemType,
}

/// The result of analysing a text: its parse (whichever kind) and its findings.
type Analysis = (Option<Parse>, Option<Component>, Vec<Diagnostic>);

/// Analyses `text` of kind `kind` the way `bclint check` does.
fn analyse(draft: &Draft, kind: SourceKind, around: &Surroundings<'_>) -> Analysis {
    let (text, config) = (&draft.text, &*draft.config);
    // Not analysed, as `bclint check` does not read it: BC007 says so, if enabled.
    let size = text.len() as u64;
    if size > MAX_SOURCE_BYTES {
        let too_large = bc_workspace::too_large::finding(size, config);
        return (None, None, too_large.into_iter().collect());
    }
    match kind {
        SourceKind::Template(file_kind) => {
            let parse = bc_syntax::parse(text, file_kind);
            let mut diagnostics = bc_lint::lint(&parse, config);
            if file_kind.is_template() {
                diagnostics.extend((around.lint_calls)(&parse, config));
                diagnostics = bc_lint::finalize(diagnostics, config);
            }
            (Some(parse), None, diagnostics)
        }
        SourceKind::YamlComponent => {
            let component = bc_component::parse(text);
            // For the system its manifest names, as `bclint check` lints it.
            let options = bc_component::Options {
                system: (around.component_system)(),
                config: config.clone(),
            };
            let diagnostics = bc_component::lint(&component, &options);
            (None, Some(component), diagnostics)
        }
        SourceKind::Manifest => (None, None, (around.lint_manifest)(&draft.uri, text, config)),
        SourceKind::ComponentManifest => {
            let diagnostics = (around.lint_component_manifest)(&draft.uri, text, config);
            (None, None, diagnostics)
        }
        SourceKind::Embedded(host) => {
            let diagnostics = (around.lint_embedded)(host, &draft.uri, text, config);
            (None, None, diagnostics)
        }
    }
}

impl Document {
    /// Analyses a draft.
    pub fn new(draft: &Draft, around: &Surroundings<'_>) -> Document {
        let kind = draft.kind.of_content(&draft.text);
        let analysed = catch_unwind(AssertUnwindSafe(|| analyse(draft, kind, around)));
        let (parse, component, diagnostics, analysis_error) = match analysed {
            Ok((parse, component, diagnostics)) => (parse, component, diagnostics, None),
            Err(payload) => (
                None,
                None,
                Vec::new(),
                Some(crate::guard::panic_message(&*payload)),
            ),
        };
        Document {
            uri: draft.uri.clone(),
            version: draft.version,
            declared: draft.kind,
            kind,
            text: draft.text.clone(),
            index: draft.index.clone(),
            parse,
            component,
            config: draft.config.clone(),
            diagnostics,
            analysis_error,
            id: 0,
        }
    }

    /// The text with its index, for position conversion.
    pub fn text(&self) -> Text<'_> {
        Text::new(&self.text, &self.index)
    }

    /// The byte offset of an LSP position, or an `InvalidParams` answer for one outside the text.
    pub fn offset_of(&self, position: Position) -> Result<usize> {
        self.text()
            .offset(position)
            .map_err(|e| invalid_params(e.to_string()))
    }

    /// The file kind, for templates.
    pub fn file_kind(&self) -> Option<FileKind> {
        match self.kind {
            SourceKind::Template(kind) => Some(kind),
            _ => None,
        }
    }

    /// The command whose lines (from the start of the first to the end of the last, trailing
    /// blanks included) hold `offset`.
    pub fn command_at(&self, offset: usize) -> Option<bc_syntax::CommandRef<'_>> {
        self.parse.as_ref()?.commands().find(|command| {
            self.extent(command.line_start(), command.span.end)
                .touches(offset)
        })
    }

    /// From `start` to the end of the line holding `end` (before its terminator).
    pub fn extent(&self, start: usize, end: usize) -> Span {
        let (line_start, line) = self.text().line_at(end);
        Span::new(start, (line_start + line.len()).max(end))
    }
}
