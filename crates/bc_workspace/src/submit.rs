//! Submitting a pipeline or a component: the one code path behind `bclint submit` and the
//! language server's `bclint.submit` command.
//!
//! [`plan_manifest`] reads and lints the manifest and the files it names and builds the exact
//! request parameters; it refuses while an error-severity finding remains. [`connect`] resolves
//! credentials through the official chain and builds the client; [`create`] sends the plan, and
//! the caller may then start the pipeline with [`bc_aliyun::Client`] and [`follow`] the build.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bc_aliyun::credentials::{CredentialSources, CredentialsError, resolve};
use bc_aliyun::{ApiError, Client, ClientOptions, Credentials, ExecutionStatus, SignatureVersion};
use bc_lint::{Diagnostic, Severity};
use bc_pipeline::{TemplateRole, parse_manifest, to_request_params};
use bc_syntax::FileKind;

use crate::files::{ReadError, SourceKind, read_source};
use crate::manifest::{load_component_content, load_templates};
use crate::settings::{Discovery, SettingsError};

/// The findings of one file that was checked before submitting.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its text (findings point into it).
    pub source: String,
    /// What the linter found.
    pub diagnostics: Vec<Diagnostic>,
}

/// A validated submission, ready to send.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `CreateImagePipeline`, or `CreateImageComponent` for a component manifest.
    pub action: &'static str,
    /// The manifest.
    pub manifest_path: PathBuf,
    /// The region (`RegionId`); empty for a component manifest without one, which the caller
    /// fills in from the pipelines submitted with it.
    pub region: String,
    /// The `ClientToken` sent with the request (and reused by retries).
    pub client_token: String,
    /// The CreateImagePipeline parameters, flattened as the official SDK sends them.
    pub params: Vec<(String, String)>,
    /// Every file checked, with its findings below the error level (warnings, infos).
    pub reports: Vec<FileReport>,
    /// The template files the manifest names (inline templates have none).
    pub templates: Vec<(TemplateRole, PathBuf)>,
}

impl Plan {
    /// Whether the plan creates a component (`CreateImageComponent`) rather than a pipeline.
    pub fn is_component(&self) -> bool {
        self.action == COMPONENT_ACTION
    }

    /// What the plan creates, as messages name it.
    pub fn creates(&self) -> &'static str {
        if self.is_component() {
            "image component"
        } else {
            "image pipeline"
        }
    }
}

const COMPONENT_ACTION: &str = "CreateImageComponent";

/// Why there is nothing to send.
#[derive(Debug)]
pub enum PlanError {
    /// The manifest could not be read.
    Read(PathBuf, ReadError),
    /// A settings file is broken.
    Settings(SettingsError),
    /// Error-severity findings remain; nothing is sent while they do.
    Findings(Vec<FileReport>),
    /// The manifest names a template that was not read (missing, refused, outside the
    /// repository) while the rules that report it are turned off. Sending the manifest without
    /// that template would create a different pipeline from the one the manifest describes.
    TemplateNotRead(PathBuf),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::Read(path, error) => write!(f, "{}: {error}", path.display()),
            PlanError::Settings(error) => write!(f, "{error}"),
            PlanError::TemplateNotRead(path) => write!(
                f,
                "refusing to submit: the manifest names `{}`, which was not read",
                path.display()
            ),
            PlanError::Findings(reports) => {
                let errors = reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                write!(
                    f,
                    "refusing to submit: {errors} error{} must be fixed first",
                    if errors == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl std::error::Error for PlanError {}

/// Plans the manifest at `manifest_path` by its kind: [`plan_component`] for a component manifest
/// (`*.imagecomponent.toml`), [`plan`] for a pipeline manifest.
pub fn plan_manifest(
    manifest_path: &Path,
    discovery: &Discovery,
    client_token: Option<&str>,
) -> Result<Plan, PlanError> {
    if SourceKind::from_path(manifest_path) == Some(SourceKind::ComponentManifest) {
        plan_component(manifest_path, discovery, client_token)
    } else {
        plan(manifest_path, discovery, client_token)
    }
}

/// Reads and lints `manifest_path` and the templates it references with the settings that apply
/// to each, then renders the wire forms and builds the request parameters.
///
/// `client_token` overrides the manifest's; with neither, a new UUID is used, so that retries of
/// this one submission are idempotent while a new invocation creates a new pipeline.
pub fn plan(
    manifest_path: &Path,
    discovery: &Discovery,
    client_token: Option<&str>,
) -> Result<Plan, PlanError> {
    let text =
        read_source(manifest_path).map_err(|e| PlanError::Read(manifest_path.to_owned(), e))?;
    let settings = discovery
        .settings_for(manifest_path)
        .map_err(PlanError::Settings)?;
    let (templates, resolved) = load_templates(
        manifest_path,
        &text,
        settings.allow_outside_repository,
        &|_| None,
    );
    let config = settings.config_for(manifest_path);
    let mut reports = vec![FileReport {
        path: manifest_path.to_owned(),
        diagnostics: bc_pipeline::lint_manifest(&text, &templates, &config),
        source: text.clone(),
    }];
    let mut wire = HashMap::new();
    for template in &resolved {
        let Some(source) = &template.source else {
            continue;
        };
        let settings = discovery
            .settings_for(&template.path)
            .map_err(PlanError::Settings)?;
        let config = settings.config_for(&template.path);
        let kind = FileKind::from_file_name(&template.written)
            .unwrap_or_else(|| template.role.file_kind());
        let parse = bc_syntax::parse(source, kind);
        wire.insert(template.role, bc_syntax::render(&parse));
        reports.push(FileReport {
            path: template.path.clone(),
            diagnostics: bc_lint::lint(&parse, &config),
            source: source.clone(),
        });
    }
    let has_errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    let manifest = match parse_manifest(&text).manifest {
        Some(manifest) if !has_errors => manifest,
        _ => return Err(PlanError::Findings(reports)),
    };
    if let Some(unread) = resolved.iter().find(|template| template.source.is_none()) {
        return Err(PlanError::TemplateNotRead(unread.path.clone()));
    }
    let client_token = client_token
        .map(str::to_owned)
        .or_else(|| {
            manifest
                .client_token
                .as_ref()
                .map(|token| token.value.clone())
        })
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let params = to_request_params(
        &manifest,
        wire.get(&TemplateRole::Build).map(String::as_str),
        wire.get(&TemplateRole::Test).map(String::as_str),
        &client_token,
    );
    let region = manifest
        .region
        .as_ref()
        .map(|r| r.value.clone())
        .unwrap_or_default();
    Ok(Plan {
        action: "CreateImagePipeline",
        manifest_path: manifest_path.to_owned(),
        region,
        client_token,
        params,
        reports,
        templates: resolved
            .iter()
            .map(|template| (template.role, template.path.clone()))
            .collect(),
    })
}

/// Reads and lints a component manifest (`*.imagecomponent.toml`) and the component it
/// describes, like [`plan`] does a pipeline manifest, and builds the CreateImageComponent
/// parameters with the component's exact text as `Content`.
pub fn plan_component(
    manifest_path: &Path,
    discovery: &Discovery,
    client_token: Option<&str>,
) -> Result<Plan, PlanError> {
    use bc_pipeline::component::{
        ContentFile, lint_component_manifest, parse_component_manifest, to_component_params,
    };
    let text =
        read_source(manifest_path).map_err(|e| PlanError::Read(manifest_path.to_owned(), e))?;
    let settings = discovery
        .settings_for(manifest_path)
        .map_err(PlanError::Settings)?;
    let (content_file, content) =
        load_component_content(manifest_path, &text, settings.allow_outside_repository);
    let config = settings.config_for(manifest_path);
    let mut reports = vec![FileReport {
        path: manifest_path.to_owned(),
        diagnostics: lint_component_manifest(&text, &content_file, &config),
        source: text.clone(),
    }];
    let manifest = parse_component_manifest(&text).manifest;
    if let (Some((path, source)), Some(manifest)) = (&content, &manifest) {
        let config = discovery
            .settings_for(path)
            .map_err(PlanError::Settings)?
            .config_for(path);
        let diagnostics = match content_file {
            ContentFile::Read(bc_component::link::ComponentFormat::Yaml) => {
                let options = bc_component::Options {
                    system: manifest.system_type(),
                    config,
                };
                bc_component::lint(&bc_component::parse(source), &options)
            }
            _ => bc_lint::lint(&bc_syntax::parse(source, FileKind::Component), &config),
        };
        reports.push(FileReport {
            path: path.clone(),
            diagnostics,
            source: source.clone(),
        });
    }
    let has_errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    let (Some(manifest), Some((_, source)), false) = (manifest, content, has_errors) else {
        return Err(PlanError::Findings(reports));
    };
    let client_token = client_token
        .map(str::to_owned)
        .or_else(|| manifest.client_token.as_ref().map(|t| t.value.clone()))
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let stem = manifest_path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".imagecomponent.toml"))
        .unwrap_or_default();
    let params = to_component_params(&manifest, stem, &source, &client_token);
    Ok(Plan {
        action: COMPONENT_ACTION,
        manifest_path: manifest_path.to_owned(),
        region: manifest
            .region
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        client_token,
        params,
        reports,
        templates: Vec::new(),
    })
}

/// What a create request made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new component's (`ic-…`) or pipeline's (`ip-…`) ID.
    pub id: String,
    /// Request ID of the successful attempt.
    pub request_id: Option<String>,
    /// The client token used, which a retry must reuse.
    pub client_token: String,
}

/// Sends the request of `plan`: `CreateImageComponent` or `CreateImagePipeline`.
pub async fn create(client: &Client, plan: &Plan) -> Result<Created, ApiError> {
    if plan.is_component() {
        let created = client.create_image_component(&plan.params).await?;
        Ok(Created {
            id: created.image_component_id,
            request_id: created.request_id,
            client_token: created.client_token,
        })
    } else {
        let created = client.create_image_pipeline(&plan.params).await?;
        Ok(Created {
            id: created.image_pipeline_id,
            request_id: created.request_id,
            client_token: created.client_token,
        })
    }
}

/// How to reach the API.
#[derive(Debug, Clone)]
pub struct Connection {
    /// An endpoint override (`http://` only for loopback addresses).
    pub endpoint: Option<String>,
    /// The credentials profile (`--profile`), else `ALIBABA_CLOUD_PROFILE`, else the default.
    pub profile: Option<String>,
    /// Signature version.
    pub signature: SignatureVersion,
    /// Time allowed per attempt.
    pub timeout: Duration,
    /// The credential sources (environment snapshot, home directory); tests pass their own.
    pub sources: CredentialSources,
}

impl Connection {
    /// A connection that reads credentials from this process's environment and home directory.
    pub fn from_process() -> Connection {
        Connection {
            endpoint: None,
            profile: None,
            signature: SignatureVersion::V3,
            timeout: Duration::from_secs(30),
            sources: CredentialSources::from_process(),
        }
    }

    pub(crate) fn options(&self, region: &str) -> ClientOptions {
        let mut options = ClientOptions::new(region);
        options.endpoint = self.endpoint.clone();
        options.signature = self.signature;
        options.timeout = self.timeout;
        options
    }
}

/// Resolves credentials (reporting which source gave them) and builds the client for `region`.
pub async fn connect(connection: &Connection, region: &str) -> Result<(Client, String), ApiError> {
    let mut sources = connection.sources.clone();
    if connection.profile.is_some() {
        sources.profile = connection.profile.clone();
    }
    let (credentials, provider) = resolve(&sources).await.map_err(ApiError::Credentials)?;
    Ok((
        Client::new(connection.options(region), credentials)?,
        provider,
    ))
}

/// How long before temporary credentials expire [`follow`] fetches new ones. STS issues them for
/// at least 15 minutes and the metadata service for hours, so this leaves room for a slow poll.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// Polls an execution every `interval` until it reaches a final status, calling `on_status` with
/// every status read.
///
/// A build often outlives temporary credentials (a RAM role's, from STS or the instance metadata
/// service), so they are fetched again through the chain when they are about to expire, and once
/// more when the service says they have; long-term AccessKeys are never re-read.
pub async fn follow(
    connection: &Connection,
    mut client: Client,
    region: &str,
    pipeline: &str,
    execution: &str,
    interval: Duration,
    mut on_status: impl FnMut(&ExecutionStatus),
) -> Result<ExecutionStatus, ApiError> {
    loop {
        if client
            .credentials()
            .expire_within(SystemTime::now(), REFRESH_MARGIN)
        {
            client = connect(connection, region).await?.0;
        }
        let status = match client
            .describe_image_pipeline_executions(region, pipeline, execution)
            .await
        {
            Err(error) if error.is_expired_credentials() && client.credentials().is_temporary() => {
                client = connect(connection, region).await?.0;
                client
                    .describe_image_pipeline_executions(region, pipeline, execution)
                    .await?
            }
            other => other?,
        };
        on_status(&status);
        if status.is_terminal() {
            return Ok(status);
        }
        tokio::time::sleep(interval).await;
    }
}

/// The exact request `plan` would send, with the secret, token and signature redacted. Works
/// without credentials (a placeholder key id is shown), because a dry run should not need any.
pub async fn dry_run(connection: &Connection, plan: &Plan) -> Result<String, ApiError> {
    let client = match connect(connection, &plan.region).await {
        Ok((client, _)) => client,
        Err(ApiError::Credentials(CredentialsError { .. })) => Client::new(
            connection.options(&plan.region),
            Credentials::new("<no credentials found>", "unused-in-dry-run"),
        )?,
        Err(other) => return Err(other),
    };
    Ok(client.dry_run(plan.action, &plan.params).to_string())
}
