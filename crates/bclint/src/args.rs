//! The command-line interface: every flag and subcommand, with clap's derive API.

use std::path::PathBuf;

use bc_syntax::FileKind;
use bc_workspace::files::SourceKind;
use clap::{Args, Parser, ValueEnum};

/// Lint, format, render and submit Alibaba Cloud ECS Image Builder templates.
#[derive(Debug, Parser)]
#[command(name = "bclint", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub subcommand: Subcommand,
}

/// The subcommands. The one named `command` on the command line is [`Subcommand::Keyword`]:
/// "command" in the code means a template's command line (the syntax node).
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Lint templates, components and pipeline manifests.
    Check(CheckArgs),
    /// Format templates and components in the canonical layout.
    Fmt(FmtArgs),
    /// Show the documentation of a rule, or list all rules.
    Rule(RuleArgs),
    /// Show the documentation of a template command (`RUN`, `COPY`, …), or list them all.
    #[command(name = "command")]
    Keyword(KeywordArgs),
    /// Print the wire form of a template: exactly what `submit` sends.
    Render(RenderArgs),
    /// Validate an image pipeline manifest and its templates, and create the pipeline.
    Submit(SubmitArgs),
    /// Write an existing image pipeline or image component into local files.
    Import(ImportArgs),
    /// Show how a manifest and its templates differ from the pipeline of the same name.
    Diff(DiffArgs),
    /// Run the language server over standard input and output.
    Lsp,
}

/// Which kind a file (or standard input) is, when its name does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A build template (`BuildContent`).
    Build,
    /// A test template (`TestContent`).
    Test,
    /// An image component: Dockerfile-format or YAML, told apart by its content.
    Component,
    /// An `imagepipeline.toml` manifest.
    Manifest,
}

impl KindArg {
    /// The source kind this flag names.
    pub fn source_kind(self) -> SourceKind {
        match self {
            KindArg::Build => SourceKind::Template(FileKind::Build),
            KindArg::Test => SourceKind::Template(FileKind::Test),
            KindArg::Component => SourceKind::Template(FileKind::Component),
            KindArg::Manifest => SourceKind::Manifest,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Code frames with the source, then a summary.
    Full,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// A JSON array of findings.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options shared by commands that read settings and files.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// Files or directories to process; `-` reads standard input. Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Use this settings file for every file instead of discovering `bclint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every settings file.
    #[arg(long)]
    pub no_config: bool,
    /// The name to report for standard input (it also decides the kind).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// The kind of standard input or of files whose name does not say.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub files: FileArgs,
    /// Rules to enable (codes, code prefixes such as `BC3`, names, or `ALL`); replaces the settings.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to enable on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules to disable.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Apply safe fixes and write the files.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with `--fix` or `--diff`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the changes fixes would make instead of writing them; exits 1 if there are any.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Exit 0 even when findings remain.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// When to use colour in `full` output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print the settings that apply to the first path and exit.
    #[arg(long)]
    pub show_settings: bool,
    #[command(flatten)]
    pub online: OnlineArgs,
}

/// `check --online`: what to ask the service and how.
#[derive(Debug, Args)]
pub struct OnlineArgs {
    /// Also ask the service: components that do not exist (BC710), cloud components' parameters
    /// and types (BC701–BC705), base images (BC711). Answers are cached for 15 minutes.
    #[arg(long)]
    pub online: bool,
    /// The region of `ic-` ids (default: `ALIBABA_CLOUD_REGION_ID`); ARNs and manifests name their own.
    #[arg(long, requires = "online")]
    pub region: Option<String>,
    /// The credentials profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials.
    #[arg(long, requires = "online")]
    pub profile: Option<String>,
    /// The API endpoint (host, host:port or URL); `http://` only for loopback addresses.
    #[arg(long, value_name = "URL", requires = "online")]
    pub endpoint: Option<String>,
    /// Ask again instead of using cached answers.
    #[arg(long, requires = "online")]
    pub refresh: bool,
    /// Seconds allowed for each HTTP attempt.
    #[arg(
        long,
        default_value_t = 5.0,
        value_name = "SECONDS",
        requires = "online"
    )]
    pub timeout: f64,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    #[command(flatten)]
    pub files: FileArgs,
    /// Do not write; exit 1 if any file would change.
    #[arg(long)]
    pub check: bool,
    /// Do not write; print a diff of the changes and exit 1 if any file would change.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (`BC201`) or name (`deprecated-from`).
    #[arg(required_unless_present = "all")]
    pub rule: Option<String>,
    /// List every rule.
    #[arg(long)]
    pub all: bool,
    /// `text` (Markdown) or `json`.
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    pub output_format: RuleFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleFormat {
    /// Markdown documentation.
    Text,
    /// JSON, for tooling.
    Json,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The template or component to render, or `-` for standard input.
    pub path: PathBuf,
    /// The kind of the template when its name does not say.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The manifests to submit, created in the order given.
    #[arg(default_value = "imagepipeline.toml", num_args = 1..)]
    pub manifests: Vec<PathBuf>,
    /// Print the exact signed request (secret and signature redacted) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Start a build (StartImagePipelineExecution) once the pipeline is created.
    #[arg(long)]
    pub start: bool,
    /// Follow the build until it ends; exit 0 only if it ends in SUCCESS.
    #[arg(long, requires = "start")]
    pub wait: bool,
    /// Seconds between status checks with `--wait`.
    #[arg(long, default_value_t = 15.0, value_name = "SECONDS")]
    pub poll_interval: f64,
    #[command(flatten)]
    pub service: ServiceArgs,
    /// The idempotency token (default: the manifest's `client_token`, else a new UUID).
    #[arg(long, value_name = "TOKEN")]
    pub client_token: Option<String>,
    /// `text` for people, `json` for scripts.
    #[arg(long, value_enum, default_value_t = SubmitOutput::Text)]
    pub output: SubmitOutput,
    /// Use this settings file instead of discovering `bclint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every settings file.
    #[arg(long)]
    pub no_config: bool,
    /// When to use colour when printing findings.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// How to reach the service: the options `submit`, `import` and `diff` share.
#[derive(Debug, Args)]
pub struct ServiceArgs {
    /// The API endpoint (host, host:port or URL); `http://` only for loopback addresses.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The credentials profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials.
    #[arg(long)]
    pub profile: Option<String>,
    /// Sign with V3 (ACS3-HMAC-SHA256, the default) or V2 (HMAC-SHA1).
    #[arg(long, value_enum, default_value_t = SignatureArg::V3)]
    pub signature_version: SignatureArg,
    /// Seconds allowed for each HTTP attempt.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The ID of the image pipeline (`ip-…`) or image component (`ic-…`) to import.
    pub id: String,
    /// The region the pipeline or component is in.
    #[arg(long)]
    pub region: String,
    /// The directory to write into (created when missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The pipeline manifest to compare with the pipeline of the same name in its region.
    #[arg(default_value = "imagepipeline.toml")]
    pub manifest: PathBuf,
    /// The region to look in (default: the manifest's `region`).
    #[arg(long)]
    pub region: Option<String>,
    /// Use this settings file instead of discovering `bclint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every settings file.
    #[arg(long)]
    pub no_config: bool,
    /// When to use colour when printing findings.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignatureArg {
    /// ACS3-HMAC-SHA256.
    V3,
    /// HMAC-SHA1 (`SignatureVersion=1.0`).
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SubmitOutput {
    /// Human-readable lines.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Debug, Args)]
pub struct KeywordArgs {
    /// A command keyword, in any case; without one, every command is listed.
    pub name: Option<String>,
}
