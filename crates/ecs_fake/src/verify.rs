//! Server-side signature verification, written from the public documentation (V3:
//! <https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature>, V2: <https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism>) independently of `bc_aliyun`'s signer, so a bug there cannot hide
//! behind the same bug here.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::http::HttpRequest;

/// Which scheme a request used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureKind {
    /// `Authorization: ACS3-HMAC-SHA256 …`.
    V3,
    /// `Signature=` with `SignatureMethod=HMAC-SHA1` in the query.
    V2,
}

/// The facts a verification established, good or bad.
#[derive(Debug, Clone)]
pub(crate) struct Verified {
    pub kind: Option<SignatureKind>,
    pub action: Option<String>,
    pub access_key_id: Option<String>,
    pub nonce: Option<String>,
    /// `None` when valid; else the error code, HTTP status and message the gateway would send.
    pub failure: Option<(u16, &'static str, String)>,
}

/// The bytes RFC 3986 leaves unreserved (`A-Z a-z 0-9 - _ . ~`) stay; every other byte of the
/// UTF-8 text is escaped, so a space is `%20` and `*` is `%2A`.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// RFC 3986 encoding of the UTF-8 bytes, uppercase hex.
pub(crate) fn encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// Splits an encoded query (or form body) into decoded pairs, in order. Both `%XY` and `+`
/// (form encoding's space) are decoded, as the gateway accepts both.
pub(crate) fn parse_query(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn canonical(pairs: &[(String, String)]) -> String {
    let mut enc: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    enc.sort();
    enc.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks the signature of an API request. `secret_for` maps AccessKey IDs to secrets;
/// `token_for` maps temporary AccessKey IDs to the STS token they must come with.
pub(crate) fn verify(
    req: &HttpRequest,
    query: &[(String, String)],
    secret_for: &dyn Fn(&str) -> Option<String>,
    token_for: &dyn Fn(&str) -> Option<String>,
    now: SystemTime,
) -> Verified {
    let auth = req.header("authorization").unwrap_or("");
    if auth.starts_with("ACS3-HMAC-SHA256 ") {
        verify_v3(req, query, auth, secret_for, token_for, now)
    } else if query.iter().any(|(k, _)| k == "Signature") {
        verify_v2(req, query, secret_for, token_for, now)
    } else {
        Verified {
            kind: None,
            action: query_get(query, "Action").map(str::to_string),
            access_key_id: None,
            nonce: None,
            failure: Some((
                400,
                "IncompleteSignature",
                "The request is not signed: no ACS3-HMAC-SHA256 Authorization header and no Signature parameter.".into(),
            )),
        }
    }
}

fn query_get<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn verify_v3(
    req: &HttpRequest,
    query: &[(String, String)],
    auth: &str,
    secret_for: &dyn Fn(&str) -> Option<String>,
    token_for: &dyn Fn(&str) -> Option<String>,
    now: SystemTime,
) -> Verified {
    let mut out = Verified {
        kind: Some(SignatureKind::V3),
        action: req.header("x-acs-action").map(str::to_string),
        access_key_id: None,
        nonce: req.header("x-acs-signature-nonce").map(str::to_string),
        failure: None,
    };
    let fail = |mut out: Verified, status, code, msg: String| {
        out.failure = Some((status, code, msg));
        out
    };
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in auth["ACS3-HMAC-SHA256 ".len()..].split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let (Some(ak), Some(signed_headers), Some(signature)) = (credential, signed_headers, signature)
    else {
        return fail(
            out,
            400,
            "IncompleteSignature",
            "The Authorization header lacks Credential, SignedHeaders or Signature.".into(),
        );
    };
    out.access_key_id = Some(ak.to_string());
    for required in [
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    ] {
        if req.header(required).is_none() {
            return fail(
                out,
                400,
                "MissingParameter",
                format!("The header {required} is missing."),
            );
        }
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    for (name, _) in &req.headers {
        if (name == "host" || name.starts_with("x-acs-")) && !names.contains(&name.as_str()) {
            return fail(
                out,
                400,
                "IncompleteSignature",
                format!("The header {name} is sent but not signed."),
            );
        }
    }
    let payload = hex(&Sha256::digest(&req.body));
    if req.header("x-acs-content-sha256") != Some(payload.as_str()) {
        return fail(
            out,
            400,
            "SignatureDoesNotMatch",
            "x-acs-content-sha256 does not match the body.".into(),
        );
    }
    if let Some(failure) = check_timestamp(req.header("x-acs-date").unwrap_or(""), now) {
        out.failure = Some(failure);
        return out;
    }
    let Some(secret) = secret_for(ak) else {
        return fail(
            out,
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.".into(),
        );
    };
    if let Some(failure) = check_token(ak, req.header("x-acs-security-token"), token_for) {
        out.failure = Some(failure);
        return out;
    }
    let mut canonical_headers = String::new();
    for name in &names {
        let mut values: Vec<&str> = req
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .collect();
        if values.is_empty() {
            return fail(
                out,
                400,
                "IncompleteSignature",
                format!("The signed header {name} is not sent."),
            );
        }
        values.sort_unstable();
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method,
        req.path(),
        canonical(query),
        canonical_headers,
        signed_headers,
        payload
    );
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    let expected = hex(&mac.finalize().into_bytes());
    if expected != signature {
        return fail(
            out,
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
        );
    }
    out
}

fn verify_v2(
    req: &HttpRequest,
    query: &[(String, String)],
    secret_for: &dyn Fn(&str) -> Option<String>,
    token_for: &dyn Fn(&str) -> Option<String>,
    now: SystemTime,
) -> Verified {
    let mut params: Vec<(String, String)> = query.to_vec();
    if req
        .header("content-type")
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
    {
        params.extend(parse_query(&String::from_utf8_lossy(&req.body)));
    }
    let get = |name: &str| query_get(&params, name).map(str::to_string);
    let mut out = Verified {
        kind: Some(SignatureKind::V2),
        action: get("Action"),
        access_key_id: get("AccessKeyId"),
        nonce: get("SignatureNonce"),
        failure: None,
    };
    for required in [
        "Action",
        "Version",
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
    ] {
        if get(required).is_none() {
            out.failure = Some((
                400,
                "MissingParameter",
                format!("The input parameter {required} is missing."),
            ));
            return out;
        }
    }
    if get("SignatureMethod").as_deref() != Some("HMAC-SHA1")
        || get("SignatureVersion").as_deref() != Some("1.0")
    {
        out.failure = Some((
            400,
            "InvalidSignatureMethod",
            "Only HMAC-SHA1 with SignatureVersion 1.0 is supported.".into(),
        ));
        return out;
    }
    if let Some(failure) = check_timestamp(&get("Timestamp").unwrap_or_default(), now) {
        out.failure = Some(failure);
        return out;
    }
    let ak = get("AccessKeyId").unwrap_or_default();
    let Some(secret) = secret_for(&ak) else {
        out.failure = Some((
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.".into(),
        ));
        return out;
    };
    if let Some(failure) = check_token(&ak, get("SecurityToken").as_deref(), token_for) {
        out.failure = Some(failure);
        return out;
    }
    let signature = get("Signature").unwrap_or_default();
    let signed: Vec<(String, String)> = params
        .into_iter()
        .filter(|(k, _)| k != "Signature")
        .collect();
    let string_to_sign = format!(
        "{}&{}&{}",
        req.method,
        encode("/"),
        encode(&canonical(&signed))
    );
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if expected != signature {
        out.failure = Some((
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
        ));
    }
    out
}

fn check_token(
    ak: &str,
    sent: Option<&str>,
    token_for: &dyn Fn(&str) -> Option<String>,
) -> Option<(u16, &'static str, String)> {
    match (token_for(ak), sent) {
        (Some(expected), Some(sent)) if expected == sent => None,
        (None, None) => None,
        (None, Some(_)) => Some((
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "A security token was sent with a long-term AccessKey.".into(),
        )),
        (Some(_), _) => Some((
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "The security token does not match the temporary AccessKey.".into(),
        )),
    }
}

/// Rejects timestamps that are not `YYYY-MM-DDThh:mm:ssZ` or are more than 15 minutes away
/// from `now`.
fn check_timestamp(ts: &str, now: SystemTime) -> Option<(u16, &'static str, String)> {
    let Some(at) = parse_timestamp(ts) else {
        return Some((
            400,
            "InvalidTimeStamp.Format",
            format!("The timestamp {ts:?} is not YYYY-MM-DDThh:mm:ssZ."),
        ));
    };
    let skew = at.duration_since(now).unwrap_or_else(|e| e.duration());
    if skew > Duration::from_secs(15 * 60) {
        return Some((
            400,
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {ts}."),
        ));
    }
    None
}

/// Reads `YYYY-MM-DDThh:mm:ssZ` exactly (no fractional seconds, no offset).
fn parse_timestamp(ts: &str) -> Option<SystemTime> {
    if ts.len() != "YYYY-MM-DDThh:mm:ssZ".len() {
        return None;
    }
    humantime::parse_rfc3339(ts).ok()
}

/// Formats `t` as `YYYY-MM-DDThh:mm:ssZ` (for STS expirations and execution times).
pub(crate) fn format_timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::UNIX_EPOCH;

    #[test]
    fn codec() {
        assert_eq!(encode("a b*~/描"), "a%20b%2A~%2F%E6%8F%8F");
        assert_eq!(
            parse_query("k=a+b%20c%2A~%E6%8F%8F%"),
            vec![("k".to_string(), "a b c*~描%".to_string())]
        );
        assert_eq!(
            parse_query("x=1&y=&z"),
            vec![
                ("x".to_string(), "1".to_string()),
                ("y".to_string(), String::new()),
                ("z".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn timestamps_round_trip() {
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(
            parse_timestamp("2024-01-01T00:00:00Z"),
            Some(at(1_704_067_200))
        );
        assert_eq!(format_timestamp(at(1_704_067_200)), "2024-01-01T00:00:00Z");
        assert_eq!(format_timestamp(at(951_782_400)), "2000-02-29T00:00:00Z");
        for bad in [
            "2024-01-01 00:00:00",
            "2024-01-01T00:00:00.5Z",
            "2023-02-29T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        let now = at(1_704_067_200);
        assert!(check_timestamp("2024-01-01T00:10:00Z", now).is_none());
        assert!(check_timestamp("2023-12-31T23:50:00Z", now).is_none());
        for late_or_early in ["2024-01-01T00:20:00Z", "2023-12-31T23:40:00Z"] {
            assert_eq!(
                check_timestamp(late_or_early, now).unwrap().1,
                "InvalidTimeStamp.Expired"
            );
        }
        assert_eq!(
            check_timestamp("2024-01-01T00:00:00", now).unwrap().1,
            "InvalidTimeStamp.Format"
        );
    }

    fn request(method: &str, target: &str, headers: &[(&str, &str)]) -> HttpRequest {
        HttpRequest {
            method: method.into(),
            target: target.into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    /// The example of the V3 signature documentation ("Fixed parameter values"), checked by
    /// the fake's own implementation.
    #[test]
    fn accepts_the_official_v3_vector() {
        let req = request(
            "POST",
            "/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
            &[
                ("host", "ecs.cn-shanghai.aliyuncs.com"),
                ("x-acs-action", "RunInstances"),
                ("x-acs-version", "2014-05-26"),
                ("x-acs-date", "2023-10-26T10:22:32Z"),
                ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
                (
                    "x-acs-content-sha256",
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ),
                (
                    "authorization",
                    "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                ),
            ],
        );
        let query = parse_query(req.raw_query());
        let now = parse_timestamp("2023-10-26T10:22:32Z").unwrap();
        let secrets =
            |ak: &str| (ak == "YourAccessKeyId").then(|| "YourAccessKeySecret".to_string());
        let v = verify(&req, &query, &secrets, &|_| None, now);
        assert!(v.failure.is_none(), "{:?}", v.failure);
        assert_eq!(v.action.as_deref(), Some("RunInstances"));

        let wrong = |_: &str| Some("other".to_string());
        let v = verify(&req, &query, &wrong, &|_| None, now);
        assert_eq!(v.failure.unwrap().1, "SignatureDoesNotMatch");
    }

    /// The example of the V2 signature documentation (DescribeDedicatedHosts), sent as the
    /// documentation's GET URL.
    #[test]
    fn accepts_the_official_v2_vector() {
        let req = request(
            "GET",
            "/?AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&Signature=9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26&RegionId=cn-beijing",
            &[("host", "ecs.cn-beijing.aliyuncs.com")],
        );
        let query = parse_query(req.raw_query());
        let now = parse_timestamp("2023-03-13T08:34:30Z").unwrap();
        let secrets = |ak: &str| (ak == "testid").then(|| "testsecret".to_string());
        let v = verify(&req, &query, &secrets, &|_| None, now);
        assert!(v.failure.is_none(), "{:?}", v.failure);
        assert_eq!(v.kind, Some(SignatureKind::V2));
        let mut post = req.clone();
        post.method = "POST".into();
        assert_eq!(
            verify(&post, &query, &secrets, &|_| None, now)
                .failure
                .unwrap()
                .1,
            "SignatureDoesNotMatch"
        );
    }
}
