//! End-to-end tests of `bclint check --online`: the real binary against `ecs_fake`, with its own
//! HOME and XDG cache directory, no metadata service, and the fake's key in the environment.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::{SECRET, clean_bclint, repository, text};
use ecs_fake::{FakeEcs, Reply};

/// `bclint check --online --region cn-hangzhou …` in `root`, against `fake` when there is one
/// (with its key in the environment), else with no credentials at all.
fn check(root: &Path, fake: Option<&FakeEcs>, args: &[&str]) -> Output {
    let mut command = clean_bclint(root, fake);
    command
        .env("XDG_CACHE_HOME", root.join("cache"))
        .args([
            "check",
            "--no-config",
            "--output-format",
            "concise",
            "--online",
        ])
        .args(["--region", "cn-hangzhou"])
        .args(args);
    if let Some(fake) = fake {
        command.arg("--endpoint").arg(fake.url());
    }
    command.output().expect("bclint runs")
}

/// Fails if the secret is in the output or in any file of the cache.
fn assert_no_secret(root: &Path, output: &Output) {
    common::assert_no_secret(output);
    for entry in walk(&root.join("cache")) {
        let content = fs::read_to_string(&entry).unwrap_or_default();
        assert!(
            !content.contains(SECRET),
            "the secret is in {}",
            entry.display()
        );
        assert!(
            !content.contains("testid"),
            "the key id is in {}",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

const MANIFEST: &str = "region = \"cn-hangzhou\"\nname = \"web-base\"\nbase_image_type = \"IMAGE\"\n\
                        base_image = \"m-missing0000000001\"\nbuild = \"build.buildcontent\"\n\
                        internet_max_bandwidth_out = 5\n";

#[test]
fn a_missing_base_image_is_bc711_and_an_existing_one_is_fine() {
    let dir = repository(&[
        ("imagepipeline.toml", MANIFEST),
        ("build.buildcontent", "RUN echo hi\n"),
    ]);
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.add_image("cn-hangzhou", "m-present000000000001", None);
    let output = check(dir.path(), Some(&fake), &[]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(stdout.contains("BC711"), "{stdout}");
    assert!(
        stdout.contains("image `m-missing0000000001` does not exist in region cn-hangzhou"),
        "{stdout}"
    );
    assert!(
        stdout.contains("imagepipeline.toml:4:"),
        "points at base_image: {stdout}"
    );
    assert_eq!(fake.calls_of("DescribeImages"), 1);
    assert!(fake.api_requests().iter().all(|r| r.signature_valid));
    assert_no_secret(dir.path(), &output);

    let fixed = MANIFEST.replace("m-missing0000000001", "m-present000000000001");
    fs::write(dir.path().join("imagepipeline.toml"), fixed).unwrap();
    let output = check(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

#[test]
fn an_image_family_is_asked_with_describe_image_from_family() {
    let manifest = MANIFEST
        .replace("\"IMAGE\"", "\"IMAGE_FAMILY\"")
        .replace("m-missing0000000001", "acs:no_such_family");
    let dir = repository(&[
        ("imagepipeline.toml", &manifest),
        ("build.buildcontent", "RUN echo hi\n"),
    ]);
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.add_image(
        "cn-hangzhou",
        "m-family00000000001",
        Some("acs:alibaba_cloud_linux_3"),
    );
    let output = check(dir.path(), Some(&fake), &[]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("image family `acs:no_such_family` has no available image"),
        "{stdout}"
    );
    assert_eq!(fake.calls_of("DescribeImageFromFamily"), 1);

    let good = manifest.replace("acs:no_such_family", "acs:alibaba_cloud_linux_3");
    fs::write(dir.path().join("imagepipeline.toml"), good).unwrap();
    let output = check(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

#[test]
fn without_credentials_one_bc712_says_why_and_the_exit_code_does_not_fail() {
    let dir = repository(&[
        ("imagepipeline.toml", MANIFEST),
        ("build.buildcontent", "RUN echo hi\n"),
    ]);
    let output = check(dir.path(), None, &[]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert_eq!(stdout.matches(": BC712 ").count(), 1, "{stdout}");
    assert!(stdout.contains("the online check did not run"), "{stdout}");
    assert!(
        stdout.to_lowercase().contains("credentials"),
        "says why: {stdout}"
    );
}

#[test]
fn throttling_and_timeouts_are_one_bc712_without_failing_or_hanging() {
    let dir = repository(&[
        ("imagepipeline.toml", MANIFEST),
        ("build.buildcontent", "RUN echo hi\n"),
    ]);
    let fake = FakeEcs::with_key("testid", SECRET);
    for _ in 0..8 {
        fake.enqueue(Reply::Throttle { retry_after_ms: 10 });
    }
    let output = check(dir.path(), Some(&fake), &[]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert_eq!(stdout.matches(": BC712 ").count(), 1, "{stdout}");
    assert!(stdout.contains("Throttling"), "says why: {stdout}");
    assert_no_secret(dir.path(), &output);

    let fake = FakeEcs::with_key("testid", SECRET);
    for _ in 0..8 {
        fake.enqueue(Reply::Delay(
            Duration::from_secs(30),
            Box::new(Reply::Ok(serde_json::json!({}))),
        ));
    }
    let output = check(dir.path(), Some(&fake), &["--timeout", "0.3"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert_eq!(stdout.matches(": BC712 ").count(), 1, "{stdout}");
    assert!(stdout.contains("did not answer"), "says why: {stdout}");
}

#[test]
fn offline_check_asks_nothing() {
    let dir = repository(&[
        ("imagepipeline.toml", MANIFEST),
        ("build.buildcontent", "RUN echo hi\n"),
    ]);
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .args(["check", "--no-config", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert!(fake.requests().is_empty());
    assert!(!dir.path().join("cache").exists());
}

/// Adds a Build component for Linux to the fake's cn-hangzhou and returns its id.
fn add_component(
    fake: &FakeEcs,
    name: &str,
    version: &str,
    parameters: serde_json::Value,
) -> String {
    fake.add_image_component(
        "cn-hangzhou",
        serde_json::json!({
            "Name": name,
            "ComponentVersion": version,
            "ComponentType": "Build",
            "SystemType": "Linux",
            "Description": format!("{name} for tests"),
            "Owner": "SELF",
            "Content": "RUN echo hi\n",
            "Parameters": {"Parameter": parameters},
        }),
    )
}

#[test]
fn a_missing_component_id_is_bc710_at_its_reference() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let present = add_component(&fake, "nginx", "1.0.0", serde_json::json!([]));
    let template = format!("RUN echo hi\nCOMPONENT {present}\nCOMPONENT ic-bp1doesnotexist0000\n");
    let dir = repository(&[("build.buildcontent", &template)]);
    let output = check(dir.path(), Some(&fake), &[]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.contains(": BC710 "))
            .collect::<Vec<_>>(),
        [
            "build.buildcontent:3:11: BC710 error component `ic-bp1doesnotexist0000` does not exist in region cn-hangzhou"
        ],
        "{stdout}"
    );
    assert_eq!(fake.calls_of("DescribeImageComponents"), 1);
    assert_no_secret(dir.path(), &output);
}

#[test]
fn an_arn_resolves_to_the_latest_matching_version_or_is_bc710() {
    let fake = FakeEcs::with_key("testid", SECRET);
    for version in ["1.0.1", "1.0.10", "1.2.0", "2.0.0"] {
        add_component(&fake, "harden", version, serde_json::json!([]));
    }
    let arn = "acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/harden";
    let template =
        format!("COMPONENT {arn}/1.0.*\nCOMPONENT {arn}/3.*.*\nCOMPONENT {arn}x/1.0.0\n");
    let dir = repository(&[("build.buildcontent", &template)]);
    let output = check(dir.path(), Some(&fake), &[]);
    let stdout = text(&output.stdout);
    let findings: Vec<&str> = stdout.lines().filter(|l| l.contains(": BC710 ")).collect();
    assert_eq!(findings.len(), 2, "{stdout}");
    assert!(
        findings[0].starts_with("build.buildcontent:2:11:")
            && findings[0].contains("no version of component `harden` matches `3.*.*`"),
        "{stdout}"
    );
    assert!(
        findings[1].starts_with("build.buildcontent:3:11:")
            && findings[1].contains("no component named `hardenx`"),
        "{stdout}"
    );
    // One call per name, whatever the patterns.
    assert_eq!(fake.calls_of("DescribeImageComponents"), 2);
}

#[test]
fn twenty_ids_take_one_call_and_none_on_a_fresh_cache() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let mut template = String::new();
    for n in 0..20 {
        let id = add_component(&fake, &format!("c{n}"), "1.0.0", serde_json::json!([]));
        template.push_str(&format!("COMPONENT {id}\n"));
    }
    let dir = repository(&[("build.buildcontent", &template)]);
    let output = check(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(fake.calls_of("DescribeImageComponents"), 1, "batched");
    let output = check(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(
        fake.calls_of("DescribeImageComponents"),
        1,
        "answered from the cache"
    );
    let output = check(dir.path(), Some(&fake), &["--refresh"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(
        fake.calls_of("DescribeImageComponents"),
        2,
        "--refresh asks again"
    );
    assert_no_secret(dir.path(), &output);

    // A corrupt cache file is ignored (the service is asked) and rewritten.
    let files = walk(&dir.path().join("cache"));
    assert_eq!(files.len(), 1, "{files:?}");
    fs::write(&files[0], "{ not json").unwrap();
    let output = check(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(fake.calls_of("DescribeImageComponents"), 3);
    let rewritten = fs::read_to_string(&files[0]).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&rewritten).is_ok(),
        "{rewritten}"
    );
}

#[test]
fn a_cloud_component_is_checked_like_a_local_one() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let yaml = "Parameters:\n  port:\n    Type: Number\n  user:\n    Type: String\n    DefaultValue: root\nTasks:\n  - Name: t\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }} {{ user }}\n";
    let id = fake.add_image_component(
        "cn-hangzhou",
        serde_json::json!({
            "Name": "harden-ssh", "ComponentVersion": "1.2.0", "ComponentType": "Build",
            "SystemType": "Linux", "Owner": "SELF", "Content": yaml,
            "Parameters": {"Parameter": [
                {"Name": "port", "Type": "Number"},
                {"Name": "user", "Type": "String", "DefaultValue": "root"},
            ]},
        }),
    );
    let test_id = add_test_component(&fake);
    let template =
        format!("COMPONENT {id} --prot 22\nCOMPONENT {id} --port many\nCOMPONENT {test_id}\n");
    let dir = repository(&[("build.buildcontent", &template)]);
    let output = check(dir.path(), Some(&fake), &["--ignore", "BC306"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    let codes: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split(": ").nth(1)?.split(' ').next())
        .collect();
    assert_eq!(codes, ["BC702", "BC701", "BC703", "BC704"], "{stdout}");
    assert!(
        stdout.contains("build.buildcontent:1:31: BC701"),
        "{stdout}"
    );
    assert_eq!(fake.calls_of("DescribeImageComponents"), 1);
}

fn add_test_component(fake: &FakeEcs) -> String {
    fake.add_image_component(
        "cn-hangzhou",
        serde_json::json!({
            "Name": "smoke", "ComponentVersion": "1.0.0", "ComponentType": "Test",
            "SystemType": "Linux", "Owner": "SELF", "Content": "RUN nginx -t\n",
        }),
    )
}

/// A component of the repository takes precedence over the cloud component of the same name: the
/// call is checked against the local one only, so each finding is reported once, and the
/// service is not asked about that name (an `ic-` id in the same template still is).
#[test]
fn a_local_component_takes_precedence_over_the_cloud_one_of_the_same_name() {
    let fake = FakeEcs::with_key("testid", SECRET);
    let parameters = serde_json::json!([{"Name": "port", "Type": "Number"}]);
    add_component(&fake, "harden-ssh", "1.2.0", parameters);
    let cloud_only = add_component(&fake, "nginx", "1.0.0", serde_json::json!([]));
    let yaml = "Parameters:\n  port:\n    Type: Number\nTasks:\n  - Name: t\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n";
    let template = format!(
        "COMPONENT acs:ecs:cn-hangzhou:1234567890123456:imagecomponent/harden-ssh/1.2.0 --prot 22\n\
         COMPONENT {cloud_only}\n"
    );
    let dir = repository(&[
        ("harden-ssh.imagecomponent.yaml", yaml),
        (
            "harden-ssh.imagecomponent.toml",
            "name = \"harden-ssh\"\nversion = \"1.2.0\"\n",
        ),
        ("build.buildcontent", &template),
    ]);
    let output = check(dir.path(), Some(&fake), &["build.buildcontent"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("build.buildcontent:"))
        .collect();
    assert_eq!(findings.len(), 2, "{stdout}");
    assert!(findings[0].contains(": BC702 "), "{stdout}");
    assert!(
        findings[1].starts_with("build.buildcontent:1:") && findings[1].contains(": BC701 "),
        "{stdout}"
    );
    // Only the `ic-` id was asked about.
    assert_eq!(fake.calls_of("DescribeImageComponents"), 1);
    assert!(
        fake.api_requests()
            .iter()
            .all(|r| r.param("Name").is_none()),
        "the local name was asked about"
    );
}
