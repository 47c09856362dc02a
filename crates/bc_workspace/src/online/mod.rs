//! The online check (`bclint check --online`, the editor's `bclint.online`): asks the service
//! what only it knows, for both front ends.
//!
//! For the files checked it collects the questions ([`references`]): every well-formed
//! `COMPONENT` reference of a template and the base image of every pipeline manifest. An ARN
//! naming a local component is not a question: local components take precedence, and the link
//! rules already checked the call against the local one ([`File::is_local`]). Answers
//! come from the disk cache ([`cache`]) when fresh, else from the service ([`ask`]): `ic-` ids
//! twenty to a `DescribeImageComponents` call, ARNs by name (every version, then the version
//! pattern resolved locally to the latest match, as the service does), `DescribeImages` and
//! `DescribeImageFromFamily` for base images. The findings are BC710 and BC711 from the answers
//! (`bc_component::online`), or one BC712 saying why the service could not be asked. Every call
//! is bounded by the per-attempt timeout and the whole check by [`Options::deadline`], so an
//! unreachable service costs at most that long and never fails the run by itself.

mod ask;
pub mod cache;
mod model;
pub mod references;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use bc_aliyun::credentials::resolve;
use bc_aliyun::{ApiError, Client, Credentials};
use bc_component::link::{Version, lint_calls, matches_pattern};
use bc_component::online::{base_image_not_found, component_not_found, online_check_unavailable};
use bc_lint::{Config, Diagnostic};
use bc_syntax::{Parse, Span};

pub use model::{Answer, CloudComponent, CloudParameter};
pub use references::ComponentReference;

use crate::submit::Connection;
use ask::IDS_PER_CALL;
use cache::{Cache, account_key};

/// How to ask and what to reuse.
#[derive(Debug, Clone)]
pub struct Options {
    /// Endpoint, profile, signature, per-attempt timeout and credential sources.
    pub connection: Connection,
    /// The region of `ic-` ids (ARNs and manifests name their own); `None` when not configured.
    pub region: Option<String>,
    /// Ask again even when the cache holds a fresh answer.
    pub refresh: bool,
    /// The cache directory (see [`cache::cache_dir`]); `None` disables the cache.
    pub cache_dir: Option<PathBuf>,
    /// The most the whole check may take, however many questions there are.
    pub deadline: Duration,
}

impl Options {
    /// The options for `connection`: the region from `ALIBABA_CLOUD_REGION_ID` when it is set,
    /// the XDG cache directory of its credential sources, and a 20-second deadline.
    pub fn new(connection: Connection) -> Options {
        let sources = &connection.sources;
        let region = sources
            .env
            .get("ALIBABA_CLOUD_REGION_ID")
            .filter(|region| !region.is_empty())
            .cloned();
        let cache_dir = cache::cache_dir(&sources.env, sources.home.as_deref());
        Options {
            region,
            refresh: false,
            cache_dir,
            deadline: Duration::from_secs(20),
            connection,
        }
    }
}

/// One file to check online.
#[derive(Clone, Copy)]
pub struct File<'a> {
    /// What it is.
    pub subject: Subject<'a>,
    /// Which rules run and at what severity, as for its offline findings.
    pub config: &'a Config,
    /// Whether a component name is one of the project's own (the project index has a component
    /// by that name). An ARN naming one is neither asked about nor reported: the offline link
    /// rules check it against the local component, and asking too would report its findings
    /// twice, or a BC710 for a component that is about to be submitted.
    pub is_local: &'a (dyn Fn(&str) -> bool + Sync),
}

impl fmt::Debug for File<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("subject", &self.subject)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The content of a file to check online.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A parsed template (other parses have no references).
    Template(&'a Parse),
    /// A pipeline manifest's text.
    Manifest(&'a str),
}

/// A component reference the service resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The file, as an index into the files checked.
    pub file: usize,
    /// The reference as written.
    pub span: Span,
    /// The component it resolves to (for an ARN pattern, the latest matching version).
    pub component: CloudComponent,
}

/// What the online check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The findings of each file, in the order of the files checked, sorted.
    pub findings: Vec<Vec<Diagnostic>>,
    /// The references resolved (for hover).
    pub resolved: Vec<Resolved>,
    /// How many API calls were made (cached answers need none).
    pub calls: usize,
}

/// What one question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum About {
    Component(ComponentReference),
    Image(String),
    Family(String),
}

/// One question, where it comes from and the region it is asked in.
#[derive(Debug, Clone)]
struct Question {
    file: usize,
    span: Span,
    region: Option<String>,
    about: About,
}

impl Question {
    /// The cache key: what is asked, without the region (the cache is per region).
    fn key(&self) -> String {
        match &self.about {
            About::Component(ComponentReference::Id(id)) => format!("ic:{id}"),
            About::Component(ComponentReference::Arn { name, .. }) => format!("name:{name}"),
            About::Image(id) => format!("image:{id}"),
            About::Family(family) => format!("family:{family}"),
        }
    }
}

/// Checks `files` online. See the [module documentation](self).
pub async fn check(files: &[File<'_>], options: &Options) -> Report {
    let questions = questions(files, options.region.as_deref());
    let mut report = Report {
        findings: vec![Vec::new(); files.len()],
        ..Report::default()
    };
    if questions.is_empty() {
        return report;
    }
    let mut answers: HashMap<(String, String), Answer> = HashMap::new();
    let unavailable = answer(&questions, options, &mut answers, &mut report.calls).await;
    let mut unanswered: Option<&Question> = None;
    for question in &questions {
        let answer = question
            .region
            .as_ref()
            .and_then(|region| answers.get(&(region.clone(), question.key())));
        let Some(answer) = answer else {
            unanswered = unanswered.or(Some(question));
            continue;
        };
        let region = question.region.as_deref().unwrap_or_default();
        let finding = judge(question, region, answer, &mut report.resolved);
        report.findings[question.file].extend(finding);
    }
    // The components that resolved are checked as local ones are (BC701–BC705): each template
    // against the components its own references resolved to.
    for (at, file) in files.iter().enumerate() {
        let Subject::Template(parse) = file.subject else {
            continue;
        };
        let resolved: Vec<&Resolved> = report.resolved.iter().filter(|r| r.file == at).collect();
        if resolved.is_empty() {
            continue;
        }
        let resolve = |name: &str| {
            resolved
                .iter()
                .filter(|r| r.component.id == name || r.component.name == name)
                .map(|r| r.component.called())
                .collect()
        };
        // Only versions that matched are passed, so BC706 ("no local version matches") would
        // only repeat a BC710 of another line.
        let findings = lint_calls(parse, resolve, file.config);
        report.findings[at].extend(findings.into_iter().filter(|d| d.code != "BC706"));
    }
    if let Some(question) = unanswered {
        let reason = unavailable.unwrap_or_else(|| "the service gave no answer".to_string());
        report.findings[question.file]
            .push(online_check_unavailable::diagnostic(question.span, &reason));
    }
    for (findings, file) in report.findings.iter_mut().zip(files) {
        let kept = std::mem::take(findings)
            .into_iter()
            .filter(|d| is_enabled(file.config, d.code))
            .collect();
        *findings = bc_lint::finalize(kept, file.config);
    }
    report
}

fn is_enabled(config: &Config, code: &str) -> bool {
    crate::registry::find_rule(code).is_some_and(|rule| config.is_enabled(rule))
}

/// The questions of `files`, in file order.
fn questions(files: &[File<'_>], region: Option<&str>) -> Vec<Question> {
    let mut questions = Vec::new();
    for (at, file) in files.iter().enumerate() {
        match file.subject {
            Subject::Template(parse) => {
                for found in references::component_references(parse) {
                    let region = match &found.reference {
                        ComponentReference::Arn { name, .. } if (file.is_local)(name) => continue,
                        ComponentReference::Arn { region, .. } => Some(region.clone()),
                        ComponentReference::Id(_) => region.map(str::to_string),
                    };
                    questions.push(Question {
                        file: at,
                        span: found.span,
                        region,
                        about: About::Component(found.reference),
                    });
                }
            }
            Subject::Manifest(text) => questions.extend(base_image_question(at, text)),
        }
    }
    questions
}

/// The question about a manifest's base image, when its region, type and image are set and well
/// formed (the manifest rules report them otherwise).
fn base_image_question(file: usize, text: &str) -> Option<Question> {
    let manifest = bc_pipeline::parse_manifest(text).manifest?;
    let region = manifest.region?.value;
    let image = manifest.base_image?;
    if !references::is_region(&region) || image.value.trim().is_empty() {
        return None;
    }
    let about = match manifest.base_image_type?.value.as_str() {
        "IMAGE" => About::Image(image.value),
        "IMAGE_FAMILY" => About::Family(image.value),
        _ => return None,
    };
    Some(Question {
        file,
        span: image.span,
        region: Some(region),
        about,
    })
}

/// Fills `answers` from the cache and the service, per region. Returns why some question could
/// not be asked, if one could not.
async fn answer(
    questions: &[Question],
    options: &Options,
    answers: &mut HashMap<(String, String), Answer>,
    calls: &mut usize,
) -> Option<String> {
    let started = Instant::now();
    let mut reason = None;
    if questions.iter().any(|q| q.region.is_none()) {
        reason = Some(
            "no region is set for `ic-` ids; pass --region or set ALIBABA_CLOUD_REGION_ID"
                .to_string(),
        );
    }
    let mut by_region: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
    for question in questions {
        if let Some(region) = &question.region {
            by_region.entry(region).or_default().push(question);
        }
    }
    if by_region.is_empty() {
        return reason;
    }
    let credentials = match credentials(options).await {
        Ok(credentials) => credentials,
        Err(why) => return Some(why),
    };
    let account = account_key(&credentials.access_key_id);
    for (region, questions) in by_region {
        let mut cache = Cache::open(
            options.cache_dir.as_deref(),
            &account,
            region,
            SystemTime::now(),
            options.refresh,
        );
        let mut asking = Asking {
            region,
            cache: &mut cache,
            answers,
            calls,
        };
        let asked = match Client::new(options.connection.options(region), credentials.clone()) {
            Ok(client) => {
                let remaining = options.deadline.saturating_sub(started.elapsed());
                match tokio::time::timeout(remaining, asking.ask_all(&client, &questions)).await {
                    Ok(result) => result,
                    Err(_) => Err(format!(
                        "the service did not answer within {} s",
                        options.deadline.as_secs_f64()
                    )),
                }
            }
            Err(error) => Err(describe(&error)),
        };
        // Answers that arrived before a failure are kept; a cache that cannot be written only
        // costs the next run its calls.
        let _ = cache.save();
        if let Err(why) = asked {
            return Some(why);
        }
    }
    reason
}

/// The credentials through the official chain, or why there are none.
async fn credentials(options: &Options) -> Result<Credentials, String> {
    let mut sources = options.connection.sources.clone();
    if options.connection.profile.is_some() {
        sources.profile = options.connection.profile.clone();
    }
    resolve(&sources)
        .await
        .map(|(credentials, _)| credentials)
        .map_err(|error| describe(&ApiError::Credentials(error)))
}

/// A client error as BC712 says it. The client's messages never hold a secret.
fn describe(error: &ApiError) -> String {
    error.to_string()
}

/// The state of asking one region.
struct Asking<'a> {
    region: &'a str,
    cache: &'a mut Cache,
    answers: &'a mut HashMap<(String, String), Answer>,
    calls: &'a mut usize,
}

impl Asking<'_> {
    /// Answers `questions` from the cache, and asks the service the rest: ids in batches,
    /// names, images and families one call each. Stops at the first failure.
    async fn ask_all(&mut self, client: &Client, questions: &[&Question]) -> Result<(), String> {
        let mut ids: Vec<&str> = Vec::new();
        let mut others: Vec<&Question> = Vec::new();
        for question in questions {
            let key = question.key();
            if self
                .answers
                .contains_key(&(self.region.to_string(), key.clone()))
            {
                continue;
            }
            if let Some(answer) = self.cache.get(&key) {
                self.record(key, answer.clone(), false);
                continue;
            }
            match &question.about {
                About::Component(ComponentReference::Id(id)) => {
                    if !ids.contains(&id.as_str()) {
                        ids.push(id);
                    }
                }
                _ => {
                    if !others.iter().any(|q| q.key() == key) {
                        others.push(question);
                    }
                }
            }
        }
        let region = self.region;
        for batch in ids.chunks(IDS_PER_CALL) {
            *self.calls += 1;
            let found = ask::components_by_id(client, region, batch)
                .await
                .map_err(|e| describe(&e))?;
            for id in batch {
                let this: Vec<CloudComponent> =
                    found.iter().filter(|c| c.id == *id).cloned().collect();
                self.record(format!("ic:{id}"), Answer::Components { found: this }, true);
            }
        }
        for question in others {
            *self.calls += 1;
            let answer = match &question.about {
                About::Component(ComponentReference::Arn { name, .. }) => Answer::Components {
                    found: ask::components_by_name(client, region, name)
                        .await
                        .map_err(|e| describe(&e))?,
                },
                About::Image(id) => Answer::Image {
                    exists: ask::image_exists(client, region, id)
                        .await
                        .map_err(|e| describe(&e))?,
                },
                About::Family(family) => Answer::Image {
                    exists: ask::family_has_image(client, region, family)
                        .await
                        .map_err(|e| describe(&e))?,
                },
                About::Component(ComponentReference::Id(_)) => unreachable!("ids are batched"),
            };
            self.record(question.key(), answer, true);
        }
        Ok(())
    }

    fn record(&mut self, key: String, answer: Answer, fetched: bool) {
        if fetched {
            self.cache.put(key.clone(), answer.clone());
        }
        self.answers.insert((self.region.to_string(), key), answer);
    }
}

/// The finding an answer calls for, if any; a resolved component is added to `resolved`.
fn judge(
    question: &Question,
    region: &str,
    answer: &Answer,
    resolved: &mut Vec<Resolved>,
) -> Option<Diagnostic> {
    use component_not_found::Missing;
    let span = question.span;
    let component = match (&question.about, answer) {
        (About::Component(ComponentReference::Id(id)), Answer::Components { found }) => {
            match found.first() {
                Some(component) => component,
                None => {
                    return Some(component_not_found::diagnostic(
                        span,
                        region,
                        Missing::Id(id),
                    ));
                }
            }
        }
        (
            About::Component(ComponentReference::Arn { name, pattern, .. }),
            Answer::Components { found },
        ) => {
            if found.is_empty() {
                return Some(component_not_found::diagnostic(
                    span,
                    region,
                    Missing::Name(name),
                ));
            }
            let latest = found
                .iter()
                .filter_map(|c| Some((Version::parse(&c.version)?, c)))
                .filter(|(version, _)| matches_pattern(pattern, version))
                .max_by_key(|(version, _)| *version);
            match latest {
                Some((_, component)) => component,
                None => {
                    let mut versions: Vec<String> =
                        found.iter().map(|c| c.version.clone()).collect();
                    versions.sort_by_key(|v| std::cmp::Reverse(Version::parse(v)));
                    return Some(component_not_found::diagnostic(
                        span,
                        region,
                        Missing::Version {
                            name,
                            pattern,
                            versions: &versions,
                        },
                    ));
                }
            }
        }
        (About::Image(id), Answer::Image { exists: false }) => {
            return Some(base_image_not_found::diagnostic(
                span,
                region,
                base_image_not_found::BaseImage::Image(id),
            ));
        }
        (About::Family(family), Answer::Image { exists: false }) => {
            return Some(base_image_not_found::diagnostic(
                span,
                region,
                base_image_not_found::BaseImage::Family(family),
            ));
        }
        _ => return None,
    };
    resolved.push(Resolved {
        file: question.file,
        span,
        component: component.clone(),
    });
    None
}

/// Whether a finding only says that the service could not be asked (BC712), which must never
/// fail a run by itself: an unreachable service is not a fault of the files checked.
pub fn is_unavailable(code: &str) -> bool {
    code == online_check_unavailable::RULE.code
}

/// What hover shows of a cloud component: name, version, type, id, description, parameters.
pub fn hover_markdown(component: &CloudComponent) -> String {
    let mut text = format!(
        "**{}** {} — {} component for {}  \n`{}`\n",
        component.name,
        component.version,
        component.component_type,
        component.system_type,
        component.id
    );
    if !component.description.is_empty() {
        text.push_str(&format!("\n{}\n", component.description));
    }
    if component.parameters.is_empty() {
        text.push_str("\nNo parameters.\n");
    } else {
        text.push_str("\n| parameter | type | default |\n|---|---|---|\n");
        for parameter in &component.parameters {
            let default = parameter
                .default
                .as_deref()
                .map_or_else(|| "required".to_string(), |d| format!("`{d}`"));
            text.push_str(&format!(
                "| `--{}` | {} | {} |\n",
                parameter.name, parameter.kind, default
            ));
        }
    }
    text
}
