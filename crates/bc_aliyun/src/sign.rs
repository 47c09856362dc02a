//! Request signing: RFC 3986 percent-encoding, signature V3 (`ACS3-HMAC-SHA256`) and
//! signature V2 (HMAC-SHA1, `SignatureVersion=1.0`).
//!
//! Everything here is a pure function of its inputs so that the official test vectors pin the
//! behaviour byte for byte: the examples of the signature documentation
//! (V3: <https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature>, V2: <https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism>), the unit tests of the official signer (`aliyun/darabonba-openapi`,
//! `python/tests/test_utils.py`), and CreateImagePipeline requests signed by the official Python
//! SDK (`alibabacloud-ecs20140526` 7.11.8) with a fixed clock and nonce. The client supplies the
//! clock and the nonce; nothing in this module reads the environment.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The algorithm name that opens a V3 `Authorization` header and the V3 string to sign.
pub const V3_ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Hex SHA-256 of the empty body, which every request of this client sends.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Percent-encodes `s` the way both signature versions require: the UTF-8 bytes of every
/// character outside the RFC 3986 unreserved set (`A-Z a-z 0-9 - _ . ~`) become `%XY` with
/// uppercase hex. Unlike form encoding, a space is `%20` and `*` is `%2A`, because the
/// gateway recomputes the signature over exactly this form.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0x0f)] as char);
        }
    }
    out
}

/// Builds the canonical query string shared by V2 and V3: parameters sorted by name
/// (byte order, so `Tag.10` sorts before `Tag.2`), then by value for repeated names, each
/// name and value percent-encoded, joined with `&`. An empty value is kept as `name=`.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sorted.sort_unstable();
    let mut out = String::new();
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(k));
        out.push('=');
        out.push_str(&percent_encode(v));
    }
    out
}

/// Lowercase hex of arbitrary bytes; V3 uses it for hashes and the signature.
pub fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Lowercase hex SHA-256 of `data`, the form V3 wants for `x-acs-content-sha256`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex_lower(&Sha256::digest(data))
}

/// The inputs of a V3 signature, borrowed so that callers do not copy their request.
#[derive(Debug, Clone, Copy)]
pub struct V3Input<'a> {
    /// Uppercase HTTP method actually used on the wire (`POST`).
    pub method: &'a str,
    /// Canonical URI; RPC-style APIs always use `/`.
    pub path: &'a str,
    /// Query parameters, unencoded.
    pub query: &'a [(String, String)],
    /// Headers to sign (any case; duplicates are merged as the SDK does).
    pub headers: &'a [(String, String)],
    /// Lowercase hex SHA-256 of the body.
    pub payload_sha256: &'a str,
}

/// The intermediate strings of a V3 signature, exposed so that a mismatch can be debugged
/// by comparing them with what the gateway says it computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V3Signature {
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// `ACS3-HMAC-SHA256\n<hex sha256 of the canonical request>`.
    pub string_to_sign: String,
    /// Semicolon-separated lowercase names of the signed headers.
    pub signed_headers: String,
    /// Lowercase hex HMAC-SHA256 signature.
    pub signature: String,
    /// The complete `Authorization` header value.
    pub authorization: String,
}

/// Computes a V3 (`ACS3-HMAC-SHA256`) signature.
///
/// Headers are lowercased, their values trimmed, and headers that share a name are merged
/// into one comma-separated value with the values sorted (this is what the SDK unit-test
/// vector `d16b30a7…` exercises). The HMAC key is the bare secret, without the `&` that
/// V2 appends.
pub fn sign_v3(input: &V3Input<'_>, access_key_id: &str, secret: &str) -> V3Signature {
    let mut merged: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in input.headers {
        let name = name.to_ascii_lowercase();
        let value = value.trim().to_string();
        match merged.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => merged.push((name, vec![value])),
        }
    }
    merged.sort_by(|a, b| a.0.cmp(&b.0));
    let mut canonical_headers = String::new();
    for (name, values) in &mut merged {
        values.sort();
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(&values.join(","));
        canonical_headers.push('\n');
    }
    let signed_headers = merged
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method,
        input.path,
        canonical_query(input.query),
        canonical_headers,
        signed_headers,
        input.payload_sha256
    );
    let string_to_sign = format!(
        "{V3_ALGORITHM}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let signature = hex_lower(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()));
    let authorization = format!(
        "{V3_ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"
    );
    V3Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    }
}

/// The V2 string to sign: `METHOD&%2F&<percent-encoded canonical query>`. The canonical
/// query is encoded a second time, which is why `%3A` in a timestamp becomes `%253A`.
pub fn string_to_sign_v2(method: &str, params: &[(String, String)]) -> String {
    format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(&canonical_query(params))
    )
}

/// Computes a V2 (HMAC-SHA1) signature over every parameter in `params` (which must not
/// contain `Signature` itself) and returns it in standard Base64. The HMAC key is the
/// secret followed by `&`, as the RPC specification requires.
pub fn sign_v2(method: &str, params: &[(String, String)], secret: &str) -> String {
    let string_to_sign = string_to_sign_v2(method, params);
    let key = format!("{secret}&");
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn percent_encoding_is_rfc_3986_with_uppercase_hex() {
        assert_eq!(percent_encode(" "), "%20");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("~"), "~");
        assert_eq!(percent_encode("/"), "%2F");
        assert_eq!(percent_encode("+"), "%2B");
        assert_eq!(percent_encode(":"), "%3A");
        assert_eq!(percent_encode("描述"), "%E6%8F%8F%E8%BF%B0");
        assert_eq!(percent_encode("-_."), "-_.");
        assert_eq!(percent_encode("="), "%3D");
        assert_eq!(
            canonical_query(&pairs(&[("test", " ~/*-+")])),
            "test=%20~%2F%2A-%2B"
        );
    }

    #[test]
    fn canonical_query_sorts_bytewise() {
        let q = pairs(&[
            ("InstanceId.2", "b"),
            ("InstanceId.10", "c"),
            ("InstanceId.1", "a"),
            ("empty", ""),
        ]);
        assert_eq!(
            canonical_query(&q),
            "InstanceId.1=a&InstanceId.10=c&InstanceId.2=b&empty="
        );
    }

    fn dedicated_hosts_params() -> Vec<(String, String)> {
        pairs(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeDedicatedHosts"),
            ("Format", "JSON"),
            ("RegionId", "cn-beijing"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
            ("Version", "2014-05-26"),
        ])
    }

    #[test]
    fn v2_official_vector_describe_dedicated_hosts() {
        let params = dedicated_hosts_params();
        assert_eq!(
            string_to_sign_v2("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            sign_v2("GET", &params, "testsecret"),
            "9NaGiOspFP5UPcwX8Iwt2YJXXuk="
        );
        assert_eq!(
            sign_v2("POST", &params, "testsecret"),
            "ZvQ9xGiFnquSJRvj+WE6kdSpTwU="
        );
    }

    #[test]
    fn v2_official_vector_describe_regions_2016() {
        let params = pairs(&[
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ]);
        assert_eq!(
            sign_v2("GET", &params, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn v2_sdk_unit_test_vector() {
        let params = pairs(&[("query", "test"), ("body", "test")]);
        assert_eq!(
            string_to_sign_v2("GET", &params),
            "GET&%2F&body%3Dtest%26query%3Dtest"
        );
        assert_eq!(
            sign_v2("GET", &params, "secret"),
            "XlUyV4sXjOuX5FnjUz9IF9tm5rU="
        );
    }

    /// The CreateImagePipeline operation parameters of the requests the official Python SDK
    /// signed for the V2 and V3 vectors below.
    fn pipeline_params() -> Vec<(String, String)> {
        pairs(&[
            ("RegionId", "cn-hangzhou"),
            ("Name", "my-pipeline"),
            ("BaseImageType", "IMAGE"),
            ("BaseImage", "m-bp1234567890abcdef"),
            ("BuildContent", "RUN echo hello world"),
            ("ClientToken", "token-123"),
            ("Description", "描述 test"),
            ("AddAccount.1", "1234567890123456"),
            ("ToRegionId.1", "cn-beijing"),
            ("ToRegionId.2", "ap-southeast-1"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "dev test*~"),
            ("ImageOptions.ImageName", "out-img"),
            ("ImageOptions.ImageTags.1.Key", "a"),
            ("ImageOptions.ImageTags.1.Value", "b"),
            ("SystemDiskSize", "40"),
            ("InternetMaxBandwidthOut", "0"),
        ])
    }

    fn pipeline_v2_params() -> Vec<(String, String)> {
        let mut p = pipeline_params();
        p.extend(pairs(&[
            ("AccessKeyId", "testid"),
            ("Action", "CreateImagePipeline"),
            ("Format", "json"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "0123456789abcdef0123456789abcdef"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2024-01-01T00:00:00Z"),
            ("Version", "2014-05-26"),
        ]));
        p
    }

    #[test]
    fn v2_create_image_pipeline_vectors() {
        let params = pipeline_v2_params();
        assert_eq!(
            canonical_query(&params),
            "AccessKeyId=testid&Action=CreateImagePipeline&AddAccount.1=1234567890123456&BaseImage=m-bp1234567890abcdef&BaseImageType=IMAGE&BuildContent=RUN%20echo%20hello%20world&ClientToken=token-123&Description=%E6%8F%8F%E8%BF%B0%20test&Format=json&ImageOptions.ImageName=out-img&ImageOptions.ImageTags.1.Key=a&ImageOptions.ImageTags.1.Value=b&InternetMaxBandwidthOut=0&Name=my-pipeline&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0&SystemDiskSize=40&Tag.1.Key=env&Tag.1.Value=dev%20test%2A~&Timestamp=2024-01-01T00%3A00%3A00Z&ToRegionId.1=cn-beijing&ToRegionId.2=ap-southeast-1&Version=2014-05-26"
        );
        assert_eq!(
            sign_v2("POST", &params, "testsecret"),
            "kNM1q7bexwLt/N39MmU+k9qsc1A="
        );
        assert_eq!(
            sign_v2("GET", &params, "testsecret"),
            "nc6k/viFviUS9pWYy6bjrt0lZAg="
        );
        let mut sts = params.clone();
        sts.push(("SecurityToken".into(), "sts-token-xyz".into()));
        assert_eq!(
            sign_v2("POST", &sts, "testsecret"),
            "i/OJP78rHgBw0CtW9fI44jJsbTI="
        );
    }

    #[test]
    fn v3_official_vector_run_instances() {
        let query = pairs(&[
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
            ("RegionId", "cn-shanghai"),
        ]);
        let headers = pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
        ]);
        let sig = sign_v3(
            &V3Input {
                method: "POST",
                path: "/",
                query: &query,
                headers: &headers,
                payload_sha256: EMPTY_PAYLOAD_SHA256,
            },
            "YourAccessKeyId",
            "YourAccessKeySecret",
        );
        assert_eq!(
            sig.string_to_sign,
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            sig.authorization,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn v3_sdk_unit_test_vector_merges_duplicate_headers() {
        let query = pairs(&[("test", "ok"), ("empty", "")]);
        let headers = pairs(&[("x-acs-test", "http"), ("x-acs-TEST", "https")]);
        let sig = sign_v3(
            &V3Input {
                method: "GET",
                path: "/",
                query: &query,
                headers: &headers,
                payload_sha256: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
            },
            "acesskey",
            "secret",
        );
        assert!(sig.canonical_request.contains("\nempty=&test=ok\n"));
        assert!(sig.canonical_request.contains("\nx-acs-test:http,https\n"));
        assert_eq!(
            sig.authorization,
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1"
        );
    }

    fn pipeline_v3_headers() -> Vec<(String, String)> {
        pairs(&[
            ("host", "ecs-cn-hangzhou.aliyuncs.com"),
            ("x-acs-action", "CreateImagePipeline"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2024-01-01T00:00:00Z"),
            ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"),
            ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
        ])
    }

    #[test]
    fn v3_create_image_pipeline_vector() {
        let query = pipeline_params();
        let headers = pipeline_v3_headers();
        let sig = sign_v3(
            &V3Input {
                method: "POST",
                path: "/",
                query: &query,
                headers: &headers,
                payload_sha256: EMPTY_PAYLOAD_SHA256,
            },
            "testid",
            "testsecret",
        );
        assert_eq!(
            sha256_hex(sig.canonical_request.as_bytes()),
            "0e74534129d0b2db31ef9f734b800ac9503936bfae03ce29341193aac548cb3b"
        );
        assert_eq!(
            sig.authorization,
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=7d99a25ffd891cdbbafe5717b09ea7d2af75d762f0df88d5b15c80573f490bd3"
        );
    }

    #[test]
    fn v3_create_image_pipeline_sts_vector() {
        let query = pipeline_params();
        let mut headers = pipeline_v3_headers();
        headers.push(("x-acs-accesskey-id".into(), "testid".into()));
        headers.push(("x-acs-security-token".into(), "sts-token-xyz".into()));
        let sig = sign_v3(
            &V3Input {
                method: "POST",
                path: "/",
                query: &query,
                headers: &headers,
                payload_sha256: EMPTY_PAYLOAD_SHA256,
            },
            "testid",
            "testsecret",
        );
        assert_eq!(
            sig.authorization,
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=620085f7f0adb16030306cb61fd56c3d7fcc4ab03f645ae012825786a10d69ac"
        );
    }

    #[test]
    fn empty_payload_constant_is_the_sha256_of_nothing() {
        assert_eq!(sha256_hex(b""), EMPTY_PAYLOAD_SHA256);
    }
}
