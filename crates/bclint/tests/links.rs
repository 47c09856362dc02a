//! `bclint check` links every template to the local components its `COMPONENT` lines call
//! (BC701–BC706), at the same places in every output format, under the same settings and
//! suppressions as any other finding.

mod common;

use std::fs;
use std::path::Path;

use common::{bclint, repository};

const ARN: &str = "acs:ecs:cn-hangzhou:123456789:imagecomponent";

/// `harden-ssh`: a YAML component with a required Number and an optional Boolean.
const HARDEN_SSH: &str = "\
Parameters:
  port:
    Type: Number
  allow_root:
    Type: Boolean
    DefaultValue: false
Tasks:
  - Name: configure
    Action: RunShellCommand
    Properties:
      commandContent: echo \"Port {{ port }} {{ allow_root }}\" >> /etc/ssh/sshd_config
";

/// The `path:line:col: CODE` of each finding, as the concise format prints them.
fn concise(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend(args);
    let output = bclint(dir, &all);
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|line| line.contains(": BC"))
        .map(|line| {
            line.split(" error")
                .next()
                .unwrap()
                .split(" warning")
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The issue's case: a misspelt parameter, a missing required one and a Test component called
/// from a build template.
fn issue_repo() -> tempfile::TempDir {
    repository(&[
        ("components/harden-ssh.imagecomponent.yaml", HARDEN_SSH),
        (
            "components/harden-ssh.imagecomponent.toml",
            "version = \"1.2.0\"\ncomponent_type = \"Test\"\n",
        ),
        (
            "build.buildcontent",
            &format!("RUN echo hi\nCOMPONENT {ARN}/harden-ssh/1.*.* --prot 2222\n"),
        ),
    ])
}

#[test]
fn misspelt_missing_and_wrong_type_in_the_default_output() {
    let dir = issue_repo();
    let output = bclint(dir.path(), &["check", "build.buildcontent"]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "[BC702 missing-component-parameter] Error: component `harden-ssh` needs parameter `--port`",
        "[BC704 component-type-mismatch] Error: component `harden-ssh` is a Test component",
        "[BC701 unknown-component-parameter] Error: component `harden-ssh` has no parameter `prot`",
        "build.buildcontent:2:11 ]",
        "build.buildcontent:2:73 ]",
        "did you mean `--port`?",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    assert_eq!(
        concise(dir.path(), &["build.buildcontent"]),
        [
            "build.buildcontent:2:11: BC702",
            "build.buildcontent:2:11: BC704",
            "build.buildcontent:2:73: BC701",
        ]
    );
}

#[test]
fn sarif_has_the_same_positions() {
    let dir = issue_repo();
    let output = bclint(
        dir.path(),
        &["check", "--output-format", "sarif", "build.buildcontent"],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, u64, u64, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            (
                result["ruleId"].as_str().unwrap().to_owned(),
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
                region["endColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    let reference_end = 11 + format!("{ARN}/harden-ssh/1.*.*").len() as u64;
    assert_eq!(
        found,
        [
            ("BC702".to_owned(), 2, 11, reference_end),
            ("BC704".to_owned(), 2, 11, reference_end),
            ("BC701".to_owned(), 2, 73, 79),
        ]
    );
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|rule| rule["id"].as_str())
        .collect();
    assert!(
        rules.contains(&"BC701") && rules.contains(&"BC704"),
        "{rules:?}"
    );
}

#[test]
fn a_value_of_the_wrong_type_a_version_not_found_and_mixed_systems() {
    let dir = repository(&[
        ("harden-ssh.imagecomponent.yaml", HARDEN_SSH),
        ("harden-ssh.imagecomponent.toml", "version = \"1.2.0\"\n"),
        (
            "iis.imagecomponent.yaml",
            "Tasks:\n  - Name: install\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: Install-WindowsFeature Web-Server\n",
        ),
        ("iis.imagecomponent.toml", "system_type = \"Windows\"\n"),
        (
            "typed.buildcontent",
            &format!("COMPONENT {ARN}/harden-ssh/1.2.0 --port 22 --allow_root yes\n"),
        ),
        (
            "version.buildcontent",
            &format!("COMPONENT {ARN}/harden-ssh/2.*.* --port 22\n"),
        ),
        (
            "mixed.buildcontent",
            &format!("COMPONENT {ARN}/harden-ssh/1.2.0 --port 22\nCOMPONENT {ARN}/iis/1.0.0\n"),
        ),
    ]);
    assert_eq!(
        concise(
            dir.path(),
            &[
                "typed.buildcontent",
                "version.buildcontent",
                "mixed.buildcontent"
            ]
        ),
        [
            "typed.buildcontent:1:96: BC703",
            "version.buildcontent:1:67: BC706",
            "mixed.buildcontent:2:11: BC705",
        ]
    );
}

#[test]
fn settings_selection_and_suppressions_apply_to_link_findings() {
    let dir = issue_repo();
    assert_eq!(
        concise(
            dir.path(),
            &["--ignore", "BC702,BC704", "build.buildcontent"]
        ),
        ["build.buildcontent:2:73: BC701"]
    );
    assert_eq!(
        concise(dir.path(), &["--select", "BC704", "build.buildcontent"]),
        ["build.buildcontent:2:11: BC704"]
    );
    fs::write(
        dir.path().join("build.buildcontent"),
        format!(
            "# bclint: ignore=BC702,BC704 -- passed by the pipeline\nCOMPONENT {ARN}/harden-ssh/1.*.* --prot 2222\n"
        ),
    )
    .unwrap();
    assert_eq!(
        concise(dir.path(), &["build.buildcontent"]),
        ["build.buildcontent:2:73: BC701"]
    );
    fs::write(
        dir.path().join("bclint.toml"),
        "[severity]\nBC701 = \"off\"\n",
    )
    .unwrap();
    assert_eq!(concise(dir.path(), &["build.buildcontent"]), [""; 0]);
}

#[test]
fn unsafe_fixes_rename_a_misspelt_parameter() {
    let dir = issue_repo();
    bclint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "build.buildcontent"],
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("build.buildcontent")).unwrap(),
        format!("RUN echo hi\nCOMPONENT {ARN}/harden-ssh/1.*.* --port 2222\n")
    );
}

#[test]
fn ids_and_names_without_a_local_component_are_left_to_online_checks() {
    let dir = repository(&[(
        "build.buildcontent",
        &format!(
            "COMPONENT ic-bp18hy47cqavewsb1a2b --x 1\nCOMPONENT {ARN}/elsewhere/1.0.0 --x 1\n"
        ),
    )]);
    let output = bclint(dir.path(), &["check", "build.buildcontent"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn component_manifests_are_checked_with_their_content() {
    let dir = repository(&[
        (
            "iis.imagecomponent",
            "RUN Install-WindowsFeature Web-Server\n",
        ),
        (
            "iis.imagecomponent.toml",
            "name = \"iis\"\nversion = \"1.0\"\nsystem_type = \"Windows\"\n",
        ),
        ("gone.imagecomponent.toml", "content = \"missing.yaml\"\n"),
        ("win.imagecomponent.yaml", HARDEN_SSH),
        ("win.imagecomponent.toml", "system_type = \"Windows\"\n"),
    ]);
    assert_eq!(
        concise(dir.path(), &["."]),
        [
            "gone.imagecomponent.toml:1:11: BC534",
            "iis.imagecomponent.toml:2:11: BC531",
            "iis.imagecomponent.toml:3:15: BC533",
            // The YAML component is linted for the system its manifest names.
            "win.imagecomponent.yaml:9:13: BC611",
        ]
    );
}
