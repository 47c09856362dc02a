//! Data-driven manifest rule tests and registry meta tests.
//!
//! Every manifest rule has a directory `test_data/rules/<CODE>/` holding `invalid*.toml` files
//! that must trigger it and `valid*.toml` files that must not. Templates a fixture refers to are
//! described in the fixture itself by `# template: <build|test> <path> <status>` comments, where
//! status is `missing`, `not-a-file`, `too-large`, `not-utf8`, `outside-root:<file>` (read because
//! the settings allow it), `outside-root-refused` (not read) or the name of a file next to the
//! fixture. Findings (and the text after fixing) are snapshotted.

use std::fs;
use std::path::Path;

use bc_pipeline::{
    TemplateFile, TemplateRole, TemplateStatus, Templates, fix_manifest, lint_manifest,
};
use bc_syntax::FileKind;
use test_support::rules::{
    Fixtures, Outcome, assert_codes_and_names, assert_rule_table, config_all_on, doc_problems,
};

/// The manifest rules.
fn rules() -> impl Iterator<Item = &'static bc_lint::RuleMeta> {
    bc_pipeline::rules::RULES.iter().map(|(rule, _)| *rule)
}

/// Every manifest rule on, and every template rule for the inline templates.
fn config() -> bc_lint::Config {
    config_all_on(
        bc_lint::rules::RULES
            .iter()
            .map(|(rule, _)| *rule)
            .chain(rules()),
    )
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
            "outside-root-refused" => (TemplateStatus::OutsideRepository, true),
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
    let config = config();
    let fixtures = Fixtures {
        root: &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules"),
        is_fixture: |path| path.extension().is_some_and(|ext| ext == "toml"),
        adapter_only: &[],
    };
    fixtures.check(rules(), |dir, name, source| {
        let templates = templates_for(dir, source);
        let fixed = fix_manifest(source, &templates, &config, true);
        if fixed.text != source {
            assert!(
                bc_pipeline::parse_manifest(&fixed.text).manifest.is_some(),
                "{}/{name}: the fixed manifest is not valid TOML",
                dir.display()
            );
        }
        Outcome {
            diagnostics: lint_manifest(source, &templates, &config),
            fixed: fixed.text,
            applied: fixed.applied,
        }
    });
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    assert_codes_and_names(rules());
    for rule in rules() {
        assert!(
            rule.code.starts_with("BC5"),
            "{} is a BC5xx code",
            rule.code
        );
    }
}

#[test]
fn every_manifest_rule_is_documented() {
    let problems: Vec<String> = rules()
        .flat_map(|rule| doc_problems(rule, Some("toml")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each rule's "Example" must trigger it and its "Use instead" must not (when they are whole
/// manifests or fragments that can be completed with the required keys).
#[test]
fn doc_examples_behave_as_documented() {
    let config = config();
    let mut failures = Vec::new();
    // These two depend on template files, which a doc example cannot supply.
    for rule in rules().filter(|rule| !matches!(rule.code, "BC520" | "BC521")) {
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

#[test]
fn rule_files_are_declared_with_their_codes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    assert_rule_table(
        &dir,
        bc_pipeline::rules::RULES.iter().map(|(rule, _)| *rule),
    );
}
