//! How a command ended, and the process exit code that follows from it.

use std::process::ExitCode;

/// How a command ended; the process exit code follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report (exit 0).
    Success,
    /// Findings, or files that would change (exit 1).
    Failure,
    /// Usage, configuration or I/O error (exit 2).
    Error,
    /// Interrupted by the user (exit 130, as shells report Ctrl-C).
    Interrupted,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
            ExitStatus::Interrupted => 130,
        })
    }
}
