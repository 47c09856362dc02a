//! `bclint submit` with several manifests in one call, against `ecs_fake`: all are checked
//! before anything is sent, they are created in the order given, and a failure half-way says
//! what was created and what was not.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{SECRET, bclint_against, repository, text};
use ecs_fake::{FakeEcs, Reply};
use serde_json::json;

/// A repository with two pipeline manifests, `a.imagepipeline.toml` and `b.imagepipeline.toml`.
fn project(b_build: &str) -> tempfile::TempDir {
    let manifest = |name: &str| {
        format!(
            "region = \"cn-hangzhou\"\nname = \"pipeline-{name}\"\nbase_image_type = \"IMAGE\"\n\
             base_image = \"m-bp1234567890abcdef\"\nbuild = \"{name}.buildcontent\"\n"
        )
    };
    repository(&[
        ("a.buildcontent", "RUN echo a\n"),
        ("a.imagepipeline.toml", &manifest("a")),
        ("b.buildcontent", b_build),
        ("b.imagepipeline.toml", &manifest("b")),
    ])
}

fn submit(root: &Path, fake: &FakeEcs, args: &[&str]) -> Output {
    bclint_against(root, fake, &[&["submit"], args].concat())
}

const BOTH: [&str; 2] = ["a.imagepipeline.toml", "b.imagepipeline.toml"];

#[test]
fn several_manifests_are_created_in_the_order_given() {
    let dir = project("RUN echo b\n");
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), &fake, &[BOTH[1], BOTH[0], "--output", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let created = result["Created"].as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["Manifest"], BOTH[1]);
    let names: Vec<String> = fake
        .api_requests()
        .iter()
        .map(|r| r.param("Name").unwrap().to_owned())
        .collect();
    assert_eq!(names, ["pipeline-b", "pipeline-a"]);
    let tokens: Vec<String> = fake
        .api_requests()
        .iter()
        .map(|r| r.param("ClientToken").unwrap().to_owned())
        .collect();
    assert_ne!(tokens[0], tokens[1], "each request has its own token");
}

#[test]
fn an_error_in_one_manifest_sends_nothing() {
    let dir = project("run yum install nginx\nFROM x\nFROM y\n");
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), &fake, &BOTH);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("refusing to submit"),
        "{}",
        text(&output.stderr)
    );
    assert!(fake.requests().is_empty(), "nothing is sent");
}

#[test]
fn a_failure_half_way_says_what_was_created_and_what_was_not() {
    let dir = project("RUN echo b\n");
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue_for(
        "CreateImagePipeline",
        Reply::Ok(json!({"ImagePipelineId": "ip-first"})),
    );
    fake.enqueue_for(
        "CreateImagePipeline",
        Reply::error(
            400,
            "QuotaExceed.ImagePipeline",
            "The image template quota is used up.",
        ),
    );
    let output = submit(dir.path(), &fake, &[BOTH[0], BOTH[1], "--output", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "Created: ip-first (a.imagepipeline.toml). Not created: b.imagepipeline.toml."
        ),
        "{stderr}"
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["Error"]["Code"], "QuotaExceed.ImagePipeline");
    assert_eq!(result["Created"][0]["ImagePipelineId"], "ip-first");
    assert_eq!(result["NotCreated"], json!(["b.imagepipeline.toml"]));
}

#[test]
fn options_for_one_request_are_refused_with_several_manifests() {
    let dir = project("RUN echo b\n");
    let fake = FakeEcs::with_key("testid", SECRET);
    for option in [["--client-token", "t"], ["--start", "--dry-run"]] {
        let mut args = BOTH.to_vec();
        args.extend(option);
        let output = submit(dir.path(), &fake, &args);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            text(&output.stderr).contains("takes one manifest"),
            "{}",
            text(&output.stderr)
        );
    }
    let output = submit(dir.path(), &fake, &[BOTH[0], BOTH[1], "--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).matches("POST http://").count(), 2);
    assert!(fake.requests().is_empty());
}

/// Adds a YAML component with a manifest naming its region, and a Dockerfile-format one whose
/// manifest has none (it goes to the pipeline's region).
fn add_components(root: &Path) {
    fs::write(
        root.join("harden.imagecomponent.yaml"),
        "# keep this comment\nTasks:\n  - Name: hello\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo hi\n",
    )
    .unwrap();
    fs::write(
        root.join("harden.imagecomponent.toml"),
        "region = \"cn-hangzhou\"\nname = \"harden\"\nversion = \"1.2.0\"\ncontent = \"harden.imagecomponent.yaml\"\n\
         description = \"hardening\"\n[tags]\nteam = \"sec\"\n",
    )
    .unwrap();
    fs::write(root.join("base.imagecomponent"), "RUN echo base\n").unwrap();
    fs::write(
        root.join("base.imagecomponent.toml"),
        "version = \"2.0.0\"\n",
    )
    .unwrap();
}

#[test]
fn a_pipeline_and_two_components_are_submitted_components_first() {
    let dir = project("RUN echo b\n");
    add_components(dir.path());
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(
        dir.path(),
        &fake,
        &[
            "a.imagepipeline.toml",
            "harden.imagecomponent.toml",
            "base.imagecomponent.toml",
            "--output",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let requests = fake.api_requests();
    let actions: Vec<&str> = requests
        .iter()
        .map(|r| r.action.as_deref().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "CreateImageComponent",
            "CreateImageComponent",
            "CreateImagePipeline"
        ]
    );
    assert!(requests.iter().all(|r| r.signature_valid));
    let harden = &requests[0];
    assert_eq!(harden.param("Name"), Some("harden"));
    assert_eq!(harden.param("ComponentVersion"), Some("1.2.0"));
    assert_eq!(
        harden.param("Content"),
        Some(
            fs::read_to_string(dir.path().join("harden.imagecomponent.yaml"))
                .unwrap()
                .as_str()
        ),
        "the component's exact text, comment included"
    );
    assert_eq!(harden.param("Description"), Some("hardening"));
    assert_eq!(harden.param("Tag.1.Key"), Some("team"));
    assert!(harden.param("ClientToken").is_some());
    let base = &requests[1];
    assert_eq!(base.param("Name"), Some("base"), "named after its file");
    assert_eq!(
        base.param("RegionId"),
        Some("cn-hangzhou"),
        "the pipeline's region"
    );
    assert_eq!(base.param("Content"), Some("RUN echo base\n"));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let created = result["Created"].as_array().unwrap();
    assert!(
        created[0]["ImageComponentId"]
            .as_str()
            .unwrap()
            .starts_with("ic-")
    );
    assert!(
        created[2]["ImagePipelineId"]
            .as_str()
            .unwrap()
            .starts_with("ip-")
    );
    assert_eq!(fake.image_components().len(), 2);
}

#[test]
fn an_existing_component_version_stops_the_rest_and_suggests_bumping_it() {
    let dir = project("RUN echo b\n");
    add_components(dir.path());
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.add_image_component(
        "cn-hangzhou",
        json!({"Name": "harden", "ComponentVersion": "1.2.0", "Content": "RUN true"}),
    );
    let output = submit(
        dir.path(),
        &fake,
        &[
            "base.imagecomponent.toml",
            "harden.imagecomponent.toml",
            "a.imagepipeline.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("InvalidComponentVersion.Exist"), "{stderr}");
    assert!(stderr.contains("bump `version`"), "{stderr}");
    assert!(stderr.contains("Created: ic-"), "{stderr}");
    assert!(
        stderr.contains("Not created: harden.imagecomponent.toml, a.imagepipeline.toml."),
        "{stderr}"
    );
    assert!(
        !fake
            .api_requests()
            .iter()
            .any(|r| r.action.as_deref() == Some("CreateImagePipeline")),
        "the pipeline is not sent after a component failed"
    );
}

#[test]
fn a_component_with_an_error_sends_nothing_and_dry_run_shows_every_request() {
    let dir = project("RUN echo b\n");
    add_components(dir.path());
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(
        dir.path(),
        &fake,
        &[
            "harden.imagecomponent.toml",
            "a.imagepipeline.toml",
            "--dry-run",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_eq!(stdout.matches("POST http://").count(), 2);
    assert!(
        stdout.contains("x-acs-action: CreateImageComponent"),
        "{stdout}"
    );
    assert!(stdout.contains("Signature=***"), "{stdout}");
    fs::write(
        dir.path().join("base.imagecomponent.toml"),
        "version = \"2.0\"\n",
    )
    .unwrap();
    let output = submit(
        dir.path(),
        &fake,
        &["base.imagecomponent.toml", "a.imagepipeline.toml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("BC531"),
        "{}",
        text(&output.stderr)
    );
    assert!(fake.requests().is_empty(), "nothing is sent");
}
