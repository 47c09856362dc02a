//! `bclint submit` with several manifests in one call, against `ecs_fake`: all are checked
//! before anything is sent, they are created in the order given, and a failure half-way says
//! what was created and what was not.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use ecs_fake::{FakeEcs, Reply};
use serde_json::json;

const SECRET: &str = "fake-secret-never-printed-0123";

/// A repository with two pipeline manifests, `a.imagepipeline.toml` and `b.imagepipeline.toml`.
fn project(b_build: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    fs::create_dir(root.join("home")).unwrap();
    for (name, build) in [("a", "RUN echo a\n"), ("b", b_build)] {
        fs::write(root.join(format!("{name}.buildcontent")), build).unwrap();
        fs::write(
            root.join(format!("{name}.imagepipeline.toml")),
            format!(
                "region = \"cn-hangzhou\"\nname = \"pipeline-{name}\"\nbase_image_type = \"IMAGE\"\n\
                 base_image = \"m-bp1234567890abcdef\"\nbuild = \"{name}.buildcontent\"\n"
            ),
        )
        .unwrap();
    }
    dir
}

fn submit(root: &Path, fake: &FakeEcs, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .current_dir(root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", root.join("home"))
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .arg("submit")
        .args(args)
        .arg("--endpoint")
        .arg(fake.url())
        .output()
        .expect("bclint runs");
    for stream in [&output.stdout, &output.stderr] {
        assert!(!text(stream).contains(SECRET), "the secret leaked");
    }
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
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
