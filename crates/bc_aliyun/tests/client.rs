//! The client against the loopback ECS fake: request shape, signatures (verified by the
//! fake's independent implementation), error mapping, retries, timeouts and redaction.

use std::time::{Duration, Instant};

use bc_aliyun::{ApiError, Client, ClientOptions, Credentials, SignatureVersion};
use ecs_fake::{FakeEcs, IssuedCredentials, Reply, SignatureKind};

const AK: &str = "testid";
const SECRET: &str = "testsecret-DO-NOT-PRINT";

fn fake() -> FakeEcs {
    FakeEcs::with_key(AK, SECRET)
}

fn options(fake: &FakeEcs) -> ClientOptions {
    ClientOptions {
        endpoint: Some(fake.url()),
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        ..ClientOptions::new("cn-hangzhou")
    }
}

fn client_with(fake: &FakeEcs, f: impl FnOnce(&mut ClientOptions)) -> Client {
    let mut opts = options(fake);
    f(&mut opts);
    Client::new(opts, Credentials::new(AK, SECRET)).unwrap()
}

fn client(fake: &FakeEcs) -> Client {
    client_with(fake, |_| {})
}

fn pipeline_params(token: &str) -> Vec<(String, String)> {
    [
        ("RegionId", "cn-hangzhou"),
        ("Name", "my-pipeline"),
        ("BaseImageType", "IMAGE"),
        ("BaseImage", "m-bp1234567890abcdef"),
        ("BuildContent", "RUN echo hello world"),
        ("Description", "描述 test"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "dev test*~"),
        ("ToRegionId.1", "cn-beijing"),
        ("ToRegionId.2", "ap-southeast-1"),
        ("ClientToken", token),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn assert_all_valid(fake: &FakeEcs) {
    for r in fake.requests() {
        assert!(r.signature_valid, "{:?}: {:?}", r.action, r.signature_error);
    }
}

#[tokio::test]
async fn v3_create_sends_the_sdk_request_shape() {
    let fake = fake();
    let c = client(&fake);
    let created = c
        .create_image_pipeline(&pipeline_params("tok-1"))
        .await
        .unwrap();
    assert!(
        created.image_pipeline_id.starts_with("ip-fake"),
        "{created:?}"
    );
    assert!(
        created
            .request_id
            .as_deref()
            .unwrap()
            .starts_with("FAKE-REQ-")
    );
    assert_eq!(created.client_token, "tok-1");

    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert!(r.signature_valid, "{:?}", r.signature_error);
    assert_eq!(r.signature_kind, Some(SignatureKind::V3));
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/");
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), Some("0"));
    for once in ["content-length", "host", "authorization", "user-agent"] {
        let n = r.headers.iter().filter(|(name, _)| name == once).count();
        assert_eq!(n, 1, "{once} is sent exactly once");
    }
    assert_eq!(r.header("host"), Some(fake.addr().to_string().as_str()));
    assert_eq!(r.header("x-acs-action"), Some("CreateImagePipeline"));
    assert_eq!(r.header("x-acs-version"), Some("2014-05-26"));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert!(r.header("user-agent").unwrap().starts_with("bclint/"));
    assert_eq!(
        r.header("x-acs-content-sha256"),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    let date = r.header("x-acs-date").unwrap();
    assert_eq!(date.len(), 20, "{date}");
    assert!(date.ends_with('Z') && date.as_bytes()[10] == b'T', "{date}");
    let nonce = r.nonce().unwrap();
    assert_eq!(nonce.len(), 32);
    assert!(nonce.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(r.header("x-acs-security-token").is_none());
    // Operation parameters only, decoded exactly as given.
    assert_eq!(r.param("Description"), Some("描述 test"));
    assert_eq!(r.param("Tag.1.Value"), Some("dev test*~"));
    assert_eq!(r.param("ClientToken"), Some("tok-1"));
    assert_eq!(r.param("Action"), None);
    assert_eq!(r.param("Signature"), None);
}

#[tokio::test]
async fn create_start_and_poll_to_success() {
    let fake = fake();
    fake.set_execution_statuses(&["PREPARING", "BUILDING", "SUCCESS"]);
    let c = client(&fake);
    let created = c
        .create_image_pipeline(&pipeline_params("tok-flow"))
        .await
        .unwrap();
    let started = c
        .start_image_pipeline_execution("cn-hangzhou", &created.image_pipeline_id, None)
        .await
        .unwrap();
    assert!(started.execution_id.starts_with("exec-fake"));
    let mut seen = Vec::new();
    loop {
        let st = c
            .describe_image_pipeline_executions(
                "cn-hangzhou",
                &created.image_pipeline_id,
                &started.execution_id,
            )
            .await
            .unwrap();
        seen.push(st.status.clone());
        if st.is_terminal() {
            assert!(st.is_success());
            assert!(st.image_id.unwrap().starts_with("m-fake"));
            assert_eq!(
                st.image_pipeline_id.as_deref(),
                Some(created.image_pipeline_id.as_str())
            );
            break;
        }
        assert!(st.image_id.is_none());
        assert!(seen.len() < 10, "never terminal: {seen:?}");
    }
    assert_eq!(seen, ["PREPARING", "BUILDING", "SUCCESS"]);
    let start = &fake.requests()[1];
    assert_eq!(
        start.param("ImagePipelineId"),
        Some(created.image_pipeline_id.as_str())
    );
    assert_eq!(
        start.param("ClientToken").map(str::len),
        Some(36),
        "a token is generated"
    );
    assert_all_valid(&fake);
}

#[tokio::test]
async fn documented_errors_carry_code_request_id_and_hint() {
    let cases: &[(u16, &str, &str)] = &[
        (404, "InvalidAccessKeyId.NotFound", "AccessKey ID"),
        (400, "InvalidAccessKeyId.Inactive", "disabled"),
        (400, "SignatureDoesNotMatch", "machine clock"),
        (400, "InvalidTimeStamp.Expired", "clock"),
        (403, "Forbidden.RAM", "permission"),
        (
            403,
            "InvalidOperation.NoPermissionCreateServiceLinkedRole",
            "ram:CreateServiceLinkedRole",
        ),
        (
            400,
            "IdempotentParameterMismatch",
            "use a new --client-token",
        ),
        (400, "QuotaExceed.ImagePipeline", "quota"),
        (400, "InvalidImageName.Duplicated", "name"),
        (404, "ImageComponent.NotFound", "COMPONENT"),
        (400, "InvalidBuildContent.LengthExceeded", "16 KB"),
        (
            403,
            "InvalidImagePipeline.HasRunningExecution",
            "running execution",
        ),
    ];
    let fake = fake();
    let c = client(&fake);
    for (i, (status, code, hint_part)) in cases.iter().enumerate() {
        fake.enqueue(Reply::error(*status, code, "message from the fake"));
        let err = c
            .create_image_pipeline(&pipeline_params(&format!("tok-err-{i}")))
            .await
            .unwrap_err();
        match &err {
            ApiError::Api {
                status: s,
                code: c,
                message,
                request_id,
                hint,
            } => {
                assert_eq!((s, c.as_str()), (status, *code));
                assert_eq!(message, "message from the fake");
                assert!(request_id.as_deref().unwrap().starts_with("FAKE-REQ-"));
                assert!(hint.unwrap().contains(hint_part), "{code}: {hint:?}");
            }
            other => panic!("{code}: unexpected {other:?}"),
        }
        let shown = err.to_string();
        assert!(shown.contains(code), "{shown}");
        assert!(shown.contains(err.request_id().unwrap()), "{shown}");
        assert!(shown.contains(hint_part), "{shown}");
    }
    assert_eq!(
        fake.requests().len(),
        cases.len(),
        "client errors are not retried"
    );
}

#[tokio::test]
async fn xml_error_body_is_parsed() {
    let fake = fake();
    fake.enqueue(Reply::Raw {
        status: 403,
        content_type: "text/xml;charset=utf-8".into(),
        body: "<?xml version=\"1.0\"?><Error><RequestId>XML-1</RequestId><HostId>ecs</HostId><Code>Forbidden.RAM</Code><Message>User not authorized.</Message></Error>".into(),
    });
    let err = client(&fake)
        .create_image_pipeline(&pipeline_params("tok-xml"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("Forbidden.RAM"));
    assert_eq!(err.request_id(), Some("XML-1"));
    assert!(err.hint().is_some());
}

#[tokio::test]
async fn service_unavailable_is_retried_with_the_same_token_and_a_new_nonce() {
    let fake = fake();
    fake.enqueue(Reply::ServiceUnavailableThenOk);
    let c = client(&fake);
    let created = c
        .create_image_pipeline(&pipeline_params("tok-503"))
        .await
        .unwrap();
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    assert_all_valid(&fake);
    assert_eq!(reqs[0].param("ClientToken"), Some("tok-503"));
    assert_eq!(reqs[1].param("ClientToken"), Some("tok-503"));
    assert_eq!(reqs[0].query, reqs[1].query, "parameters are unchanged");
    assert_ne!(reqs[0].nonce(), reqs[1].nonce());
    assert_ne!(
        reqs[0].header("authorization"),
        reqs[1].header("authorization")
    );
    // Re-running with the same token yields the same pipeline (the fake is idempotent).
    let again = c
        .create_image_pipeline(&pipeline_params("tok-503"))
        .await
        .unwrap();
    assert_eq!(again.image_pipeline_id, created.image_pipeline_id);
}

#[tokio::test]
async fn generated_client_token_survives_retries() {
    let fake = fake();
    fake.enqueue(Reply::ServiceUnavailableThenOk);
    let mut params = pipeline_params("x");
    params.retain(|(k, _)| k != "ClientToken");
    let created = client(&fake).create_image_pipeline(&params).await.unwrap();
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        reqs[0].param("ClientToken"),
        Some(created.client_token.as_str())
    );
    assert_eq!(
        reqs[1].param("ClientToken"),
        Some(created.client_token.as_str())
    );
}

#[tokio::test]
async fn mutating_calls_without_client_token_are_not_retried() {
    let fake = fake();
    fake.enqueue(Reply::ServiceUnavailableThenOk);
    let err = client(&fake)
        .call(
            "CreateImagePipeline",
            &[("RegionId".to_string(), "cn-hangzhou".to_string())],
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ServiceUnavailable"));
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn mismatched_client_token_reuse_gets_the_hint() {
    let fake = fake();
    let c = client(&fake);
    c.create_image_pipeline(&pipeline_params("tok-same"))
        .await
        .unwrap();
    let mut other = pipeline_params("tok-same");
    other[1].1 = "another-name".into();
    let err = c.create_image_pipeline(&other).await.unwrap_err();
    assert_eq!(err.code(), Some("IdempotentParameterMismatch"));
    assert!(err.to_string().contains("--client-token"), "{err}");
}

#[tokio::test]
async fn throttling_honours_retry_after() {
    let fake = fake();
    fake.enqueue(Reply::Throttle {
        retry_after_ms: 400,
    });
    let started = Instant::now();
    let resp = client(&fake)
        .call(
            "DescribeImagePipelineExecutions",
            &[("RegionId".to_string(), "cn-hangzhou".to_string())],
        )
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(resp.attempts, 2);
    assert_eq!(fake.requests().len(), 2);
    assert_all_valid(&fake);
}

#[tokio::test]
async fn an_unreasonable_retry_after_ends_the_retries() {
    let fake = fake();
    fake.enqueue(Reply::Throttle {
        retry_after_ms: 3_600_000,
    });
    let started = Instant::now();
    let err = client(&fake)
        .create_image_pipeline(&pipeline_params("tok-thr"))
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(err.code(), Some("Throttling.User"));
    assert!(err.hint().unwrap().contains("rate limit"));
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn persistent_server_errors_stop_after_max_attempts() {
    let fake = fake();
    for _ in 0..5 {
        fake.enqueue(Reply::error(500, "InternalError", "boom"));
    }
    let c = client_with(&fake, |o| o.max_attempts = 3);
    let err = c
        .create_image_pipeline(&pipeline_params("tok-500"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InternalError"));
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn slow_response_times_out() {
    let fake = fake();
    fake.enqueue(Reply::Delay(
        Duration::from_secs(3),
        Box::new(Reply::Ok(serde_json::json!({"ImagePipelineId": "ip-late"}))),
    ));
    let c = client_with(&fake, |o| {
        o.timeout = Duration::from_millis(500);
        o.max_attempts = 1;
    });
    let started = Instant::now();
    let err = c
        .create_image_pipeline(&pipeline_params("tok-slow"))
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout(_)), "{err:?}");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(500) && elapsed < Duration::from_millis(2500),
        "{elapsed:?}"
    );
    assert!(err.hint().is_some());
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let fake = fake();
    fake.enqueue(Reply::Delay(
        Duration::from_secs(3),
        Box::new(Reply::Ok(serde_json::json!({"ImagePipelineId": "ip-late"}))),
    ));
    let c = client_with(&fake, |o| o.timeout = Duration::from_secs(1));
    let created = c
        .create_image_pipeline(&pipeline_params("tok-slow2"))
        .await
        .unwrap();
    assert!(created.image_pipeline_id.starts_with("ip-fake"));
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn dropped_connection_is_a_network_error_and_is_retried() {
    let fake = fake();
    fake.enqueue(Reply::DropConnection);
    let created = client(&fake)
        .create_image_pipeline(&pipeline_params("tok-drop"))
        .await
        .unwrap();
    assert!(created.image_pipeline_id.starts_with("ip-fake"));
    assert_eq!(fake.requests().len(), 2);

    fake.enqueue(Reply::DropConnection);
    let c = client_with(&fake, |o| o.max_attempts = 1);
    let err = c
        .create_image_pipeline(&pipeline_params("tok-drop2"))
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let opts = ClientOptions {
        endpoint: Some(format!("http://127.0.0.1:{port}")),
        max_attempts: 2,
        ..ClientOptions::new("cn-hangzhou")
    };
    let c = Client::new(opts, Credentials::new(AK, SECRET)).unwrap();
    let err = c
        .create_image_pipeline(&pipeline_params("t"))
        .await
        .unwrap_err();
    match err {
        ApiError::Network(msg) => assert!(msg.contains(&port.to_string()), "{msg}"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_reported_with_status_and_excerpt() {
    let fake = fake();
    fake.enqueue(Reply::MalformedJson);
    let err = client(&fake)
        .create_image_pipeline(&pipeline_params("tok-bad"))
        .await
        .unwrap_err();
    match &err {
        ApiError::MalformedResponse {
            status,
            body_excerpt,
            reason,
        } => {
            assert_eq!(*status, 200);
            assert!(body_excerpt.contains("ImagePipelineId"), "{body_excerpt}");
            assert!(reason.contains("JSON"), "{reason}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        fake.requests().len(),
        1,
        "a 200 with a bad body is not retried"
    );
}

#[tokio::test]
async fn missing_field_in_success_is_malformed() {
    let fake = fake();
    fake.enqueue(Reply::Ok(serde_json::json!({"Something": "else"})));
    let err = client(&fake)
        .create_image_pipeline(&pipeline_params("tok-mf"))
        .await
        .unwrap_err();
    match err {
        ApiError::MalformedResponse { reason, .. } => assert!(reason.contains("ImagePipelineId")),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn wrong_secret_is_rejected_by_the_fake_and_not_retried() {
    let fake = fake();
    let c = Client::new(options(&fake), Credentials::new(AK, "wrong-secret")).unwrap();
    let err = c
        .create_image_pipeline(&pipeline_params("tok-ws"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"));
    assert!(err.to_string().contains("machine clock"), "{err}");
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    assert!(!reqs[0].signature_valid);
}

fn sts_creds() -> IssuedCredentials {
    IssuedCredentials {
        access_key_id: "STS.temp".into(),
        access_key_secret: "sts-secret-DO-NOT-PRINT".into(),
        security_token: "sts-token-DO-NOT-PRINT".into(),
    }
}

#[tokio::test]
async fn sts_credentials_v3() {
    let fake = fake();
    let sts = sts_creds();
    fake.add_temporary_key(&sts);
    let creds = Credentials::new(&sts.access_key_id, &sts.access_key_secret)
        .with_security_token(&sts.security_token);
    let c = Client::new(options(&fake), creds).unwrap();
    c.create_image_pipeline(&pipeline_params("tok-sts"))
        .await
        .unwrap();
    let r = &fake.requests()[0];
    assert!(r.signature_valid, "{:?}", r.signature_error);
    assert_eq!(
        r.header("x-acs-security-token"),
        Some(sts.security_token.as_str())
    );
    assert_eq!(r.header("x-acs-accesskey-id"), Some("STS.temp"));
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.contains("x-acs-security-token"),
        "the token is signed: {auth}"
    );
}

#[tokio::test]
async fn sts_token_mismatch_is_reported() {
    let fake = fake();
    let sts = sts_creds();
    fake.add_temporary_key(&sts);
    let creds = Credentials::new(&sts.access_key_id, &sts.access_key_secret)
        .with_security_token("some-other-token");
    let err = Client::new(options(&fake), creds)
        .unwrap()
        .create_image_pipeline(&pipeline_params("tok-mm"))
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some("InvalidSecurityToken.MismatchWithAccessKey")
    );
    assert!(err.hint().is_some());
}

#[tokio::test]
async fn v2_mode_signs_in_the_query() {
    let fake = fake();
    let sts = sts_creds();
    fake.add_temporary_key(&sts);
    for creds in [
        Credentials::new(AK, SECRET),
        Credentials::new(&sts.access_key_id, &sts.access_key_secret)
            .with_security_token(&sts.security_token),
    ] {
        let has_token = creds.security_token.is_some();
        let opts = ClientOptions {
            signature: SignatureVersion::V2,
            ..options(&fake)
        };
        let c = Client::new(opts, creds).unwrap();
        fake.enqueue(Reply::ServiceUnavailableThenOk);
        c.create_image_pipeline(&pipeline_params(if has_token { "v2-sts" } else { "v2" }))
            .await
            .unwrap();
    }
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 4);
    assert_all_valid(&fake);
    for r in &reqs {
        assert_eq!(r.signature_kind, Some(SignatureKind::V2));
        assert_eq!(r.method, "POST");
        assert_eq!(r.header("authorization"), None);
        assert_eq!(r.param("Action"), Some("CreateImagePipeline"));
        assert_eq!(r.param("Format"), Some("JSON"));
        assert_eq!(r.param("Version"), Some("2014-05-26"));
        assert_eq!(r.param("SignatureMethod"), Some("HMAC-SHA1"));
        assert_eq!(r.param("SignatureVersion"), Some("1.0"));
        assert!(r.param("Timestamp").unwrap().ends_with('Z'));
        assert!(r.param("Signature").is_some());
    }
    assert_ne!(reqs[0].nonce(), reqs[1].nonce(), "the retry is re-signed");
    assert_eq!(reqs[0].param("SecurityToken"), None);
    assert_eq!(
        reqs[2].param("SecurityToken"),
        Some("sts-token-DO-NOT-PRINT")
    );
}

/// Formats everything a user could see around a client holding a known secret and token,
/// including errors whose transport message would carry the V2 URL, and checks that
/// neither the secret, the token nor a real signature appears.
#[tokio::test]
async fn secrets_never_appear_in_output() {
    let fake = fake();
    let sts = sts_creds();
    fake.add_temporary_key(&sts);
    let mut shown = Vec::new();
    for version in [SignatureVersion::V3, SignatureVersion::V2] {
        let creds = Credentials::new(&sts.access_key_id, &sts.access_key_secret)
            .with_security_token(&sts.security_token);
        shown.push(format!("{creds:?}"));
        let c = Client::new(
            ClientOptions {
                signature: version,
                max_attempts: 1,
                timeout: Duration::from_millis(300),
                ..options(&fake)
            },
            creds,
        )
        .unwrap();
        shown.push(format!("{c:?}"));
        let dry = c.dry_run("CreateImagePipeline", &pipeline_params("tok-dry"));
        shown.push(dry.to_string());
        shown.push(format!("{dry:?}"));
        for reply in [
            Reply::DropConnection,
            Reply::MalformedJson,
            Reply::error(400, "SignatureDoesNotMatch", "nope"),
            Reply::Delay(Duration::from_secs(2), Box::new(Reply::MalformedJson)),
        ] {
            fake.enqueue(reply);
            let err = c
                .create_image_pipeline(&pipeline_params("tok-leak"))
                .await
                .unwrap_err();
            shown.push(err.to_string());
            shown.push(format!("{err:?}"));
        }
    }
    let mut signatures: Vec<String> = Vec::new();
    for r in fake.requests() {
        if let Some(auth) = r.header("authorization") {
            signatures.push(auth.rsplit_once("Signature=").unwrap().1.to_string());
        }
        if let Some(sig) = r.param("Signature") {
            signatures.push(sig.to_string());
        }
    }
    assert!(signatures.len() >= 8);
    for text in &shown {
        assert!(!text.contains("DO-NOT-PRINT"), "leak: {text}");
        for sig in &signatures {
            assert!(!text.contains(sig.as_str()), "signature leak: {text}");
        }
    }
    // The dry run is still the real request apart from redaction.
    let dry_v3 = &shown[2];
    assert!(
        dry_v3.starts_with(&format!("POST {}/?", fake.url())),
        "{dry_v3}"
    );
    assert!(dry_v3.contains("x-acs-security-token: ***"), "{dry_v3}");
    assert!(dry_v3.contains("Signature=***"), "{dry_v3}");
    assert!(
        dry_v3.contains("x-acs-action: CreateImagePipeline"),
        "{dry_v3}"
    );
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let opts = ClientOptions {
        endpoint: Some("http://ecs.cn-hangzhou.aliyuncs.com".into()),
        ..ClientOptions::new("cn-hangzhou")
    };
    let err = Client::new(opts, Credentials::new(AK, SECRET)).unwrap_err();
    assert!(matches!(err, ApiError::InvalidEndpoint(_)));
    assert!(err.to_string().contains("loopback"), "{err}");
    let c = Client::new(
        ClientOptions::new("cn-beijing"),
        Credentials::new(AK, SECRET),
    )
    .unwrap();
    assert_eq!(c.endpoint_url(), "https://ecs.cn-beijing.aliyuncs.com/");
}
