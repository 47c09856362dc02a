//! Endpoint selection and validation of endpoint overrides.
//!
//! The default host for a region follows the endpoint map of the official ECS SDK
//! (`_endpoint_map` in `Client.__init__` of the Python package `alibabacloud-ecs20140526`),
//! so bclint talks to the same host the official SDK would. An override lets tests point
//! the client at a loopback fake; plain `http` is refused for anything but loopback so that
//! a typo can never send signed requests and STS tokens over the internet unencrypted.

use std::net::IpAddr;

use crate::error::ApiError;

/// Regions that the ECS SDK maps to `ecs-cn-hangzhou.aliyuncs.com`.
const HANGZHOU_GROUP: &[&str] = &[
    "cn-hangzhou",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-fujian",
    "cn-beijing-nu16-b01",
];

/// Regions that the ECS SDK maps to the central endpoint `ecs.aliyuncs.com`.
const CENTRAL_GROUP: &[&str] = &[
    "cn-north-2-gov-1",
    "cn-beijing-gov-1",
    "cn-hangzhou-finance",
    "cn-wuhan",
    "cn-zhangbei",
    "cn-shanghai-inner",
    "cn-shenzhen-inner",
    "cn-yushanfang",
    "rus-west-1-pop",
    "ap-northeast-2-pop",
    "cn-beijing-finance-pop",
    "cn-hongkong-finance-pop",
];

/// Returns the ECS API host the official SDK uses for `region`: the endpoint map's entry
/// when there is one, otherwise `ecs.<region>.aliyuncs.com`.
pub fn endpoint_for_region(region: &str) -> String {
    if HANGZHOU_GROUP.contains(&region) {
        return "ecs-cn-hangzhou.aliyuncs.com".to_string();
    }
    if CENTRAL_GROUP.contains(&region) {
        return "ecs.aliyuncs.com".to_string();
    }
    match region {
        "cn-edge-1" | "cn-huhehaote-nebula-1" | "cn-zhengzhou-nebula-1" => {
            "ecs.cn-qingdao-nebula.aliyuncs.com".to_string()
        }
        "cn-zhangjiakou-na62-a01" => "ecs.cn-zhangjiakou.aliyuncs.com".to_string(),
        "eu-west-1-oxs" => "ecs.cn-shenzhen-cloudstone.aliyuncs.com".to_string(),
        _ => format!("ecs.{region}.aliyuncs.com"),
    }
}

/// A validated base URL: the scheme and the authority (`host` or `host:port`), which is
/// also the value of the signed `host` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https`, or `http` for loopback only.
    pub scheme: &'static str,
    /// Host and optional port, exactly as sent in the `host` header.
    pub authority: String,
}

impl BaseUrl {
    /// The URL of the RPC root (`<scheme>://<authority>/`).
    pub fn root(&self) -> String {
        format!("{}://{}/", self.scheme, self.authority)
    }

    /// True when the host is a loopback address, so proxies must be bypassed.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(host_of(&self.authority))
    }
}

/// Parses an endpoint override: a bare host (`ecs.cn-beijing.aliyuncs.com`), a host with a
/// port, or a URL with an `https://` or `http://` scheme. A trailing `/` is accepted; any
/// other path, query or user info is rejected because the RPC root is always `/`.
pub fn parse_endpoint(raw: &str) -> Result<BaseUrl, ApiError> {
    let trimmed = raw.trim();
    let invalid = |why: &str| ApiError::InvalidEndpoint(format!("endpoint `{trimmed}`: {why}"));
    let (scheme, rest) = if let Some(rest) = trimmed.strip_prefix("https://") {
        ("https", rest)
    } else if let Some(rest) = trimmed.strip_prefix("http://") {
        ("http", rest)
    } else if trimmed.contains("://") {
        return Err(invalid(
            "only https:// (or http:// for loopback) is supported",
        ));
    } else {
        ("https", trimmed)
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() {
        return Err(invalid("the host is empty"));
    }
    if authority.contains(['/', '?', '#', '@']) || authority.chars().any(char::is_whitespace) {
        return Err(invalid(
            "expected a host or host:port without a path, query or user name",
        ));
    }
    let host = host_of(authority);
    if host.is_empty() {
        return Err(invalid("the host is empty"));
    }
    if let Some(port) = port_of(authority)
        && port.parse::<u16>().is_err()
    {
        return Err(invalid("the port is not a number between 0 and 65535"));
    }
    if scheme == "http" && !is_loopback_host(host) {
        return Err(invalid(
            "plain http:// is only allowed for loopback addresses (127.0.0.0/8, ::1, localhost); use https://",
        ));
    }
    Ok(BaseUrl {
        scheme,
        authority: authority.to_string(),
    })
}

/// The host part of an authority, without brackets for IPv6 literals.
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    match authority.rsplit_once(':') {
        Some((host, _)) => host,
        None => authority,
    }
}

/// The port part of an authority, if any.
fn port_of(authority: &str) -> Option<&str> {
    if authority.starts_with('[') {
        return authority.rsplit_once("]:").map(|(_, p)| p);
    }
    authority.rsplit_once(':').map(|(_, p)| p)
}

/// True for `localhost`, `127.0.0.0/8` and `::1`.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_table_matches_the_sdk() {
        assert_eq!(
            endpoint_for_region("cn-hangzhou"),
            "ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            endpoint_for_region("cn-fujian"),
            "ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(endpoint_for_region("cn-wuhan"), "ecs.aliyuncs.com");
        assert_eq!(endpoint_for_region("cn-beijing-gov-1"), "ecs.aliyuncs.com");
        assert_eq!(
            endpoint_for_region("cn-beijing"),
            "ecs.cn-beijing.aliyuncs.com"
        );
        assert_eq!(
            endpoint_for_region("ap-southeast-1"),
            "ecs.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            endpoint_for_region("eu-west-1-oxs"),
            "ecs.cn-shenzhen-cloudstone.aliyuncs.com"
        );
        assert_eq!(
            endpoint_for_region("cn-edge-1"),
            "ecs.cn-qingdao-nebula.aliyuncs.com"
        );
    }

    #[test]
    fn overrides_default_to_https() {
        let b = parse_endpoint("ecs.cn-beijing.aliyuncs.com").unwrap();
        assert_eq!(b.root(), "https://ecs.cn-beijing.aliyuncs.com/");
        let b = parse_endpoint("https://example.com:8443/").unwrap();
        assert_eq!(b.authority, "example.com:8443");
        assert!(!b.is_loopback());
    }

    #[test]
    fn http_is_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://localhost:9",
            "http://[::1]:8080",
        ] {
            let b = parse_endpoint(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(b.scheme, "http");
            assert!(b.is_loopback(), "{ok}");
        }
        for bad in [
            "http://ecs.aliyuncs.com",
            "http://10.0.0.1:80",
            "http://100.100.100.200",
        ] {
            let err = parse_endpoint(bad).unwrap_err().to_string();
            assert!(err.contains("only allowed for loopback"), "{bad}: {err}");
        }
    }

    #[test]
    fn malformed_overrides_are_rejected() {
        for bad in [
            "",
            "ftp://x",
            "https://",
            "https://x/path",
            "x?y",
            "user@x",
            "x:port",
        ] {
            assert!(
                matches!(parse_endpoint(bad), Err(ApiError::InvalidEndpoint(_))),
                "{bad}"
            );
        }
    }
}
