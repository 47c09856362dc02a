//! Which failures are retried, and how long to wait before the next attempt.
//!
//! The official SDKs retry nothing by default; bclint retries the transient failures the
//! legacy SDKs retried (network errors, HTTP 5xx, `InternalError`, `UnknownError`,
//! `ServiceUnavailable`, `Throttling*`). This is only safe because the client keeps the
//! caller's parameters, including the `ClientToken`, identical across attempts, so the
//! service deduplicates a create that had in fact succeeded.

use std::time::Duration;

use crate::error::ApiError;

/// Backoff settings. The defaults suit an interactive CLI: a few hundred milliseconds for
/// a blip, a few seconds at most, and never an unbounded wait on a server's say-so.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Total attempts, including the first (1 disables retries).
    pub max_attempts: u32,
    /// First backoff step for server and network errors.
    pub base_delay: Duration,
    /// First backoff step for throttling, which needs a longer pause to help.
    pub throttle_base_delay: Duration,
    /// Cap of the exponential backoff.
    pub max_delay: Duration,
    /// A server-requested delay longer than this ends the retries instead of sleeping.
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// The policy used by [`crate::Client`] with the given attempt budget.
    pub fn with_max_attempts(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts: max_attempts.max(1),
            base_delay: Duration::from_millis(100),
            throttle_base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }

    /// Decides whether to try again after `attempt` (1-based) failed with `err`, and if so
    /// how long to sleep first. `server_delay` is what the response asked for, if anything.
    pub fn next_delay(
        &self,
        attempt: u32,
        err: &ApiError,
        server_delay: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !is_retryable(err) {
            return None;
        }
        if let Some(wait) = server_delay {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let base = if is_throttling(err) {
            self.throttle_base_delay
        } else {
            self.base_delay
        };
        let exp = base.saturating_mul(1u32 << (attempt - 1).min(16));
        let capped = exp.min(self.max_delay);
        // "Equal jitter": half fixed, half random, so retries from many clients spread out
        // without ever collapsing to zero.
        let half = capped / 2;
        let jitter = Duration::from_nanos(fastrand::u64(0..=half.as_nanos() as u64));
        Some(half + jitter)
    }
}

/// True for the failures that a later identical request may not hit.
pub fn is_retryable(err: &ApiError) -> bool {
    match err {
        ApiError::Network(_) | ApiError::Timeout(_) => true,
        ApiError::Api { status, code, .. } => {
            *status >= 500
                || is_throttling_code(code)
                || matches!(
                    code.as_str(),
                    "ServiceUnavailable" | "InternalError" | "UnknownError"
                )
        }
        ApiError::MalformedResponse { status, .. } => *status >= 500,
        ApiError::Credentials(_) | ApiError::InvalidEndpoint(_) => false,
    }
}

fn is_throttling(err: &ApiError) -> bool {
    err.code().is_some_and(is_throttling_code)
}

fn is_throttling_code(code: &str) -> bool {
    code.starts_with("Throttling")
}

/// Reads the server's requested delay: `x-acs-retry-after` in milliseconds (what the
/// SDK's throttling exception uses), else the standard `Retry-After` in seconds. HTTP-date
/// forms of `Retry-After` are ignored and fall back to the backoff.
pub fn parse_retry_after(
    x_acs_retry_after: Option<&str>,
    retry_after: Option<&str>,
) -> Option<Duration> {
    if let Some(ms) = x_acs_retry_after.and_then(|v| v.trim().parse::<u64>().ok())
        && ms > 0
    {
        return Some(Duration::from_millis(ms));
    }
    retry_after
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str) -> ApiError {
        ApiError::Api {
            status,
            code: code.into(),
            message: String::new(),
            request_id: None,
            hint: None,
        }
    }

    #[test]
    fn classification() {
        assert!(is_retryable(&ApiError::Network("reset".into())));
        assert!(is_retryable(&ApiError::Timeout("slow".into())));
        assert!(is_retryable(&api(503, "ServiceUnavailable")));
        assert!(is_retryable(&api(500, "Whatever")));
        assert!(is_retryable(&api(400, "Throttling.User")));
        assert!(is_retryable(&api(400, "InternalError")));
        assert!(!is_retryable(&api(400, "SignatureDoesNotMatch")));
        assert!(!is_retryable(&api(403, "Forbidden.RAM")));
        assert!(!is_retryable(&api(404, "ImageComponent.NotFound")));
        assert!(!is_retryable(&ApiError::MalformedResponse {
            status: 200,
            body_excerpt: String::new(),
            reason: String::new()
        }));
        assert!(is_retryable(&ApiError::MalformedResponse {
            status: 502,
            body_excerpt: String::new(),
            reason: String::new()
        }));
    }

    #[test]
    fn backoff_grows_and_stays_bounded() {
        let p = RetryPolicy::with_max_attempts(10);
        let e = api(503, "ServiceUnavailable");
        for attempt in 1..10 {
            let d = p.next_delay(attempt, &e, None).unwrap();
            let step = p
                .base_delay
                .saturating_mul(1 << (attempt - 1))
                .min(p.max_delay);
            assert!(d >= step / 2 && d <= step, "attempt {attempt}: {d:?}");
        }
        assert_eq!(p.next_delay(10, &e, None), None, "budget exhausted");
        let t = p.next_delay(1, &api(400, "Throttling"), None).unwrap();
        assert!(t >= Duration::from_millis(250));
    }

    #[test]
    fn server_delay_wins_but_is_bounded() {
        let p = RetryPolicy::with_max_attempts(3);
        let e = api(400, "Throttling.User");
        assert_eq!(
            p.next_delay(1, &e, Some(Duration::from_millis(700))),
            Some(Duration::from_millis(700))
        );
        assert_eq!(p.next_delay(1, &e, Some(Duration::from_secs(3600))), None);
        assert_eq!(p.next_delay(1, &api(400, "Forbidden.RAM"), None), None);
    }

    #[test]
    fn retry_after_headers() {
        assert_eq!(
            parse_retry_after(Some("1500"), Some("9")),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after(None, Some("2")),
            Some(Duration::from_secs(2))
        );
        assert_eq!(parse_retry_after(Some("0"), None), None);
        assert_eq!(
            parse_retry_after(None, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
    }
}
