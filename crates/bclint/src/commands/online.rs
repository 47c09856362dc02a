//! The online part of `bclint check --online`: after a batch of files is checked offline, asks
//! the service about its component references and base images (`bc_workspace::online`) and adds
//! the findings to the files'. ARNs naming a component of the file's repository are left to the
//! offline link rules: local components take precedence.

use std::time::Duration;

use bc_aliyun::SignatureVersion;
use bc_workspace::files::SourceKind;
use bc_workspace::online::{self, File, Options, Subject};
use bc_workspace::settings::Discovery;
use bc_workspace::submit::Connection;

use crate::args::OnlineArgs;
use crate::links::Links;
use crate::output::Checked;

/// The online check of one `check` run, across its batches.
pub struct OnlineCheck {
    options: Options,
    runtime: tokio::runtime::Runtime,
    /// Set once BC712 was reported: later batches are not asked about again (each would wait for
    /// the same timeout or missing credentials), and the one finding already says why.
    gave_up: bool,
}

impl OnlineCheck {
    /// The online check the options ask for, or why it cannot run at all.
    pub fn new(args: &OnlineArgs) -> Result<OnlineCheck, String> {
        let connection = Connection {
            endpoint: args.endpoint.clone(),
            profile: args.profile.clone(),
            signature: SignatureVersion::V3,
            timeout: Duration::from_secs_f64(args.timeout.clamp(0.1, 600.0)),
            ..Connection::from_process()
        };
        let mut options = Options::new(connection);
        if let Some(region) = &args.region {
            options.region = Some(region.clone());
        }
        options.refresh = args.refresh;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| format!("cannot start the async runtime: {error}"))?;
        Ok(OnlineCheck {
            options,
            runtime,
            gave_up: false,
        })
    }

    /// Adds the online findings of `results` (checked from inputs of `kinds`, in order).
    pub fn check(
        &mut self,
        results: &mut [Checked],
        kinds: &[Option<SourceKind>],
        discovery: &Discovery,
        links: &Links,
    ) {
        if self.gave_up {
            return;
        }
        // Files that were checked: the parse or text, and the configuration that applies.
        let mut at: Vec<usize> = Vec::new();
        let mut parses = Vec::new();
        let mut configs = Vec::new();
        for (index, (checked, kind)) in results.iter().zip(kinds).enumerate() {
            let (Some(kind), None) = (kind, &checked.error) else {
                continue;
            };
            let Ok(settings) = discovery.settings_for(&checked.path) else {
                continue;
            };
            let parse = match kind {
                SourceKind::Template(file_kind) => {
                    Some(bc_syntax::parse(&checked.source, *file_kind))
                }
                SourceKind::Manifest => None,
                // Components call no components, and component manifests name no base image.
                SourceKind::YamlComponent | SourceKind::ComponentManifest => continue,
                // Templates inside Terraform and ROS files are not asked about online yet.
                SourceKind::Embedded(_) => continue,
            };
            at.push(index);
            parses.push(parse);
            configs.push(settings.config_for(&checked.path));
        }
        let is_local: Vec<_> = at
            .iter()
            .map(|&index| {
                let path = results[index].path.clone();
                move |name: &str| links.is_local(&path, name)
            })
            .collect();
        let files: Vec<File<'_>> = at
            .iter()
            .zip(&parses)
            .zip(&configs)
            .zip(&is_local)
            .map(|(((&index, parse), config), is_local)| File {
                subject: match parse {
                    Some(parse) => Subject::Template(parse),
                    None => Subject::Manifest(&results[index].source),
                },
                config,
                is_local,
            })
            .collect();
        let report = self.runtime.block_on(online::check(&files, &self.options));
        drop(files);
        for (findings, index) in report.findings.into_iter().zip(at) {
            if findings.is_empty() {
                continue;
            }
            self.gave_up |= findings.iter().any(|d| online::is_unavailable(d.code));
            let diagnostics = &mut results[index].diagnostics;
            diagnostics.extend(findings);
            diagnostics.sort_by_key(|d| (d.span.start, d.code, d.span.end));
        }
    }
}
