//! A fake Alibaba Cloud endpoint on `127.0.0.1` for tests: ECS image-pipeline and
//! image-component actions, STS `AssumeRole` and the ECS instance metadata service, behind a
//! real HTTP server.
//!
//! Pipelines and components created through the API (or added with
//! [`FakeEcs::add_image_pipeline`] and [`FakeEcs::add_image_component`]) are kept and
//! described back in the service's response shapes, with its filters and paging. Any action
//! can be made to fail: once ([`FakeEcs::enqueue_for`]) or until told otherwise
//! ([`FakeEcs::fail_action`]).
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

mod actions;
mod handler;
mod http;
mod reply;
mod respond;
mod state;
mod verify;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

pub use reply::Reply;
pub use state::{FakeImage, IssuedCredentials, RecordedRequest};
pub use verify::SignatureKind;

use reply::Scripted;
use state::{State, lock};

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

    /// Queues a reply for the next correctly signed request for `action` only; it is used
    /// before the general queue ([`FakeEcs::enqueue`]). Queue several to fail several attempts.
    pub fn enqueue_for(&self, action: &str, reply: Reply) {
        self.lock()
            .action_replies
            .entry(action.to_string())
            .or_default()
            .push_back(reply);
    }

    /// Answers every correctly signed request for `action` with `reply` (throttling, a 5xx, a
    /// [`Reply::Delay`] past the client's timeout, a [`Reply::DropConnection`]…) until
    /// [`FakeEcs::recover_action`]. Replies queued with [`FakeEcs::enqueue_for`] go first.
    pub fn fail_action(&self, action: &str, reply: Reply) {
        self.lock()
            .failing_actions
            .insert(action.to_string(), reply);
    }

    /// Ends [`FakeEcs::fail_action`] for `action`.
    pub fn recover_action(&self, action: &str) {
        self.lock().failing_actions.remove(action);
    }

    /// Adds an image pipeline to `region` as `DescribeImagePipelines` reports it (the
    /// `ImagePipelineSet` item: `Name`, `BuildContent`, `ImageOptions`, `Tags.Tag[]`, …), and
    /// returns its ID: the item's `ImagePipelineId`, else a new one.
    pub fn add_image_pipeline(&self, region: &str, item: serde_json::Value) -> String {
        let mut state = self.lock();
        add_with_id(&mut state, item, "ImagePipelineId", "ip", |state, item| {
            state.pipelines.push((region.to_string(), item));
        })
    }

    /// Adds an image component to `region` as `DescribeImageComponents` reports it
    /// (`Name`, `ComponentVersion`, `ComponentType`, `SystemType`, `Content`, `Owner`,
    /// `Parameters.Parameter[]`, …), and returns its ID: the item's `ImageComponentId`, else a
    /// new one.
    pub fn add_image_component(&self, region: &str, item: serde_json::Value) -> String {
        let mut state = self.lock();
        add_with_id(&mut state, item, "ImageComponentId", "ic", |state, item| {
            state.components.push((region.to_string(), item));
        })
    }

    /// Adds an image to `region`, in `family` if given: `DescribeImages` lists it, and
    /// `DescribeImageFromFamily` answers with the last image added to its family.
    pub fn add_image(&self, region: &str, id: &str, family: Option<&str>) {
        self.lock().images.push(FakeImage {
            region: region.to_string(),
            id: id.to_string(),
            family: family.map(str::to_string),
        });
    }

    /// How many signed requests asked for `action` (whatever the answer).
    pub fn calls_of(&self, action: &str) -> usize {
        self.lock()
            .requests
            .iter()
            .filter(|r| r.action.as_deref() == Some(action))
            .count()
    }

    /// The image pipelines the fake holds (created or added), with their regions, in creation
    /// order.
    pub fn image_pipelines(&self) -> Vec<(String, serde_json::Value)> {
        self.lock().pipelines.clone()
    }

    /// The image components the fake holds (created or added), with their regions, in
    /// creation order.
    pub fn image_components(&self) -> Vec<(String, serde_json::Value)> {
        self.lock().components.clone()
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

    /// The IDs of the resources created with a ClientToken (pipelines, components,
    /// executions), each once however many
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

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

/// Stores `item` with `add`, after giving it a new `<prefix>-…` ID under `key` unless it has
/// one; returns the ID.
fn add_with_id(
    state: &mut State,
    mut item: serde_json::Value,
    key: &str,
    prefix: &str,
    add: impl FnOnce(&mut State, serde_json::Value),
) -> String {
    let id = match item.get(key).and_then(serde_json::Value::as_str) {
        Some(id) => id.to_string(),
        None => {
            let id = format!("{prefix}-fake{:012}", state.next_id());
            item[key] = serde_json::Value::String(id.clone());
            id
        }
    };
    add(state, item);
    id
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
