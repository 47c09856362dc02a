//! What the fake answers with: the replies a test can script, and the queue entries they
//! become.

use std::time::Duration;

/// A scripted answer for the next signed API request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// HTTP 200 with this JSON body.
    Ok(serde_json::Value),
    /// An error in the gateway's JSON shape (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`).
    ApiError {
        /// HTTP status.
        status: u16,
        /// Error code.
        code: String,
        /// Error message.
        message: String,
    },
    /// HTTP 503 `ServiceUnavailable` now; the next request gets the default answer.
    ServiceUnavailableThenOk,
    /// HTTP 400 `Throttling.User` with `x-acs-retry-after: <ms>`.
    Throttle {
        /// The delay to ask for, in milliseconds.
        retry_after_ms: u64,
    },
    /// Wait, then answer with the inner reply (the client may time out first).
    Delay(Duration, Box<Reply>),
    /// Read the request, then close the connection without answering.
    DropConnection,
    /// HTTP 200 with a truncated JSON body.
    MalformedJson,
    /// Carry the request out as by default (create the resource, remember its ClientToken),
    /// then answer with the inner reply: the answer of a request that succeeded is lost on the
    /// way (`Delay` past the client's timeout, `MalformedJson`, `DropConnection`).
    Processed(Box<Reply>),
    /// Any status, content type and body, e.g. an XML error.
    Raw {
        /// HTTP status.
        status: u16,
        /// `Content-Type` header.
        content_type: String,
        /// The body, verbatim.
        body: String,
    },
}

impl Reply {
    /// Shorthand for [`Reply::ApiError`].
    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::ApiError {
            status,
            code: code.to_string(),
            message: message.to_string(),
        }
    }
}

/// What a queue entry does; `Default` is the per-action answer.
#[derive(Debug, Clone)]
pub(crate) enum Scripted {
    Reply(Reply),
    Default,
}
