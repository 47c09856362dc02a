//! `bclint check`: lint every input in parallel, apply fixes, print, and pick the exit code.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, IsTerminal as _, Write as _};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use bc_component::SystemType;
use bc_lint::{CowStr, Diagnostic, RuleMeta};
use bc_workspace::embedded;
use bc_workspace::files::{self, ReadError, SourceKind};
use bc_workspace::manifest::{load_component_content, load_templates};
use bc_workspace::online;
use bc_workspace::repository;
use bc_workspace::settings::{Discovery, Overrides, Settings};
use bc_workspace::too_large;
use rayon::prelude::*;

use crate::args::{CheckArgs, ColorChoice};
use crate::commands::online::OnlineCheck;
use crate::diff::unified_diff;
use crate::escape::escape_controls;
use crate::exit_status::ExitStatus;
use crate::inputs::{Input, collect};
use crate::links::Links;
use crate::output::{self, Checked, Report, Stream};
use crate::settings::discovery;

pub fn run(args: &CheckArgs) -> ExitStatus {
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let discovery = match discovery(
        args.files.config.as_deref(),
        args.files.no_config,
        overrides,
    ) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("bclint: error: {}", escape_controls(&message));
            return ExitStatus::Error;
        }
    };
    if args.show_settings {
        let path = args
            .files
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        let probe = if path.is_dir() {
            path.join("template.buildcontent")
        } else {
            path
        };
        return match discovery.settings_for(&probe) {
            Ok(settings) => {
                print!("{}", settings.show(&probe));
                ExitStatus::Success
            }
            Err(message) => {
                eprintln!("bclint: error: {}", escape_controls(&message.to_string()));
                ExitStatus::Error
            }
        };
    }

    let inputs = collect(&args.files, &discovery);
    let named: HashSet<PathBuf> = inputs.iter().map(|i| plain_path(i.path())).collect();
    let mut online = match args.online.online.then(|| OnlineCheck::new(&args.online)) {
        None => None,
        Some(Ok(online)) => Some(online),
        Some(Err(message)) => {
            eprintln!("bclint: error: {}", escape_controls(&message));
            return ExitStatus::Error;
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let rules = bc_workspace::registry::rules();
    let links = Links::default();
    let mut stdout = io::stdout().lock();
    let mut outcome = Outcome::default();
    let printed = if output::streams(args.output_format) || args.statistics {
        // Print each batch as soon as it is checked and keep only counts, so memory does not
        // grow with the number of files.
        let mut stream = Stream::new(args.output_format, args.fix, args.statistics);
        let mut inputs = inputs.into_iter();
        loop {
            let batch: Vec<Input> = inputs.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break stream.finish(&mut stdout, rules);
            }
            let results = check_batch(batch, &discovery, &links, args, &named, online.as_mut());
            outcome.add(&results, args);
            let report = report(&results, rules, color, args);
            if let Err(error) = print_problems(&mut stdout, &report)
                .and_then(|()| stream.write(&mut stdout, &report))
            {
                break Err(error);
            }
        }
    } else {
        // A JUnit document needs every finding at once: it counts them at the top.
        let results = check_batch(inputs, &discovery, &links, args, &named, online.as_mut());
        outcome.add(&results, args);
        let report = report(&results, rules, color, args);
        print_problems(&mut stdout, &report)
            .and_then(|()| output::write(&mut stdout, args.output_format, &report))
    };
    if let Err(error) = printed.and_then(|()| stdout.flush())
        && error.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("bclint: error: cannot write output: {error}");
        return ExitStatus::Error;
    }
    outcome.status(args)
}

/// The report of some checked files as the options ask for it.
fn report<'a>(
    results: &'a [Checked],
    rules: &'a [&'static RuleMeta],
    color: bool,
    args: &CheckArgs,
) -> Report<'a> {
    Report {
        results,
        rules,
        color,
        fix_mode: args.fix,
        statistics: args.statistics,
    }
}

/// How many files `check` checks (in parallel) and prints at a time in a streaming format.
const BATCH: usize = 512;

/// Checks `inputs` offline, then online when asked to. `named` holds every input of the run
/// (see [`plain_path`]), so that a file a Terraform or ROS file names is not checked twice.
fn check_batch(
    inputs: Vec<Input>,
    discovery: &Discovery,
    links: &Links,
    args: &CheckArgs,
    named: &HashSet<PathBuf>,
    online: Option<&mut OnlineCheck>,
) -> Vec<Checked> {
    let kinds: Vec<Option<SourceKind>> = inputs.iter().map(Input::kind).collect();
    let groups = check_all(inputs, discovery, links, args, named);
    let Some(online) = online else {
        return groups.into_iter().flatten().collect();
    };
    // The files a Terraform or ROS file names follow it in its group; the online check asks
    // about the inputs themselves.
    let mut results = Vec::with_capacity(groups.len());
    let mut result_kinds = Vec::with_capacity(groups.len());
    for (group, kind) in groups.into_iter().zip(kinds) {
        for (i, checked) in group.into_iter().enumerate() {
            result_kinds.push(if i == 0 { kind } else { None });
            results.push(checked);
        }
    }
    online.check(&mut results, &result_kinds, discovery, links);
    results
}

/// Checks `inputs` in parallel, in order: for each, its own result followed by those of the
/// files it names that are checked as part of it.
fn check_all(
    inputs: Vec<Input>,
    discovery: &Discovery,
    links: &Links,
    args: &CheckArgs,
    named: &HashSet<PathBuf>,
) -> Vec<Vec<Checked>> {
    inputs
        .into_par_iter()
        .map(|input| {
            let path = input.path().to_path_buf();
            // A bug in one rule must not cost the findings of every other file.
            let mut checked = std::panic::catch_unwind(AssertUnwindSafe(|| {
                check_input(input, discovery, links, args, named)
            }))
            .unwrap_or_else(|_| {
                vec![Checked::failed(
                    path,
                    "internal error while checking this file (a bug in bclint)".into(),
                )]
            });
            checked.iter_mut().for_each(mask_access_keys);
            checked
        })
        .collect()
}

/// `path` made absolute and plain (no `.` or `..`), to compare paths however they were named.
fn plain_path(path: &Path) -> PathBuf {
    repository::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Masks every AccessKey ID and secret in what the output shows of a file, as BC401's message
/// does: the text of the frames and diffs, and every message, label and fix that quotes it
/// (edits included: printed in a CI log, a key is as leaked as in a frame). Masking keeps every
/// offset, so the findings still point at the right places.
fn mask_access_keys(checked: &mut Checked) {
    let mut keys: HashSet<String> = HashSet::new();
    for text in [Some(&checked.source), checked.diff.as_ref()]
        .into_iter()
        .flatten()
    {
        keys.extend(bc_lint::access_keys(text).map(|(span, _)| span.text(text).to_owned()));
    }
    if keys.is_empty() {
        return;
    }
    for text in [Some(&mut checked.source), checked.diff.as_mut()]
        .into_iter()
        .flatten()
    {
        if let Some(masked) = mask_keys(text, &keys) {
            *text = masked;
        }
    }
    let mask_text = |text: &mut CowStr| {
        if let Some(masked) = mask_keys(text, &keys) {
            *text = Cow::Owned(masked);
        }
    };
    for diagnostic in &mut checked.diagnostics {
        mask_text(&mut diagnostic.message);
        for text in [&mut diagnostic.note, &mut diagnostic.help]
            .into_iter()
            .flatten()
        {
            mask_text(text);
        }
        for label in &mut diagnostic.labels {
            mask_text(&mut label.message);
        }
        for fix in &mut diagnostic.fixes {
            mask_text(&mut fix.title);
            for edit in &mut fix.edits {
                mask_text(&mut edit.replacement);
            }
        }
    }
}

/// `text` with each of `keys` masked, if it holds one. A key is a whole run of ASCII letters
/// and digits, so looking up each such run finds them all in one pass.
fn mask_keys(text: &str, keys: &HashSet<String>) -> Option<String> {
    let mut masked: Option<String> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            at += 1;
            continue;
        }
        let run = &text[at..at + len];
        if keys.contains(run) {
            // Letters and digits replaced byte for byte keep every offset.
            masked
                .get_or_insert_with(|| text.to_owned())
                .replace_range(at..at + len, &bc_lint::mask_access_key(run));
        }
        at += len;
    }
    masked
}

/// Prints the files that could not be checked (to standard error) and the diffs of fixes.
fn print_problems(out: &mut impl io::Write, report: &Report<'_>) -> io::Result<()> {
    for checked in report.results {
        if let Some(error) = &checked.error {
            let problem = format!("{}: {error}", checked.path.display());
            eprintln!("bclint: error: {}", escape_controls(&problem));
        }
        if let Some(diff) = &checked.diff {
            out.write_all(diff.as_bytes())?;
        }
    }
    Ok(())
}

/// What decides the exit status, gathered over every batch.
#[derive(Debug, Default)]
struct Outcome {
    errors: bool,
    diffs: bool,
    failing_findings: bool,
}

impl Outcome {
    fn add(&mut self, results: &[Checked], args: &CheckArgs) {
        self.errors |= results.iter().any(|r| r.error.is_some());
        self.diffs |= args.diff && results.iter().any(|r| r.diff.is_some());
        self.failing_findings |= results.iter().any(|r| {
            r.diagnostics
                .iter()
                .any(|d| d.severity >= r.fail_on && !online::is_unavailable(d.code))
        });
    }

    fn status(&self, args: &CheckArgs) -> ExitStatus {
        if self.errors {
            ExitStatus::Error
        } else if args.exit_zero {
            ExitStatus::Success
        } else if self.diffs || self.failing_findings {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}

fn check_input(
    input: Input,
    discovery: &Discovery,
    links: &Links,
    args: &CheckArgs,
    named: &HashSet<PathBuf>,
) -> Vec<Checked> {
    let (path, kind, read) = match input {
        // A path that could not be used (a bad settings file among them) has nothing to read.
        Input::Error { path, message } => return vec![Checked::failed(path, message)],
        Input::File { path, kind } => {
            let read = files::read_source(&path).map(|source| (source, true));
            (path, kind, read)
        }
        Input::Stdin { name, kind } => {
            let read = files::read_source_from(io::stdin().lock()).map(|source| (source, false));
            (name, kind, read)
        }
    };
    let settings = match discovery.settings_for(&path) {
        Ok(settings) => settings,
        Err(error) => return vec![Checked::failed(path, error.to_string())],
    };
    let (source, on_disk) = match read {
        Ok(read) => read,
        Err(error) => return vec![read_failure(path, &error, &settings)],
    };
    let config = settings.config_for(&path);
    // A `*.imagecomponent` file is a YAML component when its content says so.
    let kind = kind.of_content(&source);
    // A component manifest is judged with the component it describes.
    let content = (kind == SourceKind::ComponentManifest)
        .then(|| load_component_content(&path, &source, settings.allow_outside_repository).0);
    // A YAML component is linted for the system its manifest names.
    let system = match kind {
        SourceKind::YamlComponent => links.system_type(&path),
        _ => SystemType::default(),
    };
    // A manifest is judged together with the templates it references (read relative to it).
    let templates = match kind {
        SourceKind::Manifest => {
            let allow_outside = settings.allow_outside_repository;
            Some(load_templates(&path, &source, allow_outside, &|_| None).0)
        }
        _ => None,
    };
    // The closures keep their own copies: `path` moves into the result below.
    let template_path = path.clone();
    let host_path = path.clone();
    let lint_host = |host, text: &str| {
        let allow_outside = settings.allow_outside_repository;
        embedded::lint_host(&host_path, host, text, &config, allow_outside, &|_| None)
    };
    // The files a Terraform or ROS file names are checked as its resources use them, unless
    // they are inputs of their own.
    let mut results = Vec::new();
    if let SourceKind::Embedded(host) = kind {
        for referenced in lint_host(host, &source).referenced {
            let Some(diagnostics) = referenced.lint(&config) else {
                continue;
            };
            let (path, source) = (referenced.template.path, referenced.template.source);
            if !named.contains(&plain_path(&path)) {
                results.push(Checked {
                    path,
                    source: source.unwrap_or_default(),
                    diagnostics,
                    error: None,
                    fixed: 0,
                    diff: None,
                    fail_on: settings.fail_on,
                });
            }
        }
    }
    let lint = |text: &str| match (kind, &templates) {
        (SourceKind::Template(file_kind), _) => {
            let parse = bc_syntax::parse(text, file_kind);
            let mut diagnostics = bc_lint::lint(&parse, &config);
            diagnostics.extend(links.lint(&template_path, &parse, &config));
            bc_lint::finalize(diagnostics, &config)
        }
        (SourceKind::YamlComponent, _) => lint_component(text, system, &config),
        (SourceKind::Manifest, Some(templates)) => {
            bc_pipeline::lint_manifest(text, templates, &config)
        }
        (SourceKind::Manifest, None) => unreachable!("templates are loaded for manifests"),
        (SourceKind::ComponentManifest, _) => match &content {
            Some(content) => {
                bc_pipeline::component::lint_component_manifest(text, content, &config)
            }
            None => unreachable!("the content is loaded for component manifests"),
        },
        (SourceKind::Embedded(host), _) => lint_host(host, text).diagnostics,
    };
    let mut checked = Checked {
        path,
        diagnostics: Vec::new(),
        error: None,
        fixed: 0,
        diff: None,
        fail_on: settings.fail_on,
        source,
    };
    if !(args.fix || args.diff) {
        checked.diagnostics = lint(&checked.source);
        results.insert(0, checked);
        return results;
    }
    // Fixes of a YAML component are only those whose edits map exactly onto its text
    // (bc_component drops the others), so a fix never rewrites anything but what it names.
    let outcome = bc_lint::fix_until_stable(&checked.source, args.unsafe_fixes, lint);
    if outcome.text != checked.source {
        checked.fixed = outcome.applied;
        if args.diff {
            checked.diff = Some(unified_diff(&checked.path, &checked.source, &outcome.text));
        } else if on_disk {
            if let Err(error) =
                files::write_atomically(&checked.path, &checked.source, &outcome.text)
            {
                checked.error = Some(format!("cannot write the fixed file: {error}"));
                checked.diagnostics = lint(&checked.source);
                results.insert(0, checked);
                return results;
            }
        } else {
            // Fixed standard input goes to standard output, like formatters do.
            print!("{}", outcome.text);
        }
        // The remaining findings are positioned in the fixed text.
        checked.source = outcome.text;
    }
    checked.diagnostics = outcome.remaining;
    results.insert(0, checked);
    results
}

/// Lints a YAML component. Without a component manifest it is for Linux, the service's default.
fn lint_component(text: &str, system: SystemType, config: &bc_lint::Config) -> Vec<Diagnostic> {
    let options = bc_component::Options {
        system,
        config: config.clone(),
    };
    bc_component::lint(&bc_component::parse(text), &options)
}

/// A file that could not be read is an error (exit 2), except one that is too large: that is a
/// finding of BC007 (`bc_workspace::too_large`, as in the editor), so it shows in every output
/// format and respects the settings.
fn read_failure(path: PathBuf, error: &ReadError, settings: &Settings) -> Checked {
    let ReadError::TooLarge { size } = error else {
        return Checked::failed(path, error.to_string());
    };
    let config = settings.config_for(&path);
    Checked {
        diagnostics: too_large::finding(*size, &config).into_iter().collect(),
        path,
        source: String::new(),
        error: None,
        fixed: 0,
        diff: None,
        fail_on: settings.fail_on,
    }
}
