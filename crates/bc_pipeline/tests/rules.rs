//! Data-driven manifest rule tests and registry meta tests.
//!
//! Every manifest rule has a directory `test_data/rules/<CODE>/` holding `invalid*.toml` files
//! that must trigger it and `valid*.toml` files that must not. Templates a fixture refers to are
//! described in the fixture itself by `# template: <build|test> <path> <status>` comments, where
//! status is `missing`, `not-a-file`, `too-large`, `not-utf8`, `outside-root:<file>` or the
//! name of a file next to the fixture. Findings (and the text after fixing) are snapshotted.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use bc_lint::{Config, FixAvailability, Level, RuleMeta};
use bc_pipeline::{
    TemplateFile, TemplateRole, TemplateStatus, Templates, all_rules, find_rule, fix_manifest,
    lint_manifest, rules,
};
use bc_syntax::FileKind;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules")
}

fn config_all_on() -> Config {
    let mut config = Config::default();
    for rule in all_rules()
        .into_iter()
        .filter(|rule| !rule.enabled_by_default)
    {
        config
            .levels
            .insert(rule.code.to_owned(), Level::On(rule.severity));
    }
    config
}

fn fixtures(code: &str) -> Vec<PathBuf> {
    let dir = fixture_root().join(code);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "rule {code} has no fixture directory {}: {e}",
                dir.display()
            )
        })
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The templates a fixture declares in `# template:` comments.
fn templates_for(dir: &Path, source: &str) -> Templates {
    let mut templates = Templates::default();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("# template: ") else {
            continue;
        };
        let mut parts = rest.split_whitespace();
        let (Some(role), Some(path), Some(status)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("bad template line {line:?}");
        };
        let (status, outside_root) = match status {
            "missing" => (TemplateStatus::Missing, false),
            "not-a-file" => (TemplateStatus::NotAFile, false),
            "too-large" => (TemplateStatus::TooLarge, false),
            "not-utf8" => (TemplateStatus::NotUtf8 { offset: 7 }, false),
            other => {
                let (file, outside) = match other.strip_prefix("outside-root:") {
                    Some(file) => (file, true),
                    None => (other, false),
                };
                let text = fs::read_to_string(dir.join(file)).expect("template fixture");
                let kind = FileKind::from_file_name(file).unwrap_or(FileKind::Build);
                let parse = bc_syntax::parse(&text, kind);
                (TemplateStatus::Loaded { parse }, outside)
            }
        };
        let file = TemplateFile {
            path_display: path.to_owned(),
            kind: FileKind::from_file_name(path),
            status,
            outside_root,
        };
        match role {
            "build" => templates.build = Some(file),
            "test" => templates.test = Some(file),
            _ => panic!("bad role in {line:?}"),
        }
    }
    templates
}

#[test]
fn every_manifest_rule_fires_on_invalid_and_not_on_valid_fixtures() {
    let config = config_all_on();
    let mut failures = Vec::new();
    for rule in rules() {
        let dir = fixture_root().join(rule.code);
        let (mut invalid, mut valid) = (0, 0);
        for path in fixtures(rule.code) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = fs::read_to_string(&path).expect("fixture is UTF-8");
            let templates = templates_for(&dir, &source);
            let diagnostics = lint_manifest(&source, &templates, &config);
            let fires = diagnostics.iter().any(|d| d.code == rule.code);
            if name.starts_with("invalid") {
                invalid += 1;
                if !fires {
                    failures.push(format!(
                        "{}/{name}: expected {} to fire",
                        rule.code, rule.code
                    ));
                }
            } else if name.starts_with("valid") {
                valid += 1;
                if fires {
                    failures.push(format!(
                        "{}/{name}: {} fired on a valid file",
                        rule.code, rule.code
                    ));
                }
            } else {
                failures.push(format!(
                    "{}/{name}: fixture names start with `valid` or `invalid`",
                    rule.code
                ));
            }
            let fixed = fix_manifest(&source, &templates, &config, true);
            let mut snapshot = bc_lint::describe(&source, &diagnostics);
            if fixed.text != source {
                let _ = write!(
                    snapshot,
                    "--- after fix --unsafe-fixes ({} applied) ---\n{}",
                    fixed.applied, fixed.text
                );
                assert!(
                    bc_pipeline::parse_manifest(&fixed.text).manifest.is_some(),
                    "{}/{name}: the fixed manifest is not valid TOML",
                    rule.code
                );
            }
            insta::with_settings!({ snapshot_path => dir.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(name.replace('.', "_"), snapshot);
            });
        }
        if invalid == 0 || valid == 0 {
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

#[test]
fn codes_and_names_are_unique_across_all_rules() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    let all = all_rules();
    for rule in &all {
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
    let mut sorted: Vec<&str> = all.iter().map(|rule| rule.code).collect();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        all.iter().map(|rule| rule.code).collect::<Vec<_>>(),
        "all_rules() is in code order"
    );
    for rule in rules() {
        assert_eq!(
            rule.target,
            bc_lint::Target::Manifest,
            "{} targets manifests",
            rule.code
        );
        assert!(
            rule.code.starts_with("BC5"),
            "{} is a BC5xx code",
            rule.code
        );
    }
    assert_eq!(find_rule("bc502").map(|r| r.name), Some("invalid-name"));
    assert_eq!(find_rule("deprecated-from").map(|r| r.code), Some("BC201"));
    assert_eq!(find_rule("BC999"), None);
}

fn check_docs(rule: &RuleMeta) -> Vec<String> {
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
    if let Some(api_error) = rule.api_error {
        for error in api_error.split(", ") {
            let error = error.split('<').next().unwrap();
            if !docs.contains(error) {
                problems.push(format!(
                    "{} does not name its API error `{error}` in its docs",
                    rule.code
                ));
            }
        }
    }
    if !docs.contains("```toml") {
        problems.push(format!("{} has no TOML example", rule.code));
    }
    if rule.summary().is_empty() {
        problems.push(format!("{} has an empty summary", rule.code));
    }
    problems
}

#[test]
fn every_manifest_rule_is_documented() {
    let problems: Vec<String> = rules().iter().flat_map(|rule| check_docs(rule)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each rule's "Example" must trigger it and its "Use instead" must not (when they are whole
/// manifests or fragments that can be completed with the required keys).
#[test]
fn doc_examples_behave_as_documented() {
    let config = config_all_on();
    let mut failures = Vec::new();
    // These two depend on template files, which a doc example cannot supply.
    for rule in rules()
        .iter()
        .filter(|rule| !matches!(rule.code, "BC520" | "BC521"))
    {
        let docs = rule.docs();
        let section = |title: &str| -> Option<String> {
            let rest = docs.split_once(title)?.1;
            let rest = rest.split("\n## ").next()?;
            let block = rest.split_once("```toml\n")?.1.split_once("```")?.0;
            Some(block.to_owned())
        };
        for (title, should_fire) in [("## Example", true), ("## Use instead", false)] {
            let Some(block) = section(title) else {
                continue;
            };
            let text = complete(&block);
            let fires = lint_manifest(&text, &Templates::default(), &config)
                .iter()
                .any(|d| d.code == rule.code);
            if fires != should_fire {
                failures.push(format!("{} `{title}`: fires = {fires}\n{text}", rule.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Adds the required keys a documentation fragment leaves out, at the top.
fn complete(fragment: &str) -> String {
    let mut head = String::new();
    let has = |key: &str| fragment.lines().any(|l| l.starts_with(&format!("{key} =")));
    if !has("region") {
        head.push_str("region = \"cn-hangzhou\"\n");
    }
    if !has("base_image_type") && !fragment.contains("base_image_type") {
        head.push_str("base_image_type = \"IMAGE\"\n");
        if !has("base_image") {
            head.push_str("base_image = \"m-bp1234567890abcdef\"\n");
        }
    }
    head + fragment
}

#[test]
fn template_roles_name_their_keys() {
    assert_eq!(TemplateRole::Build.key(), "build");
    assert_eq!(TemplateRole::Test.file_kind(), FileKind::Test);
}
