//! A fake Alibaba Cloud endpoint on `127.0.0.1` for tests: ECS image-pipeline actions,
//! STS `AssumeRole` and the ECS instance metadata service, behind a real HTTP server.
//!
//! Every signed request is verified (V3 and V2) by this crate's own implementation of the
//! signing rules, recorded, and answered either with the next queued [`Reply`] or with a
//! plausible default for its action. Because it is a real server on loopback, the client
//! under test runs its whole stack: DNS-free connect, TLS-less HTTP/1.1, timeouts, retries.
//!
//! ```no_run
//! use std::collections::HashMap;
//! let fake = ecs_fake::FakeEcs::start(HashMap::from([("testid".into(), "testsecret".into())]));
//! fake.enqueue(ecs_fake::Reply::ServiceUnavailableThenOk);
//! println!("{}", fake.url()); // http://127.0.0.1:PORT
//! ```

mod handler;
mod http;
mod images;
mod verify;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

pub use images::FakeImage;
pub use verify::SignatureKind;

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

/// What a queue entry does; `Default` is the per-action answer.
#[derive(Debug, Clone)]
pub(crate) enum Scripted {
    Reply(Reply),
    Default,
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
    /// The images `DescribeImages` and `DescribeImageFromFamily` know (none by default).
    pub images: Vec<FakeImage>,
}

impl State {
    pub fn next_id(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }
}

/// The running fake. Dropping it stops the server.
#[derive(Debug)]
pub struct FakeEcs {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeEcs {
    /// Starts a server on `127.0.0.1:<free port>` that accepts the given AccessKey pairs.
    /// It runs on its own thread and runtime, so it works from sync and async tests alike.
    pub fn start(secret_for: HashMap<String, String>) -> FakeEcs {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("set the listener non-blocking");
        let addr = listener.local_addr().expect("listener address");
        let state = Arc::new(Mutex::new(State {
            secrets: secret_for,
            statuses: vec!["PREPARING".into(), "BUILDING".into(), "SUCCESS".into()],
            ..State::default()
        }));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let thread_state = Arc::clone(&state);
        let thread = std::thread::Builder::new()
            .name("ecs-fake".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("build the fake's runtime");
                runtime.block_on(handler::serve(listener, thread_state, rx));
            })
            .expect("spawn the fake's thread");
        FakeEcs {
            addr,
            state,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// Starts a server that accepts one AccessKey pair.
    pub fn with_key(access_key_id: &str, secret: &str) -> FakeEcs {
        FakeEcs::start(HashMap::from([(
            access_key_id.to_string(),
            secret.to_string(),
        )]))
    }

    /// `http://127.0.0.1:PORT`, to use as the client's endpoint override.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queues a reply for the next correctly signed API request.
    pub fn enqueue(&self, reply: Reply) {
        self.lock().queue.push_back(Scripted::Reply(reply));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// Signed API requests only (metadata requests left out).
    pub fn api_requests(&self) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.signature_kind.is_some())
            .collect()
    }

    /// The IDs of the resources created (pipelines, executions), each once however many
    /// requests carried its ClientToken.
    pub fn created_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .lock()
            .idempotency
            .values()
            .map(|(_, id)| id.clone())
            .collect();
        ids.sort();
        ids
    }

    /// Accepts temporary credentials, which must come with their STS token.
    pub fn add_temporary_key(&self, creds: &IssuedCredentials) {
        let mut state = self.lock();
        state
            .secrets
            .insert(creds.access_key_id.clone(), creds.access_key_secret.clone());
        state
            .tokens
            .insert(creds.access_key_id.clone(), creds.security_token.clone());
    }

    /// The statuses successive `DescribeImagePipelineExecutions` calls report for an
    /// execution; the last one repeats. Default: `PREPARING`, `BUILDING`, `SUCCESS`.
    pub fn set_execution_statuses(&self, statuses: &[&str]) {
        self.lock().statuses = statuses.iter().map(|s| s.to_string()).collect();
    }

    /// The credentials `AssumeRole` returns (else fresh ones per call). They are accepted
    /// by the fake from then on, with their token.
    pub fn set_sts_credentials(&self, creds: IssuedCredentials) {
        self.lock().sts = Some(creds);
    }

    /// Credentials `AssumeRole` issues from now on live for `lifetime`: their `Expiration`
    /// says so (rounded up to the second), and requests signed with them afterwards are refused
    /// with `InvalidSecurityToken.Expired`, as the service does.
    pub fn set_credential_lifetime(&self, lifetime: Duration) {
        self.lock().credential_lifetime = Some(lifetime);
    }

    /// The OIDC token `AssumeRoleWithOIDC` accepts; it then issues role credentials as
    /// `AssumeRole` does (see [`FakeEcs::set_sts_credentials`]).
    pub fn set_oidc_token(&self, token: &str) {
        self.lock().oidc_token = Some(token.to_string());
    }

    /// Serves `creds` at `GET /credentials`, as a credentials URI
    /// (`ALIBABA_CLOUD_CREDENTIALS_URI`) does; they are accepted from then on, with their token.
    pub fn set_uri_credentials(&self, creds: IssuedCredentials) {
        self.add_temporary_key(&creds);
        self.lock().uri_credentials = Some(creds);
    }

    /// Attaches an instance RAM role to the fake metadata service (none by default). Its
    /// credentials are accepted by the fake from then on, with their token.
    pub fn set_instance_role(&self, role: &str, creds: IssuedCredentials) {
        self.add_temporary_key(&creds);
        self.lock().instance_role = Some((role.to_string(), creds));
    }

    /// Adds an image to the region, in `family` if given: `DescribeImages` lists it, and
    /// `DescribeImageFromFamily` answers with the last image added to its family.
    pub fn add_image(&self, id: &str, family: Option<&str>) {
        self.lock().images.push(FakeImage {
            id: id.to_string(),
            family: family.map(str::to_string),
        });
    }

    /// How many signed requests asked for `action`.
    pub fn calls_of(&self, action: &str) -> usize {
        self.lock()
            .requests
            .iter()
            .filter(|r| r.action.as_deref() == Some(action))
            .count()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

/// Locks the state, recovering from a panic in another holder (a failing test must not
/// turn every later assertion into a poison error).
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Drop for FakeEcs {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
