//! Alibaba Cloud ECS API client for bclint.
//!
//! It signs requests the way the official SDKs do (V3 `ACS3-HMAC-SHA256` by default, V2
//! HMAC-SHA1 on request), finds credentials through the official default chain, retries
//! transient failures while keeping the `ClientToken`, and turns error bodies into typed
//! errors with a hint for the common codes. Secrets are wrapped in [`Secret`] and never
//! appear in `Debug`, `Display`, dry-run output or error messages.
//!
//! Module map: [`sign`] (pure signing functions, pinned by the official test vectors),
//! [`endpoint`] (region → host and override validation), [`credentials`] (the chain),
//! [`retry`] (what is retried and the backoff), [`error`] (typed errors and hints), the
//! client itself, and one module per resource it describes or creates beyond pipelines
//! (components, described pipelines, images).

mod client;
mod components;
pub mod credentials;
mod describe;
pub mod endpoint;
pub mod error;
mod http;
mod images;
mod pipelines;
pub mod retry;
pub mod sign;
pub mod timestamp;

pub use client::{
    ApiResponse, Client, ClientOptions, CreatedPipeline, ECS_API_VERSION, ExecutionStatus,
    PreparedRequest, SignatureVersion, StartedExecution,
};
pub use components::{
    ComponentFilter, ComponentParameter, CreatedComponent, ImageComponent, MAX_IDS_PER_CALL,
};
pub use credentials::{CredentialSources, Credentials, CredentialsError, Secret};
pub use endpoint::endpoint_for_region;
pub use error::ApiError;
pub use http::DEFAULT_USER_AGENT;
pub use images::Image;
pub use pipelines::{
    ImagePipeline, PipelineAdvancedOptions, PipelineDiskMapping, PipelineFilter,
    PipelineImageOptions, PipelineImportOptions,
};
