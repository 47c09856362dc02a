//! The fake as other test suites see it: over raw TCP, and as the `ecs-fake` binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use ecs_fake::FakeEcs;

/// Sends a raw HTTP/1.1 request and returns the whole response.
fn raw(addr: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn unsigned_requests_are_rejected_and_recorded() {
    let fake = FakeEcs::with_key("testid", "testsecret");
    let addr = fake.addr().to_string();
    let resp = raw(
        &addr,
        "POST /?RegionId=cn-hangzhou&Name=a+b%2A HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    );
    assert!(resp.starts_with("HTTP/1.1 400 "), "{resp}");
    assert!(resp.contains("\"Code\":\"IncompleteSignature\""), "{resp}");
    assert!(resp.contains("Connection: close"), "{resp}");
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    assert!(!reqs[0].signature_valid);
    assert!(
        reqs[0]
            .signature_error
            .as_deref()
            .unwrap()
            .contains("IncompleteSignature")
    );
    assert_eq!(reqs[0].param("Name"), Some("a b*"), "queries are decoded");
    assert_eq!(reqs[0].header("host"), Some("x"));
}

#[test]
fn unreadable_requests_get_400_saying_why() {
    let fake = FakeEcs::with_key("testid", "testsecret");
    let addr = fake.addr().to_string();
    for (request, why) in [
        ("GARBAGE\r\n\r\n", "bad request line \"GARBAGE\""),
        ("GET / SPDY/3\r\n\r\n", "unsupported protocol SPDY/3"),
        (
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "bad header line \"no colon\"",
        ),
        (
            "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
            "bad Content-Length",
        ),
    ] {
        let resp = raw(&addr, request);
        assert!(resp.starts_with("HTTP/1.1 400 "), "{resp}");
        assert!(resp.ends_with(&format!("\r\n\r\n{why}")), "{resp}");
    }
    assert!(
        fake.requests().is_empty(),
        "unreadable requests are not recorded"
    );
}

#[test]
fn v3_request_with_a_stale_or_malformed_date_is_refused() {
    let fake = FakeEcs::with_key("testid", "testsecret");
    let addr = fake.addr().to_string();
    let head = |ak: &str, date: &str| {
        format!(
            "POST / HTTP/1.1\r\nhost: {addr}\r\nx-acs-action: DescribeRegions\r\nx-acs-version: 2014-05-26\r\nx-acs-date: {date}\r\nx-acs-signature-nonce: n1\r\nx-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\r\nauthorization: ACS3-HMAC-SHA256 Credential={ak},SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=00\r\ncontent-length: 0\r\n\r\n"
        )
    };
    let resp = raw(&addr, &head("testid", "2020-01-01T00:00:00Z"));
    assert!(resp.contains("InvalidTimeStamp.Expired"), "{resp}");
    let resp = raw(&addr, &head("testid", "yesterday"));
    assert!(resp.contains("InvalidTimeStamp.Format"), "{resp}");
}

#[test]
fn metadata_token_endpoint() {
    let fake = FakeEcs::start(Default::default());
    let addr = fake.addr().to_string();
    let resp = raw(
        &addr,
        "PUT /latest/api/token HTTP/1.1\r\nX-aliyun-ecs-metadata-token-ttl-seconds: 21600\r\nContent-Length: 0\r\n\r\n",
    );
    assert!(resp.starts_with("HTTP/1.1 200 "), "{resp}");
    assert!(resp.contains("imds-token-"), "{resp}");
    let resp = raw(
        &addr,
        "GET /latest/meta-data/ram/security-credentials/ HTTP/1.1\r\n\r\n",
    );
    assert!(
        resp.starts_with("HTTP/1.1 401 "),
        "a token is required: {resp}"
    );
}

#[test]
fn binary_prints_its_address_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecs-fake"))
        .args(["--key", "id=secret", "--statuses", "BUILDING,FAILED"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let resp = raw(&addr, "GET / HTTP/1.1\r\n\r\n");
    assert!(resp.contains("IncompleteSignature"), "{resp}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn bad_arguments_exit_with_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_ecs-fake"))
        .args(["--key", "no-equals-sign"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: ecs-fake"));
}

#[test]
fn the_binary_takes_a_seed_file_and_refuses_a_broken_one() {
    let dir = std::env::temp_dir().join(format!("ecs-fake-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ecs-fake"))
        .arg("--seed")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--seed"));
    let seed = dir.join("seed.json");
    std::fs::write(
        &seed,
        r#"{"components": [{"RegionId": "cn-hangzhou", "Name": "harden", "ComponentVersion": "1.0.0"}]}"#,
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecs-fake"))
        .arg("--seed")
        .arg(&seed)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on 127.0.0.1:"), "{line:?}");
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
