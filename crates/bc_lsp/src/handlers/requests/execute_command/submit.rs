//! `bclint.submit`: validates and submits a manifest through [`bc_workspace::submit`], the code
//! path of `bclint submit`, reporting `$/progress` and the result with `window/showMessage`.
//!
//! The manifest is the document itself (`imagepipeline.toml`, `*.imagepipeline.toml`, or a
//! component manifest `*.imagecomponent.toml`, which creates the component) or, for a template,
//! the nearest manifest of the project index whose `build`/`test` names it (in its directory,
//! then in its parents, then elsewhere in the repository). Like the CLI, it reads the files from
//! disk and refuses while error-severity findings remain.
//!
//! Linting runs on the blocking pool and the request over the network is awaited without any
//! server lock held, so the editor keeps working while a submission is in flight.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use bc_aliyun::ApiError;
use bc_lint::Severity;
use bc_workspace::files::SourceKind;
use bc_workspace::submit::{
    Connection, Created, FileReport, Plan, PlanError, connect, create, dry_run, plan_manifest,
};
use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{MessageType, NumberOrString, ProgressToken};

use crate::features::manifest;
use crate::session::State;
use crate::workspace_commands::Args;

/// The environment variable that points submissions at another endpoint (editor tests use it to
/// reach a fake); the command's `endpoint` argument wins over it.
pub const ENDPOINT_VAR: &str = "BCLINT_ECS_ENDPOINT";

/// How many findings a refusal lists.
const LISTED_FINDINGS: usize = 3;

/// Submits the manifest named by (or referencing) `args.uri`.
pub async fn submit(
    client: &Client,
    state: &Arc<State>,
    progress: bool,
    args: Args,
) -> Result<Option<Value>> {
    let manifest_path = match find_manifest(state, &args).await {
        Ok(path) => path,
        Err(message) => return fail(client, message).await,
    };
    let name = manifest_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reporter = Reporter::begin(client, state, progress, &name).await;
    reporter.report("Linting").await;
    let planned = {
        let state = state.clone();
        let path = manifest_path.clone();
        tokio::task::spawn_blocking(move || plan_manifest(&path, &state.discovery, None)).await
    };
    let planned = match planned {
        // Only a component manifest may leave out the region; the CLI then takes the region of
        // the pipelines submitted with it, but here the manifest is submitted alone.
        Ok(Ok(plan)) if plan.region.is_empty() => {
            reporter.end("Refused").await;
            let message = format!(
                "bclint: cannot submit {name}: it has no `region`; set one in the manifest \
                 (`bclint submit` can also take it from a pipeline manifest submitted with it)"
            );
            return fail(client, message).await;
        }
        Ok(Ok(plan)) => plan,
        Ok(Err(error)) => {
            reporter.end("Refused").await;
            return fail(client, refusal(&error)).await;
        }
        Err(join) => {
            reporter.end("Failed").await;
            return fail(
                client,
                format!("bclint: internal error while linting: {join}"),
            )
            .await;
        }
    };
    let connection = Connection {
        endpoint: args
            .endpoint
            .clone()
            .or_else(|| std::env::var(ENDPOINT_VAR).ok().filter(|v| !v.is_empty())),
        profile: args.profile.clone(),
        ..Connection::from_process()
    };
    reporter.report("Signing and sending").await;
    let outcome = send(&connection, &planned, args.dry_run).await;
    reporter
        .end(if outcome.is_ok() { "Done" } else { "Failed" })
        .await;
    match outcome {
        Ok(Sent::DryRun(request)) => {
            client.show_message(MessageType::INFO, &request).await;
            Ok(Some(json!({ "dryRun": true, "request": request })))
        }
        Ok(Sent::Created(created)) => {
            client
                .show_message(
                    MessageType::INFO,
                    format!(
                        "Created {} {} (request id {})",
                        planned.creates(),
                        created.id,
                        created.request_id.as_deref().unwrap_or("-")
                    ),
                )
                .await;
            let key = if planned.is_component() {
                "imageComponentId"
            } else {
                "imagePipelineId"
            };
            Ok(Some(json!({
                key: created.id,
                "requestId": created.request_id,
                "clientToken": created.client_token,
            })))
        }
        Err(error) if args.dry_run => fail(client, format!("bclint: submit failed: {error}")).await,
        // A timeout or a garbled answer may hide a created pipeline or component, and the next
        // submission gets a new token unless the manifest fixes one, so say which token to reuse.
        Err(error) => {
            let token = &planned.client_token;
            let message = format!(
                "bclint: submit failed: {error}. The request used client token {token}; to \
                 retry without risking a second {}, set client_token = \"{token}\" in {name} \
                 (or run: bclint submit --client-token {token} {})",
                planned.creates(),
                planned.manifest_path.display()
            );
            fail(client, message).await
        }
    }
}

enum Sent {
    DryRun(String),
    Created(Created),
}

async fn send(
    connection: &Connection,
    plan: &Plan,
    dry: bool,
) -> std::result::Result<Sent, ApiError> {
    if dry {
        return dry_run(connection, plan).await.map(Sent::DryRun);
    }
    let (client, _provider) = connect(connection, &plan.region).await?;
    create(&client, plan).await.map(Sent::Created)
}

/// Shows `message` as an error and answers the request with it.
async fn fail(client: &Client, message: String) -> Result<Option<Value>> {
    client.show_message(MessageType::ERROR, &message).await;
    Err(Error {
        code: ErrorCode::ServerError(-32803), // RequestFailed
        message: message.into(),
        data: None,
    })
}

/// The message for a plan that cannot be sent: the error count and the first findings.
fn refusal(error: &PlanError) -> String {
    let PlanError::Findings(reports) = error else {
        return format!("bclint: cannot submit: {error}");
    };
    let errors: Vec<String> = reports
        .iter()
        .flat_map(|report| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(move |d| finding(report, d))
        })
        .collect();
    let mut message = format!("bclint: {error}");
    if errors.is_empty() {
        // The manifest itself did not parse into a pipeline.
        return message;
    }
    message.push(':');
    for line in errors.iter().take(LISTED_FINDINGS) {
        message.push_str("\n  ");
        message.push_str(line);
    }
    if errors.len() > LISTED_FINDINGS {
        message.push_str(&format!(
            "\n  … and {} more",
            errors.len() - LISTED_FINDINGS
        ));
    }
    message
}

/// `file:line: CODE message` for one finding.
fn finding(report: &FileReport, diagnostic: &bc_lint::Diagnostic) -> String {
    let line = report.source[..diagnostic.span.start.min(report.source.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1;
    let file = report.path.file_name().map_or_else(
        || report.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{file}:{line}: {} {}", diagnostic.code, diagnostic.message)
}

/// The manifest to submit for `args.uri`.
async fn find_manifest(state: &Arc<State>, args: &Args) -> std::result::Result<PathBuf, String> {
    let path = manifest::path_of(&args.uri).ok_or_else(|| {
        format!(
            "bclint: cannot submit {}: not a local file",
            args.uri.as_str()
        )
    })?;
    if matches!(
        SourceKind::from_path(&path),
        Some(SourceKind::Manifest | SourceKind::ComponentManifest)
    ) {
        return Ok(path);
    }
    let project = state.project_of(&path);
    project.ready().await;
    project
        .with(|index| index.manifests_referencing(&path))
        .unwrap_or_default()
        .into_iter()
        .next()
        .ok_or_else(|| {
            format!(
                "bclint: no imagepipeline.toml in the repository of {} references {}",
                path.parent().unwrap_or(Path::new("/")).display(),
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )
        })
}

/// `$/progress` for one submission, when the client supports it.
struct Reporter<'a> {
    client: &'a Client,
    token: Option<ProgressToken>,
}

impl<'a> Reporter<'a> {
    async fn begin(client: &'a Client, state: &State, enabled: bool, name: &str) -> Reporter<'a> {
        let mut token = None;
        if enabled {
            let id = state.counter.fetch_add(1, Ordering::Relaxed);
            let candidate = NumberOrString::String(format!("bclint/submit/{id}"));
            if client
                .create_work_done_progress(candidate.clone())
                .await
                .is_ok()
            {
                use tower_lsp_server::ls_types::{
                    ProgressParams, ProgressParamsValue, WorkDoneProgress, WorkDoneProgressBegin,
                };
                client
                    .send_notification::<tower_lsp_server::ls_types::notification::Progress>(
                        ProgressParams {
                            token: candidate.clone(),
                            value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(
                                WorkDoneProgressBegin {
                                    title: format!("Submitting {name}"),
                                    cancellable: Some(false),
                                    message: None,
                                    percentage: None,
                                },
                            )),
                        },
                    )
                    .await;
                token = Some(candidate);
            }
        }
        Reporter { client, token }
    }

    async fn send(&self, value: tower_lsp_server::ls_types::WorkDoneProgress) {
        use tower_lsp_server::ls_types::{ProgressParams, ProgressParamsValue};
        if let Some(token) = &self.token {
            self.client
                .send_notification::<tower_lsp_server::ls_types::notification::Progress>(
                    ProgressParams {
                        token: token.clone(),
                        value: ProgressParamsValue::WorkDone(value),
                    },
                )
                .await;
        }
    }

    async fn report(&self, message: &str) {
        use tower_lsp_server::ls_types::{WorkDoneProgress, WorkDoneProgressReport};
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: Some(false),
            message: Some(message.to_owned()),
            percentage: None,
        }))
        .await;
    }

    async fn end(&self, message: &str) {
        use tower_lsp_server::ls_types::{WorkDoneProgress, WorkDoneProgressEnd};
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(message.to_owned()),
        }))
        .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_lint::Diagnostic;
    use bc_syntax::Span;

    #[test]
    fn refusal_lists_the_count_and_first_findings_with_lines() {
        let rule = crate::registry::all_rules()[0];
        let mut diagnostic = Diagnostic::new(rule, Span::new(4, 5), "bad thing");
        diagnostic.severity = Severity::Error;
        let report = FileReport {
            path: PathBuf::from("/w/build.buildcontent"),
            source: "a\nb\nc\n".to_owned(),
            diagnostics: vec![diagnostic.clone(); 5],
        };
        let message = refusal(&PlanError::Findings(vec![report]));
        assert!(message.contains("5 errors"), "{message}");
        assert!(
            message.contains(&format!("build.buildcontent:3: {} bad thing", rule.code)),
            "{message}"
        );
        assert!(message.contains("… and 2 more"), "{message}");
    }
}
