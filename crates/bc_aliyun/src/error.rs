//! Typed API errors, the hints shown for common error codes, and parsing of JSON and XML
//! error bodies.
//!
//! Every message here is built from data that cannot contain a secret: error codes and
//! messages come from the server, and transport errors are stripped of their URL (which in
//! V2 mode carries the signature and the STS token) before they are stored.

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The service answered with an error code.
    #[error(
        "{code}: {message} (HTTP {status}{}){}",
        request_id.as_ref().map_or(String::new(), |id| format!(", request id {id}")),
        hint.map_or(String::new(), |hint| format!("; hint: {hint}")),
    )]
    Api {
        /// HTTP status code.
        status: u16,
        /// Alibaba Cloud error code, e.g. `InvalidAccessKeyId.NotFound`.
        code: String,
        /// The server's message.
        message: String,
        /// Request ID to quote when contacting support.
        request_id: Option<String>,
        /// What the user can do about it, for the common codes.
        hint: Option<&'static str>,
    },
    /// The request could not be sent or the response could not be read.
    #[error("network error: {0}")]
    Network(String),
    /// The connect or total timeout elapsed.
    #[error("timed out: {0}")]
    Timeout(String),
    /// The server answered with something that is not a recognisable API response.
    #[error("malformed response (HTTP {status}): {reason}; body starts with: {body_excerpt:?}")]
    MalformedResponse {
        /// HTTP status code.
        status: u16,
        /// The first characters of the body.
        body_excerpt: String,
        /// What was wrong with it.
        reason: String,
    },
    /// No usable credentials were found.
    #[error("{0}")]
    Credentials(#[from] CredentialsError),
    /// The endpoint (or region) cannot be used.
    #[error("invalid endpoint: {0}")]
    InvalidEndpoint(String),
}

impl ApiError {
    /// Whether the service refused the credentials in a way that fresh temporary credentials
    /// cure: an expired STS token, or (as the gateway also says for those) an unknown AccessKey
    /// ID.
    pub fn is_expired_credentials(&self) -> bool {
        matches!(
            self.code(),
            Some("InvalidSecurityToken.Expired" | "InvalidAccessKeyId.NotFound")
        )
    }

    /// The error code for `Api` errors, `None` otherwise.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The request ID, when the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The hint for this error, when there is one.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ApiError::Api { hint, .. } => *hint,
            ApiError::Timeout(_) => {
                Some("the endpoint did not answer in time; check the network or raise the timeout")
            }
            _ => None,
        }
    }
}

/// What to tell the user for an error code. Only codes whose fix is known are listed.
pub fn hint_for(code: &str) -> Option<&'static str> {
    Some(match code {
        "InvalidAccessKeyId.NotFound" => {
            "the AccessKey ID does not exist (or the STS token has expired); check the credentials bclint picked up"
        }
        "InvalidAccessKeyId.Inactive" => {
            "this AccessKey is disabled; enable it in the RAM console or use another one"
        }
        "SignatureDoesNotMatch" | "IncompleteSignature" => {
            "check the AccessKey secret and the machine clock"
        }
        "InvalidTimeStamp.Expired" => {
            "the machine clock is more than 15 minutes off; synchronise it (NTP) and retry"
        }
        "SignatureNonceUsed" => "a signature nonce was reused; retry the command",
        "Forbidden.RAM" | "NoPermission" => {
            "the RAM identity lacks permission; grant ecs:CreateImagePipeline, ecs:StartImagePipelineExecution and ecs:DescribeImagePipelineExecutions"
        }
        "InvalidOperation.NoPermissionCreateServiceLinkedRole" => {
            "grant ram:CreateServiceLinkedRole to this RAM identity (Image Builder creates its service-linked role on first use), or ask an administrator to create the role once"
        }
        "IdempotentParameterMismatch" => {
            "the same client token was used with different parameters; use a new --client-token"
        }
        "QuotaExceed.ImagePipeline" => {
            "the image template quota is used up; delete unused image pipelines or request a higher quota"
        }
        "InvalidImageName.Duplicated" => {
            "an image with this name already exists in the target region; change the image name or keep the automatic execution-id suffix"
        }
        "ImageComponent.NotFound" => {
            "a COMPONENT reference does not exist in this region; check the component ID or name, its version and the region"
        }
        "InvalidComponentVersion.Exist" => {
            "this component already has that version; bump `version` in the component manifest (versions cannot be replaced)"
        }
        "InvalidBuildContent.LengthExceeded" => {
            "BuildContent is limited to 16 KB; move steps into image components"
        }
        "InvalidImagePipeline.HasRunningExecution" => {
            "this pipeline already has a running execution; wait for it to finish or cancel it"
        }
        "InvalidSecurityToken.Expired"
        | "InvalidSecurityToken.Malformed"
        | "InvalidSecurityToken.MismatchWithAccessKey" => {
            "the STS security token is expired or does not belong to this AccessKey; obtain fresh credentials"
        }
        "ServiceUnavailable" | "InternalError" | "UnknownError" => {
            "the service had a temporary failure; retry later"
        }
        c if c.starts_with("Throttling") => {
            "the API rate limit was reached; wait a little and retry"
        }
        _ => return None,
    })
}

/// Turns an error response body into an [`ApiError`]: `Api` when a code can be found in
/// JSON (`Code`/`code`) or XML (`<Code>`), `MalformedResponse` otherwise.
pub fn parse_error_body(status: u16, content_type: Option<&str>, body: &[u8]) -> ApiError {
    let text = String::from_utf8_lossy(body);
    let looks_xml =
        content_type.is_some_and(|ct| ct.contains("xml")) || text.trim_start().starts_with('<');
    let fields = if looks_xml {
        parse_xml_error(&text)
    } else {
        parse_json_error(&text)
    };
    match fields {
        Some((code, message, request_id)) => ApiError::Api {
            status,
            hint: hint_for(&code),
            code,
            message,
            request_id,
        },
        None => ApiError::MalformedResponse {
            status,
            body_excerpt: excerpt(&text),
            reason: if looks_xml {
                "an error status without an XML <Code> element".to_string()
            } else {
                "an error status without a JSON body carrying a Code".to_string()
            },
        },
    }
}

type ErrorFields = (String, String, Option<String>);

fn parse_json_error(text: &str) -> Option<ErrorFields> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| value.get(*n).and_then(|v| v.as_str()).map(str::to_string))
    };
    let code = field(&["Code", "code"])?;
    let message = field(&["Message", "message"]).unwrap_or_default();
    let request_id = field(&["RequestId", "requestId"]);
    Some((code, message, request_id))
}

fn parse_xml_error(text: &str) -> Option<ErrorFields> {
    let code = xml_element(text, "Code")?;
    let message = xml_element(text, "Message").unwrap_or_default();
    let request_id = xml_element(text, "RequestId");
    Some((code, message, request_id))
}

/// The unescaped text of the first `<name>…</name>` element. Error bodies are flat and
/// tiny, so a real XML parser would be overkill.
fn xml_element(text: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let len = text[start..].find(&close)?;
    let raw = text[start..start + len].trim();
    let raw = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(raw);
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// At most 200 characters of `text`, cut on a character boundary.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 200;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// One source the chain looked at, and why it produced nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriedSource {
    /// The source, e.g. `environment` or `~/.aliyun/config.json`.
    pub source: String,
    /// Why it was skipped or failed.
    pub reason: String,
}

/// No source yielded credentials; lists every source and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "no Alibaba Cloud credentials found; tried, in order:{}\nset ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile with `aliyun configure`",
    tried.iter().map(|t| format!("\n  - {}: {}", t.source, t.reason)).collect::<String>(),
)]
pub struct CredentialsError {
    /// Every source tried, in chain order.
    pub tried: Vec<TriedSource>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_exact() {
        let api = |request_id: Option<&str>, hint| ApiError::Api {
            status: 400,
            code: "Code.X".into(),
            message: "the message".into(),
            request_id: request_id.map(str::to_string),
            hint,
        };
        assert_eq!(
            api(None, None).to_string(),
            "Code.X: the message (HTTP 400)"
        );
        assert_eq!(
            api(Some("R-1"), Some("do this")).to_string(),
            "Code.X: the message (HTTP 400, request id R-1); hint: do this"
        );
        assert_eq!(
            ApiError::Network("connection failed".into()).to_string(),
            "network error: connection failed"
        );
        assert_eq!(
            ApiError::Timeout("operation timed out".into()).to_string(),
            "timed out: operation timed out"
        );
        let malformed = ApiError::MalformedResponse {
            status: 502,
            body_excerpt: "<html>".into(),
            reason: "not JSON".into(),
        };
        assert_eq!(
            malformed.to_string(),
            "malformed response (HTTP 502): not JSON; body starts with: \"<html>\""
        );
        assert_eq!(
            ApiError::InvalidEndpoint("endpoint `x`: bad".into()).to_string(),
            "invalid endpoint: endpoint `x`: bad"
        );
        let credentials = CredentialsError { tried: Vec::new() };
        let wrapped = ApiError::from(credentials.clone());
        assert_eq!(wrapped.to_string(), credentials.to_string());
        assert!(std::error::Error::source(&wrapped).is_some());
    }

    #[test]
    fn json_error_body() {
        let body = br#"{"RequestId":"540CFF28","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation.","Recommend":"https://x"}"#;
        let e = parse_error_body(400, Some("application/json;charset=utf-8"), body);
        assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
        assert_eq!(e.request_id(), Some("540CFF28"));
        let s = e.to_string();
        assert!(s.contains("SignatureDoesNotMatch"), "{s}");
        assert!(s.contains("request id 540CFF28"), "{s}");
        assert!(s.contains("machine clock"), "{s}");
    }

    #[test]
    fn lowercase_json_fields() {
        let e = parse_error_body(
            404,
            None,
            br#"{"code":"ImageComponent.NotFound","message":"nope","requestId":"r"}"#,
        );
        assert_eq!(e.code(), Some("ImageComponent.NotFound"));
        assert_eq!(e.request_id(), Some("r"));
        assert!(e.hint().unwrap().contains("COMPONENT"));
    }

    #[test]
    fn xml_error_body() {
        let body = b"<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>R-1</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>Throttling.User</Code><Message>Request was denied due to user flow control &amp; more.</Message></Error>";
        let e = parse_error_body(400, Some("text/xml;charset=utf-8"), body);
        match e {
            ApiError::Api {
                status,
                code,
                message,
                request_id,
                hint,
            } => {
                assert_eq!(status, 400);
                assert_eq!(code, "Throttling.User");
                assert_eq!(
                    message,
                    "Request was denied due to user flow control & more."
                );
                assert_eq!(request_id.as_deref(), Some("R-1"));
                assert!(hint.is_some());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn malformed_bodies() {
        let e = parse_error_body(502, Some("text/html"), b"<html>Bad Gateway</html>");
        assert!(matches!(e, ApiError::MalformedResponse { status: 502, .. }));
        let e = parse_error_body(500, None, b"{\"RequestId\":");
        match e {
            ApiError::MalformedResponse {
                status,
                body_excerpt,
                ..
            } => {
                assert_eq!(status, 500);
                assert_eq!(body_excerpt, "{\"RequestId\":");
            }
            other => panic!("unexpected {other:?}"),
        }
        let long = "x".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), 201);
    }

    #[test]
    fn every_documented_code_has_a_hint() {
        for code in [
            "InvalidAccessKeyId.NotFound",
            "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch",
            "InvalidTimeStamp.Expired",
            "Forbidden.RAM",
            "InvalidOperation.NoPermissionCreateServiceLinkedRole",
            "IdempotentParameterMismatch",
            "QuotaExceed.ImagePipeline",
            "InvalidImageName.Duplicated",
            "ImageComponent.NotFound",
            "InvalidBuildContent.LengthExceeded",
            "InvalidImagePipeline.HasRunningExecution",
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
        ] {
            assert!(hint_for(code).is_some(), "{code}");
        }
        assert!(
            hint_for("InvalidOperation.NoPermissionCreateServiceLinkedRole")
                .unwrap()
                .contains("ram:CreateServiceLinkedRole")
        );
        assert!(
            hint_for("IdempotentParameterMismatch")
                .unwrap()
                .contains("--client-token")
        );
        assert_eq!(hint_for("InvalidParameter"), None);
    }

    #[test]
    fn the_error_lists_every_source_tried() {
        let tried = |source: &str, reason: &str| TriedSource {
            source: source.into(),
            reason: reason.into(),
        };
        let error = CredentialsError {
            tried: vec![
                tried("environment", "ALIBABA_CLOUD_ACCESS_KEY_ID is not set"),
                tried("~/.aliyun/config.json", "no home directory is known"),
            ],
        };
        assert_eq!(
            error.to_string(),
            "no Alibaba Cloud credentials found; tried, in order:\
             \n  - environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set\
             \n  - ~/.aliyun/config.json: no home directory is known\
             \nset ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile with `aliyun configure`"
        );
    }
}
