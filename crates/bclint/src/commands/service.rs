//! What the commands that talk to the service (`submit`, `import`, `diff`) share: the
//! connection their options describe and the runtime their calls run on.

use std::io::{self, IsTerminal as _};
use std::time::Duration;

use bc_aliyun::SignatureVersion;
use bc_workspace::submit::{Connection, FileReport};

use crate::args::{ColorChoice, OutputFormat, ServiceArgs, SignatureArg};
use crate::output::{self, Checked, Report};

/// The connection `args` describe, with credentials from this process's environment.
pub fn connection(args: &ServiceArgs) -> Connection {
    Connection {
        endpoint: args.endpoint.clone(),
        profile: args.profile.clone(),
        signature: match args.signature_version {
            SignatureArg::V3 => SignatureVersion::V3,
            SignatureArg::V2 => SignatureVersion::V2,
        },
        timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
        ..Connection::from_process()
    }
}

/// A single-threaded runtime for the calls of one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))
}

/// Prints the findings of the files checked before a call, on standard error so that
/// `--output json` keeps standard output parseable.
pub fn print_findings(reports: &[FileReport], color: ColorChoice) {
    let results: Vec<Checked> = reports
        .iter()
        .map(|report| Checked {
            path: report.path.clone(),
            source: report.source.clone(),
            diagnostics: report.diagnostics.clone(),
            error: None,
            fixed: 0,
            diff: None,
            fail_on: bc_lint::Severity::Error,
        })
        .collect();
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let report = Report {
        results: &results,
        rules: bc_workspace::registry::rules(),
        color,
        fix_mode: false,
        statistics: false,
    };
    // Findings go to standard error so that `--output json` keeps standard output parseable.
    let _ = output::write(&mut io::stderr().lock(), OutputFormat::Full, &report);
}
