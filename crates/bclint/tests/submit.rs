//! End-to-end tests of `bclint submit`: the real binary against `ecs_fake`, a real HTTP server on
//! 127.0.0.1 that verifies each request's signature with its own implementation.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::{SECRET, assert_no_secret, clean_bclint, repository, sent_parameters, text};
use ecs_fake::{FakeEcs, Reply};

/// A project with a clean manifest and templates; returns (dir, manifest path).
fn project(manifest_extra: &str) -> tempfile::TempDir {
    repository(&[
        (
            "build.buildcontent",
            "# comment\nrun yum install -y nginx\nRESTART\n",
        ),
        ("smoke.testcontent", "RUN nginx -t\n"),
        (
            "imagepipeline.toml",
            &format!(
                "region = \"cn-hangzhou\"\nname = \"web-base\"\nbase_image_type = \"IMAGE\"\n\
                 base_image = \"m-bp1234567890abcdef\"\nbuild = \"build.buildcontent\"\ntest = \"smoke.testcontent\"\n\
                 internet_max_bandwidth_out = 5\n{manifest_extra}"
            ),
        ),
    ])
}

fn submit(root: &Path, fake: Option<&FakeEcs>, args: &[&str]) -> Output {
    let mut command = clean_bclint(root, fake);
    command.arg("submit").args(args);
    if let Some(fake) = fake {
        command.arg("--endpoint").arg(fake.url());
    }
    command.output().expect("bclint runs")
}

#[test]
fn creates_a_pipeline_with_a_valid_signature_and_the_wire_form() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), Some(&fake), &["--output", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_no_secret(&output);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert!(
        result["ImagePipelineId"]
            .as_str()
            .unwrap()
            .starts_with("ip-")
    );
    assert!(result["RequestId"].is_string());
    let requests = fake.api_requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert!(request.signature_valid, "{:?}", request.signature_error);
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.param("BuildContent"),
        Some("RUN yum install -y nginx\nRESTART\n"),
        "wire form, no comment"
    );
    assert_eq!(request.param("TestContent"), Some("RUN nginx -t\n"));
    assert_eq!(request.param("RegionId"), Some("cn-hangzhou"));
    assert_eq!(request.param("InternetMaxBandwidthOut"), Some("5"));
    assert_eq!(request.param("ClientToken"), result["ClientToken"].as_str());
}

#[test]
fn dry_run_prints_the_request_without_sending_or_leaking() {
    let dir = project("client_token = \"token-123\"\n");
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), Some(&fake), &["--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_no_secret(&output);
    let request = text(&output.stdout);
    assert!(
        request.starts_with(&format!("POST {}/?", fake.url())),
        "{request}"
    );
    assert!(request.contains("ClientToken=token-123"), "{request}");
    assert!(request.contains("Signature=***"), "{request}");
    assert!(fake.requests().is_empty(), "a dry run sends nothing");
}

/// A CreateImagePipeline request written as a manifest gives exactly the parameters the
/// official Python SDK (`alibabacloud-ecs20140526` 7.11.8) sent for the same request model,
/// as captured on loopback.
#[test]
fn dry_run_parameters_equal_the_official_sdk() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("imagepipeline.toml"),
        "region = \"cn-hangzhou\"\nname = \"my-pipeline\"\nbase_image_type = \"IMAGE\"\n\
         base_image = \"m-bp1234567890abcdef\"\nbuild_content = \"RUN echo hello world\"\nclient_token = \"token-123\"\n\
         description = \"描述 test\"\nadd_accounts = [1234567890123456]\nto_region_ids = [\"cn-beijing\", \"ap-southeast-1\"]\n\
         system_disk_size = 40\ninternet_max_bandwidth_out = 0\n\
         [tags]\nenv = \"dev test*~\"\n[image_options]\nimage_name = \"out-img\"\n[image_options.tags]\na = \"b\"\n",
    )
    .unwrap();
    let output = submit(dir.path(), None, &["--dry-run", "--output", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let sent = sent_parameters(&output);
    // The SDK wraps a one-line BuildContent without a final newline; bclint sends the rendered
    // wire form of an inline template, which ends in one.
    let mut sdk: Vec<(String, String)> = [
        ("AddAccount.1", "1234567890123456"),
        ("BaseImage", "m-bp1234567890abcdef"),
        ("BaseImageType", "IMAGE"),
        ("BuildContent", "RUN echo hello world\n"),
        ("ClientToken", "token-123"),
        ("Description", "描述 test"),
        ("ImageOptions.ImageName", "out-img"),
        ("ImageOptions.ImageTags.1.Key", "a"),
        ("ImageOptions.ImageTags.1.Value", "b"),
        ("InternetMaxBandwidthOut", "0"),
        ("Name", "my-pipeline"),
        ("RegionId", "cn-hangzhou"),
        ("SystemDiskSize", "40"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "dev test*~"),
        ("ToRegionId.1", "cn-beijing"),
        ("ToRegionId.2", "ap-southeast-1"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    sdk.sort();
    assert_eq!(sent, sdk);
}

#[test]
fn start_and_wait_follow_the_build_to_its_end() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.set_execution_statuses(&["PREPARING", "BUILDING", "TESTING", "SUCCESS"]);
    let output = submit(
        dir.path(),
        Some(&fake),
        &["--start", "--wait", "--poll-interval", "0.01"],
    );
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    for status in ["PREPARING", "BUILDING", "TESTING", "SUCCESS"] {
        assert!(stdout.contains(status), "{stdout}");
    }
    assert!(stdout.contains("Started execution exec-"), "{stdout}");

    let fake = FakeEcs::with_key("testid", SECRET);
    fake.set_execution_statuses(&["PREPARING", "BUILDING", "TEST_FAILED"]);
    let output = submit(
        dir.path(),
        Some(&fake),
        &["--start", "--wait", "--poll-interval", "0.01"],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a build that does not end in SUCCESS fails"
    );
    assert!(
        text(&output.stdout).contains("Build ended in TEST_FAILED"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn api_errors_show_code_request_id_and_hint() {
    let dir = project("");
    for (status, code, hint) in [
        (404, "InvalidAccessKeyId.NotFound", "AccessKey"),
        (400, "SignatureDoesNotMatch", "clock"),
        (403, "Forbidden.RAM", "RAM"),
        (
            403,
            "InvalidOperation.NoPermissionCreateServiceLinkedRole",
            "ram:CreateServiceLinkedRole",
        ),
        (400, "IdempotentParameterMismatch", "client"),
    ] {
        let fake = FakeEcs::with_key("testid", SECRET);
        fake.enqueue(Reply::error(status, code, "the service says no"));
        let output = submit(dir.path(), Some(&fake), &[]);
        assert_eq!(output.status.code(), Some(1), "{code}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(code) && stderr.contains("request id"),
            "{stderr}"
        );
        assert!(
            stderr.to_lowercase().contains(&hint.to_lowercase()),
            "{code} hint: {stderr}"
        );
        assert_no_secret(&output);
        assert_eq!(fake.api_requests().len(), 1, "{code} is not retried");
    }
}

#[test]
fn retries_reuse_the_client_token_with_a_fresh_nonce() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::ServiceUnavailableThenOk);
    let output = submit(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let requests = fake.api_requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].param("ClientToken"),
        requests[1].param("ClientToken")
    );
    assert_ne!(requests[0].nonce(), requests[1].nonce());
    assert!(requests.iter().all(|r| r.signature_valid));

    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::Throttle {
        retry_after_ms: 200,
    });
    let output = submit(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(fake.api_requests().len(), 2);
}

#[test]
fn timeouts_dropped_connections_and_malformed_bodies_are_reported() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    for _ in 0..4 {
        fake.enqueue(Reply::Delay(
            Duration::from_secs(3),
            Box::new(Reply::Ok(serde_json::json!({}))),
        ));
    }
    let output = submit(dir.path(), Some(&fake), &["--timeout", "0.3"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("timed out"),
        "{}",
        text(&output.stderr)
    );

    let fake = FakeEcs::with_key("testid", SECRET);
    for _ in 0..4 {
        fake.enqueue(Reply::DropConnection);
    }
    let output = submit(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("network error"),
        "{}",
        text(&output.stderr)
    );

    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::MalformedJson);
    let output = submit(dir.path(), Some(&fake), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("malformed response"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn refuses_to_submit_while_errors_remain() {
    let dir = project("system_disk_size = 10\n");
    fs::write(
        dir.path().join("build.buildcontent"),
        "RUN ok\nRESTART now\n",
    )
    .unwrap();
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), Some(&fake), &["--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("BC505") && stderr.contains("BC004"),
        "{stderr}"
    );
    assert!(
        stderr.contains("refusing to submit: 2 errors must be fixed first"),
        "{stderr}"
    );
    assert!(fake.requests().is_empty(), "nothing is sent");
}

#[test]
fn missing_credentials_list_what_was_tried() {
    let dir = project("");
    let output = submit(dir.path(), None, &["--endpoint", "http://127.0.0.1:9"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no Alibaba Cloud credentials found"),
        "{stderr}"
    );
    assert!(stderr.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{stderr}");
    assert!(stderr.contains("config.json"), "{stderr}");
}

#[test]
fn plain_http_is_refused_for_remote_endpoints() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    let mut command = Command::new(env!("CARGO_BIN_EXE_bclint"));
    let output = command
        .args([
            "submit",
            "--endpoint",
            "http://ecs.cn-hangzhou.aliyuncs.com",
        ])
        .current_dir(dir.path())
        .env("HOME", dir.path().join("home"))
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("loopback"),
        "{}",
        text(&output.stderr)
    );
    assert!(fake.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_waiting_leaves_the_build_running_and_says_how_to_follow_it() {
    use std::io::Read as _;
    use std::process::Stdio;

    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    // The build never finishes on its own.
    fake.set_execution_statuses(&["PREPARING", "BUILDING"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args([
            "submit",
            "--start",
            "--wait",
            "--poll-interval",
            "0.05",
            "--endpoint",
        ])
        .arg(fake.url())
        .current_dir(dir.path())
        .env("HOME", dir.path().join("home"))
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the build is being followed, then interrupt as a terminal's Ctrl-C would.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while fake
        .api_requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some("DescribeImagePipelineExecutions"))
        .count()
        < 3
    {
        assert!(
            std::time::Instant::now() < deadline,
            "bclint never polled the build"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("the build keeps running"), "{stderr}");
    assert!(
        stderr.contains("DescribeImagePipelineExecutions --RegionId cn-hangzhou"),
        "{stderr}"
    );
}

/// The one JSON document on standard output, whatever the outcome.
fn one_json_document(output: &Output) -> serde_json::Value {
    let documents: Vec<serde_json::Value> = serde_json::Deserializer::from_slice(&output.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&output.stdout)));
    assert_eq!(documents.len(), 1, "{}", text(&output.stdout));
    documents.into_iter().next().unwrap()
}

/// The retry command printed after "run:" on standard error.
fn printed_retry(output: &Output) -> String {
    let stderr = text(&output.stderr);
    let mut lines = stderr.lines().skip_while(|line| !line.ends_with("run:"));
    lines.next();
    lines
        .next()
        .unwrap_or_else(|| panic!("no retry command: {stderr}"))
        .trim()
        .to_owned()
}

/// Runs a printed `bclint …` command (its words need no shell quoting here).
fn run_printed(root: &Path, fake: &FakeEcs, command: &str) -> Output {
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words[0], "bclint", "{command}");
    clean_bclint(root, Some(fake))
        .args(&words[1..])
        .output()
        .expect("bclint runs")
}

#[test]
fn a_timeout_prints_the_client_token_and_a_retry_that_creates_no_second_pipeline() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    // The pipeline is created, but no answer arrives before the client gives up, on any attempt.
    for _ in 0..4 {
        fake.enqueue(Reply::Processed(Box::new(Reply::Delay(
            Duration::from_secs(3),
            Box::new(Reply::Ok(serde_json::json!({}))),
        ))));
    }
    let output = submit(dir.path(), Some(&fake), &["--timeout", "0.3"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let token = fake.api_requests()[0]
        .param("ClientToken")
        .unwrap()
        .to_owned();
    let stderr = text(&output.stderr);
    assert!(stderr.contains("timed out"), "{stderr}");
    // Printed before sending, and again with the failure.
    assert_eq!(stderr.matches(&token).count(), 3, "{stderr}");
    let retry = printed_retry(&output);
    assert_eq!(
        retry,
        format!(
            "bclint submit --client-token {token} --timeout 0.3 --endpoint {}",
            fake.url()
        )
    );
    assert_eq!(fake.created_ids().len(), 1);

    let again = run_printed(dir.path(), &fake, &retry);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(fake.created_ids().len(), 1, "no second pipeline");
    assert!(
        text(&again.stdout).contains(&fake.created_ids()[0]),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn a_malformed_answer_is_one_json_error_with_the_client_token_and_the_retry() {
    let dir = project("");
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::Processed(Box::new(Reply::MalformedJson)));
    let output = submit(
        dir.path(),
        Some(&fake),
        &["--output", "json", "--client-token", "old-token"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let document = one_json_document(&output);
    let token = fake.api_requests()[0]
        .param("ClientToken")
        .unwrap()
        .to_owned();
    assert_eq!(token, "old-token");
    assert_eq!(document["Error"]["Code"], "MalformedResponse", "{document}");
    assert!(
        document["Error"]["Message"]
            .as_str()
            .unwrap()
            .contains("malformed response"),
        "{document}"
    );
    assert_eq!(document["ClientToken"], token.as_str());
    assert_eq!(document["RegionId"], "cn-hangzhou");
    let retry = document["RetryCommand"].as_str().unwrap();
    assert_eq!(
        retry,
        format!(
            "bclint submit --client-token {token} --output json --endpoint {}",
            fake.url()
        )
    );
    assert_eq!(printed_retry(&output), retry, "the same on standard error");

    let again = run_printed(dir.path(), &fake, retry);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let created = one_json_document(&again);
    assert_eq!(
        fake.created_ids(),
        [created["ImagePipelineId"].as_str().unwrap()]
    );
    assert_eq!(created["ClientToken"], token.as_str());
}

#[test]
fn json_output_is_always_exactly_one_document() {
    let dir = project("");
    let json = ["--output", "json"];

    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), Some(&fake), &json);
    assert_eq!(output.status.code(), Some(0));
    assert!(one_json_document(&output)["ImagePipelineId"].is_string());

    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::error(403, "Forbidden.RAM", "no"));
    let output = submit(dir.path(), Some(&fake), &json);
    assert_eq!(output.status.code(), Some(1));
    let document = one_json_document(&output);
    assert_eq!(document["Error"]["Code"], "Forbidden.RAM", "{document}");
    assert!(document["Error"]["RequestId"].is_string(), "{document}");
    assert!(document["ClientToken"].is_string(), "{document}");

    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::error(500, "InternalError", "later"));
    fake.enqueue(Reply::error(500, "InternalError", "later"));
    fake.enqueue(Reply::error(500, "InternalError", "later"));
    fake.enqueue(Reply::error(500, "InternalError", "later"));
    let output = submit(dir.path(), Some(&fake), &[&json[..], &["--start"]].concat());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(one_json_document(&output)["Error"]["Code"], "InternalError");

    // The pipeline is created but the start is refused: the document says which pipeline, and
    // offers no retry (it would start a second build), only how to look at it.
    let fake = FakeEcs::with_key("testid", SECRET);
    fake.enqueue(Reply::Processed(Box::new(Reply::Ok(
        serde_json::json!({"ImagePipelineId": "ip-fake1"}),
    ))));
    fake.enqueue(Reply::error(
        400,
        "InvalidImagePipeline.HasRunningExecution",
        "busy",
    ));
    let output = submit(dir.path(), Some(&fake), &[&json[..], &["--start"]].concat());
    assert_eq!(output.status.code(), Some(1));
    let document = one_json_document(&output);
    assert_eq!(document["ImagePipelineId"], "ip-fake1", "{document}");
    assert!(document.get("RetryCommand").is_none(), "{document}");
    assert!(
        document["FollowCommand"]
            .as_str()
            .unwrap()
            .contains("--ImagePipelineId ip-fake1"),
        "{document}"
    );

    let output = submit(
        dir.path(),
        None,
        &[&json[..], &["--endpoint", "http://127.0.0.1:9"]].concat(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(one_json_document(&output)["Error"]["Code"], "NoCredentials");

    fs::write(dir.path().join("build.buildcontent"), "RESTART now\n").unwrap();
    let fake = FakeEcs::with_key("testid", SECRET);
    let output = submit(dir.path(), Some(&fake), &json);
    assert_eq!(output.status.code(), Some(1));
    let document = one_json_document(&output);
    assert_eq!(document["Error"]["Code"], "Findings", "{document}");
    assert!(fake.requests().is_empty());

    fs::remove_file(dir.path().join("imagepipeline.toml")).unwrap();
    let output = submit(dir.path(), Some(&fake), &json);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(one_json_document(&output)["Error"]["Code"], "ReadError");
}
