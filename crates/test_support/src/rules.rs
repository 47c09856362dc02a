//! The rule-fixture harness and the metadata checks every rule set must pass.
//!
//! Each rule has a directory `<root>/<CODE>/` holding `invalid*` fixtures that must trigger it and
//! `valid*` fixtures that must not. The findings (and the text after fixing) of every fixture are
//! snapshotted next to it, so a change in a message, span or fix shows up in review.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use bc_lint::{Config, Diagnostic, FixAvailability, Level, RuleMeta};

/// A configuration that turns on every rule of `rules`, including those off by default, so each
/// can be tested.
pub fn config_all_on<'r>(rules: impl IntoIterator<Item = &'r RuleMeta>) -> Config {
    let mut config = Config::default();
    for rule in rules.into_iter().filter(|rule| !rule.enabled_by_default) {
        config
            .levels
            .insert(rule.code.to_owned(), Level::On(rule.severity));
    }
    config
}

/// What the suite under test made of one fixture.
pub struct Outcome {
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The text after applying every fix, unsafe ones included.
    pub fixed: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// The fixture set of one suite.
pub struct Fixtures<'a> {
    /// The directory holding one directory per rule code.
    pub root: &'a Path,
    /// Whether a file in a rule's directory is a fixture (rather than a snapshot or a file a
    /// fixture refers to).
    pub is_fixture: fn(&Path) -> bool,
    /// Rules that the command line and the language server report before parsing (such as
    /// files over the size limit), which no fixture can trigger: they need only `valid` ones.
    pub adapter_only: &'a [&'a str],
}

impl Fixtures<'_> {
    /// Runs `run(rule's directory, file name, source)` on every fixture of every rule, checks
    /// that `invalid*` fixtures trigger their rule and `valid*` ones do not, snapshots the
    /// outcomes, and fails listing every problem at once.
    pub fn check<'r>(
        &self,
        rules: impl IntoIterator<Item = &'r RuleMeta>,
        mut run: impl FnMut(&Path, &str, &str) -> Outcome,
    ) {
        let mut failures = Vec::new();
        for rule in rules {
            let dir = self.root.join(rule.code);
            let (mut invalid, mut valid) = (0, 0);
            for path in self.files(&dir, rule.code) {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let source = fs::read_to_string(&path).expect("fixture is UTF-8");
                let outcome = run(&dir, &name, &source);
                let fires = outcome.diagnostics.iter().any(|d| d.code == rule.code);
                let code = rule.code;
                if name.starts_with("invalid") {
                    invalid += 1;
                    if !fires {
                        failures.push(format!("{code}/{name}: expected {code} to fire"));
                    }
                } else if name.starts_with("valid") {
                    valid += 1;
                    if fires {
                        failures.push(format!("{code}/{name}: {code} fired on a valid file"));
                    }
                } else {
                    failures.push(format!(
                        "{code}/{name}: fixture names start with `valid` or `invalid`"
                    ));
                }
                let mut snapshot = bc_lint::describe(&source, &outcome.diagnostics);
                if outcome.fixed != source {
                    let _ = write!(
                        snapshot,
                        "--- after fix --unsafe-fixes ({} applied) ---\n{}",
                        outcome.applied, outcome.fixed
                    );
                }
                insta::with_settings!({ snapshot_path => dir.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
                    insta::assert_snapshot!(name.replace('.', "_"), snapshot);
                });
            }
            let adapter_only = self.adapter_only.contains(&rule.code);
            if (invalid == 0 && !adapter_only) || valid == 0 {
                failures.push(format!(
                    "{}: needs at least one invalid and one valid fixture",
                    rule.code
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "fixture failures:\n{}",
            failures.join("\n")
        );
    }

    /// The fixtures of one rule, in name order.
    fn files(&self, dir: &Path, code: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| {
                panic!(
                    "rule {code} has no fixture directory {}: {e}",
                    dir.display()
                )
            })
            .map(|entry| entry.expect("readable directory entry").path())
            .filter(|path| (self.is_fixture)(path))
            .collect();
        files.sort();
        files
    }
}

/// Checks that codes and names are unique, codes are `BC` and three digits, names kebab-case,
/// and that `rules` is in code order.
pub fn assert_codes_and_names<'r>(rules: impl IntoIterator<Item = &'r RuleMeta>) {
    let rules: Vec<&RuleMeta> = rules.into_iter().collect();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in &rules {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        let digits = rule.code.strip_prefix("BC").expect("codes start with BC");
        assert!(
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
            "bad code {}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "name {} is not kebab-case",
            rule.name
        );
    }
    let codes: Vec<&str> = rules.iter().map(|rule| rule.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, codes, "the rules are in code order");
}

/// What is missing from a rule's documentation: the four sections every rule has, `## Fix
/// safety` for a rule with fixes, a mention of each API error the rule predicts, a summary, and
/// where given, a code block in `example_language` (manifest rules need a `toml` one; some
/// template rules are about files that cannot be shown as a template).
pub fn doc_problems(rule: &RuleMeta, example_language: Option<&str>) -> Vec<String> {
    let docs = rule.docs();
    let mut problems = Vec::new();
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        if !docs.contains(section) {
            problems.push(format!("{} lacks `{section}`", rule.code));
        }
    }
    if rule.fix != FixAvailability::None && !docs.contains("## Fix safety") {
        problems.push(format!("{} has fixes but no `## Fix safety`", rule.code));
    }
    for error in rule
        .api_error
        .into_iter()
        .flat_map(|errors| errors.split(", "))
    {
        // `InvalidParameter.<Name>` stands for a family: its fixed part must be named.
        let error = error.split('<').next().unwrap_or(error);
        if !docs.contains(error) {
            problems.push(format!(
                "{} does not name its API error `{error}` in its docs",
                rule.code
            ));
        }
    }
    if let Some(language) = example_language
        && !docs.contains(&format!("```{language}"))
    {
        problems.push(format!("{} has no `{language}` example", rule.code));
    }
    if rule.summary().is_empty() {
        problems.push(format!("{} has an empty summary", rule.code));
    }
    problems
}

/// Checks a rules directory's `mod.rs`: every rule file is declared with a plain `mod` line (so
/// `cargo fmt` formats it: rustfmt cannot see modules a macro declares), and the table names each
/// rule's code beside its row (`entry!(install_without_yes), // BC303`), in the order of `rules`.
pub fn assert_rule_table<'r>(dir: &Path, rules: impl IntoIterator<Item = &'r RuleMeta>) {
    let table = fs::read_to_string(dir.join("mod.rs")).expect("the rules have a mod.rs");
    let declared: HashSet<&str> = table
        .lines()
        .filter_map(|line| line.rsplit_once("mod ")?.1.strip_suffix(';'))
        .collect();
    for entry in fs::read_dir(dir).expect("the rules directory reads") {
        let path = entry.expect("a directory entry").path();
        let module = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default();
        if path.extension().is_some_and(|ext| ext == "rs") && module != "mod" {
            assert!(
                declared.contains(module),
                "{} is not declared with a plain `mod {module};` line",
                path.display()
            );
        }
    }
    let commented: Vec<&str> = table
        .lines()
        .filter(|line| line.trim_start().starts_with("entry!("))
        .filter_map(|line| line.rsplit_once("// ").map(|(_, code)| code.trim()))
        .collect();
    let codes: Vec<&str> = rules.into_iter().map(|rule| rule.code).collect();
    assert_eq!(commented, codes, "each table row names its rule's code");
}
