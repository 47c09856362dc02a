//! What the server threads share: the keys the fake accepts, the scripted replies, the
//! requests it recorded and the resources it created.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::reply::{Reply, Scripted};
use crate::verify::SignatureKind;

/// A request as the fake saw it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Decoded query parameters in the order sent.
    pub query: Vec<(String, String)>,
    /// Headers with lowercase names, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The action, from `x-acs-action` (V3) or `Action` (V2); `None` for metadata requests.
    pub action: Option<String>,
    /// The AccessKey ID the request was signed with.
    pub access_key_id: Option<String>,
    /// The signature scheme, `None` for unsigned (metadata) requests.
    pub signature_kind: Option<SignatureKind>,
    /// True when the signature (and timestamp, nonce and token) checked out.
    pub signature_valid: bool,
    /// Why verification failed, for assertion messages.
    pub signature_error: Option<String>,
}

impl RecordedRequest {
    /// The first header with this (lowercase) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first query parameter with this name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The signature nonce, from whichever scheme was used.
    pub fn nonce(&self) -> Option<&str> {
        self.header("x-acs-signature-nonce")
            .or_else(|| self.param("SignatureNonce"))
    }
}

/// Temporary credentials the fake hands out (STS and the metadata service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCredentials {
    /// Temporary AccessKey ID.
    pub access_key_id: String,
    /// Its secret.
    pub access_key_secret: String,
    /// The STS token that must accompany it.
    pub security_token: String,
}

/// Everything the server threads share.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub secrets: HashMap<String, String>,
    pub tokens: HashMap<String, String>,
    pub queue: VecDeque<Scripted>,
    pub requests: Vec<RecordedRequest>,
    pub statuses: Vec<String>,
    pub describe_calls: HashMap<String, usize>,
    pub counter: u64,
    pub seen_nonces: std::collections::HashSet<String>,
    /// ClientToken → (action and parameters fingerprint, resource ID).
    pub idempotency: HashMap<String, (String, String)>,
    pub sts: Option<IssuedCredentials>,
    pub instance_role: Option<(String, IssuedCredentials)>,
    pub imds_tokens: Vec<String>,
    /// How long credentials issued by `AssumeRole` live (one hour when unset).
    pub credential_lifetime: Option<Duration>,
    /// Temporary AccessKey ID → when it stops being accepted.
    pub expiries: HashMap<String, std::time::Instant>,
    /// The OIDC token `AssumeRoleWithOIDC` accepts (none by default).
    pub oidc_token: Option<String>,
    /// What `GET /credentials` (a credentials URI) answers with (404 when unset).
    pub uri_credentials: Option<IssuedCredentials>,
    /// Replies scripted for the next requests of one action, used before the general queue.
    pub action_replies: HashMap<String, VecDeque<Reply>>,
    /// Actions that answer every request with this reply until told otherwise.
    pub failing_actions: HashMap<String, Reply>,
    /// Image pipelines by region, in creation order, as `DescribeImagePipelines` reports them.
    pub pipelines: Vec<(String, serde_json::Value)>,
    /// Image components by region, in creation order, as `DescribeImageComponents` reports them.
    pub components: Vec<(String, serde_json::Value)>,
    /// The images `DescribeImages` and `DescribeImageFromFamily` know (none by default).
    pub images: Vec<FakeImage>,
}

/// An image the fake's region holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeImage {
    /// The region holding it.
    pub region: String,
    /// `ImageId`.
    pub id: String,
    /// `ImageFamily`, if it belongs to one.
    pub family: Option<String>,
}

impl State {
    pub fn next_id(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }
}

/// Locks the state, recovering from a panic in another holder (a failing test must not
/// turn every later assertion into a poison error).
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
