use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a file larger than 1 MiB (1,048,576 bytes) instead of reading and linting it. The
    /// finding points at the start of the file and gives its size.
    ///
    /// ## Why is this bad?
    /// A template's wire form is at most 16,384 bytes (`InvalidBuildContent.LengthExceeded`
    /// otherwise), so even a template with generous comments is far below 1 MiB: a bigger file
    /// is not a template at all (a log, an archive, a device or a file named by mistake), and
    /// reading it would only cost memory and time. `bclint` stops at the limit, so a 100 MB
    /// file or one 10 MB line is refused in constant memory.
    ///
    /// ## Example
    /// A 100 MB `build.buildcontent` produced by redirecting a build log into it.
    ///
    /// ## Use instead
    /// Keep templates small: move groups of commands into image components (`COMPONENT`), or
    /// download a script with `COPY` and `RUN` it.
    pub static RULE = {
        code: "BC007",
        name: "file-too-large",
        severity: Error,
        api_error: Some("InvalidBuildContent.LengthExceeded"),
        fix: None,
    }
}

/// A file over the limit is never parsed, so there is nothing to check here: the command line
/// and the language server report this rule when they refuse to read a file (see
/// `bc_workspace::files::MAX_SOURCE_BYTES`).
pub fn check(_checker: &mut Checker<'_>) {}
