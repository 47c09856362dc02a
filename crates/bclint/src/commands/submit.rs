//! `bclint submit`: lint the manifest and its templates, create the pipeline, and optionally start
//! it and follow it to the end. The work is [`bc_workspace::submit`], shared with the language
//! server; this module adds the terminal: findings, progress and the exit code.

use std::time::{Duration, Instant};

use bc_aliyun::{ApiError, ExecutionStatus};
use bc_workspace::settings::Overrides;
use bc_workspace::submit::{
    Connection, FileReport, Plan, PlanError, connect, create, dry_run, follow, plan_manifest,
};
use serde_json::json;

use super::service::{connection, print_findings, runtime};
use crate::args::{SubmitArgs, SubmitOutput};
use crate::exit_status::ExitStatus;
use crate::settings::discovery;

pub fn run(args: &SubmitArgs) -> ExitStatus {
    let mut progress = Progress {
        json: args.output == SubmitOutput::Json,
        ..Progress::default()
    };
    let discovery = match discovery(args.config.as_deref(), args.no_config, Overrides::default()) {
        Ok(discovery) => discovery,
        Err(message) => {
            return progress.fail(&Failure::new("SettingsError", message), ExitStatus::Error);
        }
    };
    if args.manifests.len() > 1 {
        // A token names one request, and one build is followed at a time.
        let refused = if args.client_token.is_some() {
            Some("--client-token")
        } else if args.start {
            Some("--start")
        } else {
            None
        };
        if let Some(option) = refused {
            let message = format!("{option} takes one manifest; submit the others separately");
            return progress.fail(&Failure::new("UsageError", message), ExitStatus::Error);
        }
    }
    // Every manifest is checked before anything is sent: one with errors stops them all.
    let mut plans: Vec<Plan> = Vec::new();
    let mut refused = Vec::new();
    for manifest in &args.manifests {
        match plan_manifest(manifest, &discovery, args.client_token.as_deref()) {
            Ok(plan) => plans.push(plan),
            Err(PlanError::Findings(reports)) => refused.extend(reports),
            Err(error) => {
                let code = match error {
                    PlanError::Settings(_) => "SettingsError",
                    _ => "ReadError",
                };
                return progress.fail(&Failure::new(code, error.to_string()), ExitStatus::Error);
            }
        }
    }
    // Warnings and infos do not stop a submission, but the user should see them.
    let mut reports: Vec<FileReport> = plans.iter().flat_map(|p| p.reports.clone()).collect();
    reports.extend(refused.iter().cloned());
    if reports.iter().any(|r| !r.diagnostics.is_empty()) {
        print_findings(&reports, args.color);
    }
    if !refused.is_empty() {
        let error = PlanError::Findings(refused);
        return progress.fail(
            &Failure::new("Findings", error.to_string()),
            ExitStatus::Failure,
        );
    }
    // Components first: the pipelines submitted with them may call them. A component manifest
    // without a region goes to the region of the pipelines submitted with it.
    plans.sort_by_key(|plan| !plan.is_component());
    let pipeline_region = plans
        .iter()
        .find(|plan| !plan.is_component())
        .map(|plan| plan.region.clone());
    for plan in plans.iter_mut().filter(|plan| plan.region.is_empty()) {
        let Some(region) = &pipeline_region else {
            let message = format!(
                "{} has no `region`, and no pipeline manifest submitted with it gives one",
                plan.manifest_path.display()
            );
            return progress.fail(&Failure::new("UsageError", message), ExitStatus::Error);
        };
        plan.region.clone_from(region);
        plan.params
            .insert(0, ("RegionId".to_owned(), region.clone()));
    }
    if args.start && plans.iter().any(Plan::is_component) {
        let message = "--start takes one pipeline manifest".to_owned();
        return progress.fail(&Failure::new("UsageError", message), ExitStatus::Error);
    }
    progress.region = plans.first().map(|plan| plan.region.clone());
    let connection = connection(&args.service);
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(message) => {
            return progress.fail(&Failure::new("InternalError", message), ExitStatus::Error);
        }
    };
    let status = match plans.as_slice() {
        [plan] if !plan.is_component() => {
            runtime.block_on(submit(args, &connection, plan, &mut progress))
        }
        _ => runtime.block_on(submit_all(args, &connection, &plans, &mut progress)),
    };
    // Waiting may be interrupted with a request still pending; do not wait for it.
    runtime.shutdown_background();
    status
}

async fn submit(
    args: &SubmitArgs,
    connection: &Connection,
    plan: &Plan,
    progress: &mut Progress,
) -> ExitStatus {
    if args.dry_run {
        return match dry_run(connection, plan).await {
            Ok(request) => {
                match args.output {
                    SubmitOutput::Text => println!("{request}"),
                    SubmitOutput::Json => println!(
                        "{}",
                        json!({ "dryRun": true, "request": request, "parameters": plan.params.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>() })
                    ),
                }
                ExitStatus::Success
            }
            Err(error) => progress.api_failure(&error),
        };
    }
    progress.client_token = Some(plan.client_token.clone());
    let (client, provider) = match connect(connection, &plan.region).await {
        Ok(connected) => connected,
        Err(error) => return progress.api_failure(&error),
    };
    // From here on, every failure says how to retry with the same token: a timeout or a garbled
    // answer may hide a pipeline that was created.
    progress.retry = Some(retry_command(&plan.client_token));
    let text = args.output == SubmitOutput::Text;
    eprintln!(
        "Submitting {} to {} (credentials from {provider}) with client token {}…",
        plan.manifest_path.display(),
        client.endpoint_url(),
        plan.client_token
    );
    let created = match create(&client, plan).await {
        Ok(created) => created,
        Err(error) => return progress.api_failure(&error),
    };
    // The pipeline exists: running the command again would start a second build, so what is
    // left to say on failure is how to look at the pipeline.
    progress.retry = None;
    progress.pipeline = Some(created.id.clone());
    let mut result = json!({
        "ImagePipelineId": created.id,
        "RequestId": created.request_id,
        "ClientToken": created.client_token,
        "RegionId": plan.region,
    });
    if text {
        println!(
            "Created image pipeline {} (request id {})",
            created.id,
            created.request_id.as_deref().unwrap_or("-")
        );
    }
    if !args.start {
        if !text {
            println!("{result}");
        }
        return ExitStatus::Success;
    }
    // A token belongs to one request's parameters, so the start gets its own (generated by the
    // client and reused by its retries).
    let started = match client
        .start_image_pipeline_execution(&plan.region, &created.id, None)
        .await
    {
        Ok(started) => started,
        Err(error) => return progress.api_failure(&error),
    };
    progress.execution = Some(started.execution_id.clone());
    result["ExecutionId"] = json!(started.execution_id);
    if text {
        println!(
            "Started execution {} (request id {})",
            started.execution_id,
            started.request_id.as_deref().unwrap_or("-")
        );
    }
    if !args.wait {
        if !text {
            println!("{result}");
        }
        return ExitStatus::Success;
    }
    let interval = Duration::from_secs_f64(args.poll_interval.max(0.01));
    let waited = tokio::select! {
        finished = follow(connection, client, &plan.region, &created.id, &started.execution_id, interval, status_printer(text)) => finished,
        _ = tokio::signal::ctrl_c() => {
            let failure = Failure::new("Interrupted", "stopped waiting; the build keeps running".into());
            return progress.fail(&failure, ExitStatus::Interrupted);
        }
    };
    match waited {
        Ok(last) => {
            result["Status"] = json!(last.status);
            result["ImageId"] = json!(last.image_id);
            if text {
                match (&last.image_id, last.status.as_str()) {
                    (Some(image), "SUCCESS") => println!("Build succeeded: image {image}"),
                    _ => println!(
                        "Build ended in {}{}",
                        last.status,
                        last.error_info
                            .as_deref()
                            .or(last.message.as_deref())
                            .map(|m| format!(": {m}"))
                            .unwrap_or_default()
                    ),
                }
            } else {
                println!("{result}");
            }
            if last.status == "SUCCESS" {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            }
        }
        Err(error) => progress.api_failure(&error),
    }
}

/// Submits several manifests (or a component manifest): components first, then pipelines,
/// each in the order given. A failure half-way says what was created (the IDs) and which
/// manifests were not sent; the failed one's ClientToken makes a retry of it safe.
async fn submit_all(
    args: &SubmitArgs,
    connection: &Connection,
    plans: &[Plan],
    progress: &mut Progress,
) -> ExitStatus {
    let text = args.output == SubmitOutput::Text;
    if args.dry_run {
        let mut requests = Vec::new();
        for plan in plans {
            match dry_run(connection, plan).await {
                Ok(request) if text => println!("{request}\n"),
                Ok(request) => requests.push(json!({
                    "manifest": plan.manifest_path.display().to_string(),
                    "request": request,
                    "parameters": plan.params.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
                })),
                Err(error) => return progress.api_failure(&error),
            }
        }
        if !text {
            println!("{}", json!({ "dryRun": true, "requests": requests }));
        }
        return ExitStatus::Success;
    }
    progress.not_created = plans
        .iter()
        .map(|plan| plan.manifest_path.display().to_string())
        .collect();
    let mut results = Vec::new();
    for plan in plans {
        progress.region = Some(plan.region.clone());
        progress.client_token = Some(plan.client_token.clone());
        let (client, provider) = match connect(connection, &plan.region).await {
            Ok(connected) => connected,
            Err(error) => return progress.api_failure(&error),
        };
        eprintln!(
            "Submitting {} to {} (credentials from {provider}) with client token {}…",
            plan.manifest_path.display(),
            client.endpoint_url(),
            plan.client_token
        );
        let key = if plan.is_component() {
            "ImageComponentId"
        } else {
            "ImagePipelineId"
        };
        let (id, request_id, client_token) = match create(&client, plan).await {
            Ok(created) => (created.id, created.request_id, created.client_token),
            Err(error) => return progress.api_failure(&error),
        };
        let manifest = progress.not_created.remove(0);
        if text {
            println!(
                "Created {} {id} from {manifest} (request id {})",
                plan.creates(),
                request_id.as_deref().unwrap_or("-")
            );
        }
        results.push(json!({
            "Manifest": manifest,
            key: id,
            "RequestId": request_id,
            "ClientToken": client_token,
            "RegionId": plan.region,
        }));
        progress.created.push((manifest, id));
    }
    if !text {
        println!("{}", json!({ "Created": results }));
    }
    ExitStatus::Success
}

/// What [`follow`] (which also renews temporary credentials) calls with each status read: in
/// text mode, prints each change of status with the time since the start.
fn status_printer(text: bool) -> impl FnMut(&ExecutionStatus) {
    let start = Instant::now();
    let mut last_status = String::new();
    move |status| {
        if status.status == last_status {
            return;
        }
        if text {
            let elapsed = start.elapsed().as_secs();
            let message = status
                .message
                .as_deref()
                .map(|m| format!("  {m}"))
                .unwrap_or_default();
            println!(
                "[{:02}:{:02}] {:<17}{message}",
                elapsed / 60,
                elapsed % 60,
                status.status
            );
        }
        last_status.clone_from(&status.status);
    }
}

/// Why a submission failed, as the JSON document's `Error` object gives it.
struct Failure {
    /// The service's error code, or bclint's name for a failure that has none (`Timeout`,
    /// `MalformedResponse`, `Findings`, …).
    code: String,
    message: String,
    request_id: Option<String>,
}

impl Failure {
    fn new(code: &str, message: String) -> Failure {
        Failure {
            code: code.to_owned(),
            message,
            request_id: None,
        }
    }
}

/// What is known about a submission so far, which is what the user needs when it fails: the
/// ClientToken and the command that retries with it (until the pipeline is known to exist),
/// then the pipeline and the execution to look at.
#[derive(Debug, Default)]
struct Progress {
    /// `--output json`: every ending prints exactly one JSON document on standard output.
    json: bool,
    region: Option<String>,
    client_token: Option<String>,
    retry: Option<String>,
    pipeline: Option<String>,
    execution: Option<String>,
    /// With several manifests: each created pipeline's manifest and ID, in order.
    created: Vec<(String, String)>,
    /// With several manifests: the manifests not (or not known to be) created yet.
    not_created: Vec<String>,
}

impl Progress {
    fn api_failure(&self, error: &ApiError) -> ExitStatus {
        // The service answered: the request was wrong or refused (exit 1). Anything else means
        // the request could not be made or its answer not read: credentials, network, a bad
        // endpoint, a timeout, a malformed answer (exit 2).
        let (code, status) = match error {
            ApiError::Api { code, .. } => (code.as_str(), ExitStatus::Failure),
            ApiError::Network(_) => ("NetworkError", ExitStatus::Error),
            ApiError::Timeout(_) => ("Timeout", ExitStatus::Error),
            ApiError::MalformedResponse { .. } => ("MalformedResponse", ExitStatus::Error),
            ApiError::Credentials(_) => ("NoCredentials", ExitStatus::Error),
            ApiError::InvalidEndpoint(_) => ("InvalidEndpoint", ExitStatus::Error),
        };
        let failure = Failure {
            request_id: error.request_id().map(str::to_owned),
            ..Failure::new(code, error.to_string())
        };
        self.fail(&failure, status)
    }

    /// Reports `failure` with what is known so far, on standard error and, with `--output
    /// json`, as the one JSON document on standard output.
    fn fail(&self, failure: &Failure, status: ExitStatus) -> ExitStatus {
        eprintln!("bclint: error: {}", failure.message);
        let follow = self.follow_command();
        if let (Some(token), Some(retry)) = (&self.client_token, &self.retry) {
            eprintln!(
                "The request used client token {token}. To retry without risking a second \
                 pipeline, run:\n  {retry}"
            );
        } else if let (Some(pipeline), Some(follow)) = (&self.pipeline, &follow) {
            eprintln!("Image pipeline {pipeline} exists; follow its builds with:\n  {follow}");
        }
        if !self.created.is_empty() || !self.not_created.is_empty() {
            let created: Vec<String> = self
                .created
                .iter()
                .map(|(manifest, id)| format!("{id} ({manifest})"))
                .collect();
            eprintln!(
                "Created: {}. Not created: {}.",
                if created.is_empty() {
                    "nothing".to_owned()
                } else {
                    created.join(", ")
                },
                if self.not_created.is_empty() {
                    "nothing".to_owned()
                } else {
                    self.not_created.join(", ")
                },
            );
            if let (Some(token), Some(first)) = (&self.client_token, self.not_created.first()) {
                eprintln!(
                    "{first} was sent with client token {token}; to retry it without risking a \
                     second pipeline, run:\n  bclint submit --client-token {token} {}",
                    shell_quote(first)
                );
            }
        }
        if self.json {
            let mut document = json!({
                "Error": {
                    "Code": failure.code,
                    "Message": failure.message,
                    "RequestId": failure.request_id,
                },
                "ClientToken": self.client_token,
                "RetryCommand": self.retry,
                "RegionId": self.region,
                "ImagePipelineId": self.pipeline,
                "ExecutionId": self.execution,
                "FollowCommand": follow,
            });
            if !self.created.is_empty() || !self.not_created.is_empty() {
                document["Created"] = json!(
                    self.created
                        .iter()
                        .map(|(manifest, id)| json!({"Manifest": manifest, "ImagePipelineId": id}))
                        .collect::<Vec<_>>()
                );
                document["NotCreated"] = json!(self.not_created);
            }
            if let Some(fields) = document.as_object_mut() {
                fields.retain(|_, value| !value.is_null());
            }
            println!("{document}");
        }
        status
    }

    /// The Aliyun CLI command that shows the pipeline's executions, once the pipeline exists.
    fn follow_command(&self) -> Option<String> {
        let mut command = format!(
            "aliyun ecs DescribeImagePipelineExecutions --RegionId {} --ImagePipelineId {}",
            self.region.as_deref()?,
            self.pipeline.as_deref()?
        );
        if let Some(execution) = &self.execution {
            command.push_str(&format!(" --ExecutionId {execution}"));
        }
        Some(command)
    }
}

/// This run's command line with `--client-token <token>` (replacing any given), quoted for a
/// POSIX shell: the same submission, which the service recognises by its token.
fn retry_command(token: &str) -> String {
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    let mut words = vec!["bclint".to_owned()];
    words.extend(args.next()); // `submit`
    words.extend(["--client-token".to_owned(), token.to_owned()]);
    while let Some(arg) = args.next() {
        if arg == "--client-token" {
            args.next();
        } else if !arg.starts_with("--client-token=") {
            words.push(arg);
        }
    }
    words
        .iter()
        .map(|w| shell_quote(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `word` as a POSIX shell reads it back: as it is when it holds no special character, else in
/// single quotes.
fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("imagepipeline.toml"), "imagepipeline.toml");
        assert_eq!(
            shell_quote("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(shell_quote("my pipeline.toml"), "'my pipeline.toml'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }
}
