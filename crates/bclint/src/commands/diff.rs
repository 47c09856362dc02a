//! `bclint diff MANIFEST`: how a manifest and its templates differ from the pipeline of the
//! same name in its region. Pipelines cannot be changed once created, so this is how a user
//! sees drift before submitting a new one. Exit 1 when they differ, as `fmt --diff` does.

use std::path::Path;

use bc_aliyun::{ImagePipeline, PipelineFilter};
use bc_pipeline::TemplateRole;
use bc_workspace::settings::Overrides;
use bc_workspace::submit::{Connection, Plan, PlanError, connect, plan};

use super::service::{connection, print_findings, runtime};
use crate::args::DiffArgs;
use crate::diff::unified_diff;
use crate::exit_status::ExitStatus;
use crate::settings::discovery;

/// The parameters that hold template text, compared as files rather than as one line each.
const CONTENTS: [&str; 2] = ["BuildContent", "TestContent"];

pub fn run(args: &DiffArgs) -> ExitStatus {
    let fail = |message: String, status: ExitStatus| {
        eprintln!("bclint: error: {message}");
        status
    };
    let discovery = match discovery(args.config.as_deref(), args.no_config, Overrides::default()) {
        Ok(discovery) => discovery,
        Err(message) => return fail(message, ExitStatus::Error),
    };
    // The token is left out of the comparison; an empty one keeps a fresh one out of the plan.
    let plan = match plan(&args.manifest, &discovery, Some("")) {
        Ok(plan) => plan,
        Err(PlanError::Findings(reports)) => {
            print_findings(&reports, args.color);
            let errors = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .filter(|d| d.severity == bc_lint::Severity::Error)
                .count();
            let message = format!(
                "cannot compare: {errors} error{} must be fixed first",
                if errors == 1 { "" } else { "s" }
            );
            return fail(message, ExitStatus::Failure);
        }
        Err(error) => return fail(error.to_string(), ExitStatus::Error),
    };
    let Some(name) = param(&plan.params, "Name") else {
        return fail(
            format!(
                "{} has no `name`; diff compares with the pipeline of that name",
                args.manifest.display()
            ),
            ExitStatus::Error,
        );
    };
    let region = args.region.clone().unwrap_or_else(|| plan.region.clone());
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(message) => return fail(message, ExitStatus::Error),
    };
    let connection = connection(&args.service);
    let remote = runtime.block_on(newest_named(&connection, &region, name));
    runtime.shutdown_background();
    match remote {
        Ok(Some(remote)) => compare(&plan, &remote, &region),
        Ok(None) => {
            println!(
                "There is no image pipeline named {name} in {region}; `bclint submit` would create it."
            );
            ExitStatus::Failure
        }
        Err(error) => {
            let status = match error {
                bc_aliyun::ApiError::Api { .. } => ExitStatus::Failure,
                _ => ExitStatus::Error,
            };
            fail(error.to_string(), status)
        }
    }
}

/// The most recently created pipeline called `name` in `region`, if there is one.
async fn newest_named(
    connection: &Connection,
    region: &str,
    name: &str,
) -> Result<Option<ImagePipeline>, bc_aliyun::ApiError> {
    let (client, _) = connect(connection, region).await?;
    let filter = PipelineFilter {
        name: Some(name.to_owned()),
        ..PipelineFilter::default()
    };
    let mut found = client.describe_image_pipelines(region, &filter).await?;
    found.retain(|p| p.name.as_deref() == Some(name));
    // Timestamps are ISO 8601 in UTC, so they sort as text.
    found.sort_by(|a, b| b.creation_time.cmp(&a.creation_time));
    Ok(found.into_iter().next())
}

/// Prints a unified diff from the pipeline to the local files: the parameters as
/// `Key = value` lines, then each template. Exit 1 when anything differs.
fn compare(plan: &Plan, remote: &ImagePipeline, region: &str) -> ExitStatus {
    let remote_params = remote.create_params(region);
    let local_params: Vec<(String, String)> = plan
        .params
        .iter()
        .filter(|(key, _)| key != "ClientToken")
        .cloned()
        .collect();
    println!(
        "Comparing {} with image pipeline {} ({region}); `-` lines are the pipeline's, `+` lines the local files'.",
        plan.manifest_path.display(),
        remote.image_pipeline_id
    );
    let mut differs = false;
    let mut show = |label: &Path, before: &str, after: &str| {
        if before != after {
            differs = true;
            print!("{}", unified_diff(label, before, after));
        }
    };
    show(
        &plan.manifest_path,
        &parameter_lines(&remote_params),
        &parameter_lines(&local_params),
    );
    for (key, role) in CONTENTS
        .into_iter()
        .zip([TemplateRole::Build, TemplateRole::Test])
    {
        // An inline template is labelled with the manifest that holds it.
        let label = plan
            .templates
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(plan.manifest_path.as_path(), |(_, path)| path.as_path());
        show(
            label,
            param(&remote_params, key).unwrap_or_default(),
            param(&local_params, key).unwrap_or_default(),
        );
    }
    if differs {
        ExitStatus::Failure
    } else {
        println!("No differences.");
        ExitStatus::Success
    }
}

/// Every parameter but the templates, one `Key = value` line each (values escaped so that a
/// newline cannot split a line).
fn parameter_lines(params: &[(String, String)]) -> String {
    params
        .iter()
        .filter(|(key, _)| !CONTENTS.contains(&key.as_str()))
        .map(|(key, value)| format!("{key} = {}\n", value.escape_debug()))
        .collect()
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}
