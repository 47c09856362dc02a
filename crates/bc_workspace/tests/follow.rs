//! Following a build outlives temporary credentials: `submit::follow` against `ecs_fake`, which
//! plays STS (issuing short-lived role credentials and refusing them once expired, as the service
//! does) and the image-pipeline API.

use std::path::Path;
use std::time::Duration;

use bc_aliyun::credentials::CredentialSources;
use bc_aliyun::{ApiError, SignatureVersion};
use bc_workspace::submit::{Connection, connect, follow};
use ecs_fake::{FakeEcs, Reply};

/// A connection to `fake` whose credentials come from a `RamRoleArn` profile (base key
/// `base-id`), with STS pointed at the fake and the metadata service disabled.
fn role_connection(fake: &FakeEcs, home: &Path) -> Connection {
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::write(
        home.join(".aliyun/config.json"),
        serde_json::json!({"current": "role", "profiles": [
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "base-id",
             "access_key_secret": "base-secret", "ram_role_arn": "acs:ram::123:role/builder",
             "ram_session_name": "bclint-test", "expired_seconds": 900}
        ]})
        .to_string(),
    )
    .unwrap();
    Connection {
        endpoint: Some(fake.url()),
        profile: None,
        signature: SignatureVersion::V3,
        timeout: Duration::from_secs(10),
        sources: CredentialSources {
            env: [(
                "ALIBABA_CLOUD_ECS_METADATA_DISABLED".to_string(),
                "true".to_string(),
            )]
            .into(),
            home: Some(home.to_path_buf()),
            sts_endpoint: Some(fake.url()),
            ..CredentialSources::default()
        },
    }
}

/// Follows execution `exec-1` of pipeline `ip-1` to its end, every `interval`; the result and
/// every status read.
async fn follow_to_end(
    connection: &Connection,
    client: bc_aliyun::Client,
    interval: Duration,
) -> (Result<bc_aliyun::ExecutionStatus, ApiError>, Vec<String>) {
    let mut seen = Vec::new();
    let last = follow(
        connection,
        client,
        "cn-hangzhou",
        "ip-1",
        "exec-1",
        interval,
        |status| seen.push(status.status.clone()),
    )
    .await;
    (last, seen)
}

fn count(fake: &FakeEcs, action: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some(action))
        .count()
}

#[tokio::test]
async fn credentials_that_expire_during_the_build_are_renewed_before_they_do() {
    let fake = FakeEcs::with_key("base-id", "base-secret");
    fake.set_credential_lifetime(Duration::from_millis(600));
    fake.set_execution_statuses(&["PREPARING", "BUILDING", "BUILDING", "TESTING", "SUCCESS"]);
    let home = tempfile::tempdir().unwrap();
    let connection = role_connection(&fake, home.path());
    let (client, provider) = connect(&connection, "cn-hangzhou").await.unwrap();
    assert_eq!(
        provider,
        "~/.aliyun/config.json profile 'role' (RamRoleArn)"
    );

    // Five polls 400 ms apart take longer than the credentials live.
    let (last, seen) = follow_to_end(&connection, client, Duration::from_millis(400)).await;
    let last = last.unwrap();
    assert_eq!(last.status, "SUCCESS");
    assert_eq!(
        seen,
        ["PREPARING", "BUILDING", "BUILDING", "TESTING", "SUCCESS"]
    );
    // Credentials living less than the refresh margin are renewed before every poll, so none
    // is ever sent expired.
    assert_eq!(count(&fake, "AssumeRole"), 1 + seen.len());
    let describes: Vec<_> = fake
        .api_requests()
        .into_iter()
        .filter(|r| r.action.as_deref() == Some("DescribeImagePipelineExecutions"))
        .collect();
    assert_eq!(describes.len(), seen.len());
    assert!(
        describes.iter().all(|r| r.signature_valid),
        "{:?}",
        describes
            .iter()
            .map(|r| &r.signature_error)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn credentials_the_service_calls_expired_are_renewed_once_and_the_poll_repeated() {
    let fake = FakeEcs::with_key("base-id", "base-secret");
    fake.set_execution_statuses(&["BUILDING", "SUCCESS"]);
    let home = tempfile::tempdir().unwrap();
    let connection = role_connection(&fake, home.path());
    let (client, _) = connect(&connection, "cn-hangzhou").await.unwrap();
    fake.enqueue(Reply::error(
        400,
        "InvalidSecurityToken.Expired",
        "Specified SecurityToken is expired.",
    ));
    let (last, seen) = follow_to_end(&connection, client, Duration::from_millis(10)).await;
    let last = last.unwrap();
    assert_eq!(last.status, "SUCCESS");
    assert_eq!(seen, ["BUILDING", "SUCCESS"]);
    assert_eq!(
        count(&fake, "AssumeRole"),
        2,
        "one renewal after the refusal"
    );
}

#[tokio::test]
async fn long_term_keys_are_not_re_read_when_refused() {
    let fake = FakeEcs::with_key("testid", "testsecret");
    let connection = Connection {
        endpoint: Some(fake.url()),
        profile: None,
        signature: SignatureVersion::V3,
        timeout: Duration::from_secs(10),
        sources: CredentialSources {
            env: [
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret"),
                ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into(),
            ..CredentialSources::default()
        },
    };
    let (client, _) = connect(&connection, "cn-hangzhou").await.unwrap();
    fake.enqueue(Reply::error(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
    ));
    let (result, _) = follow_to_end(&connection, client, Duration::from_millis(10)).await;
    let error = result.unwrap_err();
    assert!(
        matches!(&error, ApiError::Api { code, .. } if code == "InvalidAccessKeyId.NotFound"),
        "{error:?}"
    );
    assert_eq!(count(&fake, "DescribeImagePipelineExecutions"), 1);
}
