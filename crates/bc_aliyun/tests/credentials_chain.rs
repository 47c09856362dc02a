//! The default credentials chain with temporary HOME directories, the fake acting as STS
//! and as the instance metadata service. The real environment and home are never read,
//! and the real metadata address is never contacted: every test either disables the
//! metadata provider or points it at the loopback fake.

use std::collections::HashMap;
use std::path::Path;

use bc_aliyun::credentials::{CredentialSources, resolve};
use bc_aliyun::{Client, ClientOptions};
use ecs_fake::{FakeEcs, IssuedCredentials};

fn env(vars: &[(&str, &str)]) -> HashMap<String, String> {
    vars.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Sources rooted at `home`, with the metadata provider disabled.
fn sources(home: &Path, vars: &[(&str, &str)]) -> CredentialSources {
    let mut env = env(vars);
    env.entry("ALIBABA_CLOUD_ECS_METADATA_DISABLED".into())
        .or_insert_with(|| "true".into());
    CredentialSources {
        env,
        home: Some(home.to_path_buf()),
        ..CredentialSources::default()
    }
}

/// A client of the fake's API signing with `creds`.
fn api_client(fake: &FakeEcs, creds: bc_aliyun::Credentials) -> Client {
    Client::new(
        ClientOptions {
            endpoint: Some(fake.url()),
            ..ClientOptions::new("cn-hangzhou")
        },
        creds,
    )
    .unwrap()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn write_config(home: &Path, json: serde_json::Value) {
    write(&home.join(".aliyun/config.json"), &json.to_string());
}

#[tokio::test]
async fn environment_comes_first() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        serde_json::json!({"current": "default", "profiles": [
            {"name": "default", "mode": "AK", "access_key_id": "from-file", "access_key_secret": "x"}
        ]}),
    );
    let s = sources(
        home.path(),
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-env"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"),
        ],
    );
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(creds.access_key_id, "from-env");
    assert_eq!(creds.access_key_secret().expose(), "env-secret");
    assert_eq!(creds.security_token.unwrap().expose(), "env-token");
    assert_eq!(from, "environment (STS token)");
}

#[tokio::test]
async fn cli_config_profiles_ak_and_sts_token() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        serde_json::json!({"current": "dev", "profiles": [
            {"name": "dev", "mode": "AK", "access_key_id": "dev-id", "access_key_secret": "dev-secret", "region_id": "cn-hangzhou"},
            {"name": "temp", "mode": "StsToken", "access_key_id": "STS.t", "access_key_secret": "t-secret", "sts_token": "t-token"}
        ]}),
    );
    let (creds, from) = resolve(&sources(home.path(), &[])).await.unwrap();
    assert_eq!(creds.access_key_id, "dev-id");
    assert_eq!(from, "~/.aliyun/config.json profile 'dev' (AK)");

    let (creds, from) = resolve(&sources(home.path(), &[("ALIBABA_CLOUD_PROFILE", "temp")]))
        .await
        .unwrap();
    assert_eq!(creds.access_key_id, "STS.t");
    assert_eq!(creds.security_token.unwrap().expose(), "t-token");
    assert_eq!(from, "~/.aliyun/config.json profile 'temp' (StsToken)");

    // The explicit option wins over the environment variable.
    let mut s = sources(home.path(), &[("ALIBABA_CLOUD_PROFILE", "temp")]);
    s.profile = Some("dev".into());
    assert_eq!(resolve(&s).await.unwrap().0.access_key_id, "dev-id");
}

#[tokio::test]
async fn cli_config_ram_role_arn_assumes_the_role_through_sts() {
    let fake = FakeEcs::with_key("base-id", "base-secret");
    let issued = IssuedCredentials {
        access_key_id: "STS.role".into(),
        access_key_secret: "role-secret".into(),
        security_token: "role-token".into(),
    };
    fake.set_sts_credentials(issued.clone());
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        serde_json::json!({"current": "role", "profiles": [
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "base-id", "access_key_secret": "base-secret",
             "ram_role_arn": "acs:ram::123:role/builder", "ram_session_name": "bclint-test", "expired_seconds": 900}
        ]}),
    );
    let mut s = sources(home.path(), &[]);
    s.sts_endpoint = Some(fake.url());
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, "~/.aliyun/config.json profile 'role' (RamRoleArn)");
    assert_eq!(creds.access_key_id, issued.access_key_id);
    assert_eq!(creds.access_key_secret().expose(), issued.access_key_secret);
    assert_eq!(
        creds.security_token.as_ref().unwrap().expose(),
        issued.security_token
    );

    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert!(r.signature_valid, "{:?}", r.signature_error);
    assert_eq!(r.signature_kind, Some(ecs_fake::SignatureKind::V2));
    assert_eq!(r.method, "GET");
    assert_eq!(r.param("Action"), Some("AssumeRole"));
    assert_eq!(r.param("Version"), Some("2015-04-01"));
    assert_eq!(r.param("RoleArn"), Some("acs:ram::123:role/builder"));
    assert_eq!(r.param("RoleSessionName"), Some("bclint-test"));
    assert_eq!(r.param("DurationSeconds"), Some("900"));
    assert_eq!(r.param("AccessKeyId"), Some("base-id"));

    // The role credentials work against the fake ECS API, token included.
    let client = api_client(&fake, creds);
    client
        .start_image_pipeline_execution("cn-hangzhou", "ip-1", Some("tok"))
        .await
        .unwrap();
    let call = &fake.requests()[1];
    assert!(call.signature_valid, "{:?}", call.signature_error);
    assert_eq!(call.header("x-acs-security-token"), Some("role-token"));
}

#[tokio::test]
async fn failed_assume_role_is_reported_in_the_chain_error() {
    let fake = FakeEcs::with_key("base-id", "base-secret");
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        serde_json::json!({"current": "role", "profiles": [
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "base-id", "access_key_secret": "WRONG",
             "ram_role_arn": "acs:ram::123:role/builder"}
        ]}),
    );
    let mut s = sources(home.path(), &[]);
    s.sts_endpoint = Some(fake.url());
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(err.contains("SignatureDoesNotMatch"), "{err}");
    assert!(err.contains("acs:ram::123:role/builder"), "{err}");
    assert!(!err.contains("WRONG"), "{err}");
}

#[tokio::test]
async fn ini_file_sections() {
    let home = tempfile::tempdir().unwrap();
    write(
        &home.path().join(".alibabacloud/credentials"),
        "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret # comment\n\n[other]\ntype = access_key\naccess_key_id = other-id\naccess_key_secret = other-secret\n",
    );
    let (creds, from) = resolve(&sources(home.path(), &[])).await.unwrap();
    assert_eq!(creds.access_key_id, "ini-id");
    assert_eq!(creds.access_key_secret().expose(), "ini-secret");
    assert!(from.contains("[default] (access_key)"), "{from}");

    let (creds, _) = resolve(&sources(home.path(), &[("ALIBABA_CLOUD_PROFILE", "other")]))
        .await
        .unwrap();
    assert_eq!(creds.access_key_id, "other-id");
}

#[tokio::test]
async fn ini_file_from_env_override_with_ram_role_arn() {
    let fake = FakeEcs::with_key("ini-base", "ini-base-secret");
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("elsewhere.ini");
    write(
        &file,
        "[default]\ntype = ram_role_arn\naccess_key_id = ini-base\naccess_key_secret = ini-base-secret\nrole_arn = acs:ram::1:role/r\nrole_session_name = s\n",
    );
    let mut s = sources(
        home.path(),
        &[("ALIBABA_CLOUD_CREDENTIALS_FILE", file.to_str().unwrap())],
    );
    s.sts_endpoint = Some(fake.url());
    let (creds, from) = resolve(&s).await.unwrap();
    assert!(creds.access_key_id.starts_with("STS.fake"), "{creds:?}");
    assert!(creds.security_token.is_some());
    assert!(from.contains("(ram_role_arn)"), "{from}");
    assert!(fake.requests()[0].signature_valid);
}

fn role_creds() -> IssuedCredentials {
    IssuedCredentials {
        access_key_id: "STS.instance".into(),
        access_key_secret: "instance-secret".into(),
        security_token: "instance-token".into(),
    }
}

#[tokio::test]
async fn instance_metadata_with_imdsv2_token() {
    let fake = FakeEcs::start(HashMap::new());
    fake.set_instance_role("BuilderRole", role_creds());
    let home = tempfile::tempdir().unwrap();
    let s = CredentialSources {
        home: Some(home.path().to_path_buf()),
        imds_endpoint: Some(fake.url()),
        ..CredentialSources::default()
    };
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, "ECS instance RAM role 'BuilderRole'");
    assert_eq!(creds.access_key_id, "STS.instance");
    assert_eq!(
        creds.security_token.as_ref().unwrap().expose(),
        "instance-token"
    );

    let reqs = fake.requests();
    let paths: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("PUT", "/latest/api/token"),
            ("GET", "/latest/meta-data/ram/security-credentials/"),
            (
                "GET",
                "/latest/meta-data/ram/security-credentials/BuilderRole"
            ),
        ]
    );
    assert_eq!(
        reqs[0].header("x-aliyun-ecs-metadata-token-ttl-seconds"),
        Some("21600")
    );
    let token = reqs[1].header("x-aliyun-ecs-metadata-token").unwrap();
    assert!(token.starts_with("imds-token-"));
    assert_eq!(reqs[2].header("x-aliyun-ecs-metadata-token"), Some(token));

    // The role's credentials are accepted by the fake API.
    let client = api_client(&fake, creds);
    client
        .describe_image_pipeline_executions("cn-hangzhou", "ip-1", "exec-1")
        .await
        .unwrap();
    assert!(fake.api_requests()[0].signature_valid);
}

#[tokio::test]
async fn ecs_ram_role_profile_names_the_role() {
    let fake = FakeEcs::start(HashMap::new());
    fake.set_instance_role("NamedRole", role_creds());
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        serde_json::json!({"current": "ecs", "profiles": [
            {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "NamedRole"}
        ]}),
    );
    let s = CredentialSources {
        home: Some(home.path().to_path_buf()),
        imds_endpoint: Some(fake.url()),
        ..CredentialSources::default()
    };
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, "~/.aliyun/config.json profile 'ecs' (EcsRamRole)");
    assert_eq!(creds.access_key_id, "STS.instance");
    // The role was named, so it was not listed.
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn nothing_found_lists_every_source_and_why() {
    let home = tempfile::tempdir().unwrap();
    let s = sources(home.path(), &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "only-id")]);
    let err = resolve(&s).await.unwrap_err();
    let sources_tried: Vec<&str> = err.tried.iter().map(|t| t.source.as_str()).collect();
    assert_eq!(
        sources_tried,
        [
            "environment",
            "~/.aliyun/config.json",
            "credentials file (~/.alibabacloud/credentials)",
            "ECS instance RAM role (metadata service)",
        ]
    );
    let text = err.to_string();
    assert!(
        text.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set"),
        "{text}"
    );
    assert!(
        text.contains(".aliyun/config.json does not exist"),
        "{text}"
    );
    assert!(
        text.contains(".alibabacloud/credentials does not exist"),
        "{text}"
    );
    assert!(
        text.contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"),
        "{text}"
    );
}

#[tokio::test]
async fn broken_files_are_explained_and_skipped() {
    let home = tempfile::tempdir().unwrap();
    write(&home.path().join(".aliyun/config.json"), "{ not json");
    write(
        &home.path().join(".alibabacloud/credentials"),
        "[default]\ntype = access_key\naccess_key_id = fallback\naccess_key_secret = s\n",
    );
    let (creds, _) = resolve(&sources(home.path(), &[])).await.unwrap();
    assert_eq!(creds.access_key_id, "fallback");

    write_config(
        home.path(),
        serde_json::json!({"current": "x", "profiles": [{"name": "x", "mode": "CloudSSO"}]}),
    );
    std::fs::remove_file(home.path().join(".alibabacloud/credentials")).unwrap();
    let err = resolve(&sources(home.path(), &[]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("mode CloudSSO"), "{err}");

    write_config(
        home.path(),
        serde_json::json!({"current": "missing", "profiles": []}),
    );
    let err = resolve(&sources(home.path(), &[]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("profile 'missing' is not defined"), "{err}");
}

#[tokio::test]
async fn unreachable_metadata_service_is_reported() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let home = tempfile::tempdir().unwrap();
    let s = CredentialSources {
        home: Some(home.path().to_path_buf()),
        imds_endpoint: Some(format!("http://127.0.0.1:{port}")),
        ..CredentialSources::default()
    };
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(err.contains("not reachable"), "{err}");
}

#[tokio::test]
async fn instance_without_role_is_reported() {
    let fake = FakeEcs::start(HashMap::new());
    let home = tempfile::tempdir().unwrap();
    let s = CredentialSources {
        home: Some(home.path().to_path_buf()),
        imds_endpoint: Some(fake.url()),
        ..CredentialSources::default()
    };
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(err.contains("HTTP 404"), "{err}");
}

/// A token file in `dir` holding `token` (with the trailing newline files usually have).
fn token_file(dir: &Path, token: &str) -> String {
    let path = dir.join("oidc-token");
    write(&path, &format!("{token}\n"));
    path.display().to_string()
}

#[tokio::test]
async fn oidc_from_the_environment_assumes_the_role_anonymously() {
    let fake = FakeEcs::start(HashMap::new());
    fake.set_oidc_token("eyJ.oidc.token");
    let home = tempfile::tempdir().unwrap();
    let file = token_file(home.path(), "eyJ.oidc.token");
    let mut s = sources(
        home.path(),
        &[
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", &file),
            ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123:role/ci"),
            (
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                "acs:ram::123:oidc-provider/ack",
            ),
            ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "pipeline-42"),
        ],
    );
    s.sts_endpoint = Some(fake.url());
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, "OIDC role (environment)");
    assert!(creds.access_key_id.starts_with("STS.fake"), "{creds:?}");
    assert!(creds.is_temporary() && creds.expires_at.is_some());

    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.action.as_deref(), Some("AssumeRoleWithOIDC"));
    for (name, value) in [
        ("Action", "AssumeRoleWithOIDC"),
        ("Version", "2015-04-01"),
        ("Format", "JSON"),
    ] {
        assert_eq!(request.param(name), Some(value), "{name}");
    }
    assert!(request.param("Timestamp").is_some());
    // Anonymous: no key, no signature; the token travels in the body, never in the URL.
    assert_eq!(request.param("Signature"), None);
    assert_eq!(request.param("AccessKeyId"), None);
    assert!(request.query.iter().all(|(_, v)| !v.contains("eyJ")));
    let body = String::from_utf8(request.body.clone()).unwrap();
    for part in [
        "RoleArn=acs%3Aram%3A%3A123%3Arole%2Fci",
        "OIDCProviderArn=acs%3Aram%3A%3A123%3Aoidc-provider%2Fack",
        "OIDCToken=eyJ.oidc.token&",
        "RoleSessionName=pipeline-42",
        "DurationSeconds=3600",
    ] {
        assert!(body.contains(part), "{part} in {body}");
    }

    // The credentials work against the API.
    let client = api_client(&fake, creds);
    client
        .call("DescribeImagePipelineExecutions", &[])
        .await
        .unwrap();
}

#[tokio::test]
async fn oidc_failures_are_explained_without_the_token() {
    let fake = FakeEcs::start(HashMap::new());
    fake.set_oidc_token("the-right-token");
    let home = tempfile::tempdir().unwrap();
    let file = token_file(home.path(), "a-stale-token");
    let vars = [
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", file.as_str()),
        ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123:role/ci"),
        (
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::123:oidc-provider/ack",
        ),
    ];
    let mut s = sources(home.path(), &vars);
    s.sts_endpoint = Some(fake.url());
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(
        err.contains("OIDC (ALIBABA_CLOUD_OIDC_TOKEN_FILE)"),
        "{err}"
    );
    assert!(
        err.contains("AuthenticationFail.OIDCToken.Invalid"),
        "{err}"
    );
    assert!(!err.contains("a-stale-token"), "{err}");

    // A partial set is reported, not silently skipped.
    let s = sources(home.path(), &vars[..2]);
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(
        err.contains("ALIBABA_CLOUD_OIDC_PROVIDER_ARN not set"),
        "{err}"
    );

    // A token file that is not there.
    let mut s = sources(
        home.path(),
        &[
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/nonexistent/token"),
            vars[1],
            vars[2],
        ],
    );
    s.sts_endpoint = Some(fake.url());
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(
        err.contains("cannot read the OIDC token file /nonexistent/token"),
        "{err}"
    );
}

#[tokio::test]
async fn cli_config_oidc_profile_assumes_the_role() {
    let fake = FakeEcs::start(HashMap::new());
    fake.set_oidc_token("profile-token");
    let home = tempfile::tempdir().unwrap();
    let file = token_file(home.path(), "profile-token");
    write_config(
        home.path(),
        serde_json::json!({"current": "ci", "profiles": [
            {"name": "ci", "mode": "OIDC", "ram_role_arn": "acs:ram::123:role/ci",
             "oidc_provider_arn": "acs:ram::123:oidc-provider/gh", "oidc_token_file": file,
             "role_session_name": "from-profile", "expired_seconds": 900}
        ]}),
    );
    let mut s = sources(home.path(), &[]);
    s.sts_endpoint = Some(fake.url());
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, "~/.aliyun/config.json profile 'ci' (OIDC)");
    assert!(creds.is_temporary());
    let body = String::from_utf8(fake.requests()[0].body.clone()).unwrap();
    assert!(
        body.contains("RoleSessionName=from-profile") && body.contains("DurationSeconds=900"),
        "{body}"
    );
}

#[tokio::test]
async fn credentials_uri_comes_last_and_needs_https_off_loopback() {
    let fake = FakeEcs::start(HashMap::new());
    let issued = IssuedCredentials {
        access_key_id: "STS.uri".into(),
        access_key_secret: "uri-secret".into(),
        security_token: "uri-token".into(),
    };
    fake.set_uri_credentials(issued.clone());
    let home = tempfile::tempdir().unwrap();
    let uri = format!("{}/credentials", fake.url());
    let s = sources(home.path(), &[("ALIBABA_CLOUD_CREDENTIALS_URI", &uri)]);
    let (creds, from) = resolve(&s).await.unwrap();
    assert_eq!(from, format!("credentials URI {uri}"));
    assert_eq!(creds.access_key_id, issued.access_key_id);
    assert_eq!(
        creds.security_token.as_ref().unwrap().expose(),
        issued.security_token
    );
    assert!(creds.expires_at.is_some());

    // Earlier providers win: environment keys are used and the URI is never asked.
    let before = fake.requests().len();
    let s = sources(
        home.path(),
        &[
            ("ALIBABA_CLOUD_CREDENTIALS_URI", &uri),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
        ],
    );
    assert_eq!(resolve(&s).await.unwrap().1, "environment");
    assert_eq!(fake.requests().len(), before);

    let s = sources(
        home.path(),
        &[("ALIBABA_CLOUD_CREDENTIALS_URI", "http://example.com/creds")],
    );
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(
        err.contains("plain http to a host that is not loopback"),
        "{err}"
    );
}

/// A credentials URI's query (and user information) often carries a token: no message shows it,
/// neither the "no credentials" error nor the description of where credentials came from.
#[tokio::test]
async fn credentials_uri_query_is_never_shown() {
    let fake = FakeEcs::start(HashMap::new());
    let home = tempfile::tempdir().unwrap();
    let secret = "query-secret-token";
    let uri = format!("{}/credentials?token={secret}", fake.url());
    let shown = format!("{}/credentials", fake.url());

    // Nothing configured at the URI yet: the error names it without its query.
    let s = sources(home.path(), &[("ALIBABA_CLOUD_CREDENTIALS_URI", &uri)]);
    let err = resolve(&s).await.unwrap_err().to_string();
    assert!(err.contains(&format!("{shown} answered HTTP 404")), "{err}");
    assert!(!err.contains(secret), "{err}");

    fake.set_uri_credentials(IssuedCredentials {
        access_key_id: "STS.uri".into(),
        access_key_secret: "uri-secret".into(),
        security_token: "uri-token".into(),
    });
    let (_, from) = resolve(&s).await.unwrap();
    assert_eq!(from, format!("credentials URI {shown}"));

    for bad in [
        format!("http://user:{secret}@example.com/creds?token={secret}"),
        format!("ftp://127.0.0.1/creds?token={secret}"),
        format!("not a URL?token={secret}"),
    ] {
        let s = sources(home.path(), &[("ALIBABA_CLOUD_CREDENTIALS_URI", &bad)]);
        let err = resolve(&s).await.unwrap_err().to_string();
        assert!(err.contains("ALIBABA_CLOUD_CREDENTIALS_URI"), "{err}");
        assert!(!err.contains(secret), "{err}");
    }
}
