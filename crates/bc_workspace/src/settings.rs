//! `bclint.toml` (or `.bclint.toml`): parsing, validation against the rule registry, discovery
//! (the nearest file walking up from a linted file to the repository root) and resolution into
//! the [`bc_lint::Config`] for one file.
//!
//! ```toml
//! select = ["BC"]                 # rule codes, code prefixes, rule names or "ALL"
//! extend-select = ["BC307"]
//! ignore = ["BC304"]
//! fail-on = "warning"             # lowest severity that makes `bclint check` exit 1
//! allow-outside-repository = true # read manifest templates outside the repository
//! [severity]
//! BC301 = "error"                 # off | info | warning | error
//! [per-file-ignores]
//! "legacy/**" = ["BC201"]
//! [files]
//! include = ["templates/*.tpl"]   # extra files to lint as build templates
//! exclude = ["vendor/**"]
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bc_lint::{Config, Level, RuleMeta, Severity};

use crate::registry;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::files::{ReadError, open_regular};

/// The names a settings file may have, in the order they are looked for in each directory.
pub const SETTINGS_FILE_NAMES: [&str; 2] = ["bclint.toml", ".bclint.toml"];

/// The largest settings file read; a larger one is refused rather than parsed.
const MAX_SETTINGS_BYTES: usize = 256 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSettings {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    allow_outside_repository: Option<bool>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    files: Option<RawFiles>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

/// A settings problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    /// The settings file.
    pub path: PathBuf,
    /// 1-based line and column of the problem, when known.
    pub location: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for SettingsError {}

/// Rule selection as given on the command line; it takes precedence over the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Replaces the file's `select`.
    pub select: Option<Vec<String>>,
    /// Added to `extend-select`.
    pub extend_select: Vec<String>,
    /// Added to `ignore`.
    pub ignore: Vec<String>,
}

impl Overrides {
    /// Checks every selector against the rule registry as a settings file's are checked, so a
    /// typo is a usage error rather than a selection that silently matches nothing.
    pub fn validate(&self) -> Result<(), String> {
        let lists = [
            ("--select", self.select.as_deref().unwrap_or_default()),
            ("--extend-select", self.extend_select.as_slice()),
            ("--ignore", self.ignore.as_slice()),
        ];
        for (flag, selectors) in lists {
            for selector in selectors {
                check_selector(selector).map_err(|message| format!("{flag}: {message}"))?;
            }
        }
        Ok(())
    }
}

/// Resolved settings from one file (or the defaults).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file these came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The directory patterns are relative to.
    pub root: PathBuf,
    select: Option<Vec<String>>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<String, Level>,
    per_file_ignores: Vec<(String, GlobSet, Vec<String>)>,
    /// The lowest severity that fails `bclint check`.
    pub fail_on: Severity,
    /// Whether a manifest's `build` and `test` files are read even when they are outside the
    /// repository (BC521 is then information instead of an error).
    pub allow_outside_repository: bool,
    include_patterns: Vec<String>,
    include: GlobSet,
    exclude_patterns: Vec<String>,
    exclude: GlobSet,
}

impl Settings {
    /// The defaults, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Settings {
        Settings {
            path: None,
            root,
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            per_file_ignores: Vec::new(),
            fail_on: Severity::Info,
            allow_outside_repository: false,
            include_patterns: Vec::new(),
            include: GlobSet::empty(),
            exclude_patterns: Vec::new(),
            exclude: GlobSet::empty(),
        }
    }

    /// Reads and validates a settings file against the rule registry.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let error = |message: String| SettingsError {
            path: path.to_owned(),
            location: None,
            message,
        };
        // The same checks as for templates: a FIFO, a device or a link into /proc is refused
        // with a message, never opened in a way that blocks, and never quoted.
        let (file, size) = open_regular(path).map_err(|e| match e {
            ReadError::NotAFile => error("settings path is not a regular file".into()),
            other => error(format!("cannot read settings: {other}")),
        })?;
        if size as usize > MAX_SETTINGS_BYTES {
            return Err(error(format!(
                "settings file is larger than {MAX_SETTINGS_BYTES} bytes"
            )));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        file.take(MAX_SETTINGS_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| error(format!("cannot read settings: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            error(format!(
                "settings file is not UTF-8 (byte offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        // Patterns are relative to the settings file's directory, wherever bclint runs from.
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let root = std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf());
        Settings::parse(&text, path, root)
    }

    /// Parses settings text; `path` is used in messages and `root` anchors patterns.
    pub fn parse(text: &str, path: &Path, root: PathBuf) -> Result<Settings, SettingsError> {
        let at = |offset: usize, message: String| SettingsError {
            path: path.to_owned(),
            location: Some(line_col(text, offset)),
            message,
        };
        let raw: RawSettings = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |span| span.start);
            at(offset, e.message().trim().to_owned())
        })?;
        let selectors = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<String>, SettingsError> {
            list.unwrap_or_default()
                .into_iter()
                .map(|item| {
                    let value = item.get_ref().trim().to_owned();
                    check_selector(&value)
                        .map(|()| value)
                        .map_err(|message| at(item.span().start, message))
                })
                .collect()
        };
        let mut settings = Settings::defaults(root);
        settings.path = Some(path.to_owned());
        settings.select = match raw.select {
            Some(list) => Some(selectors(Some(list))?),
            None => None,
        };
        settings.extend_select = selectors(raw.extend_select)?;
        settings.ignore = selectors(raw.ignore)?;
        settings.allow_outside_repository = raw.allow_outside_repository.unwrap_or(false);
        if let Some(fail_on) = raw.fail_on {
            settings.fail_on = Severity::from_name(fail_on.get_ref()).ok_or_else(|| {
                at(
                    fail_on.span().start,
                    format!(
                        "`fail-on` must be \"error\", \"warning\" or \"info\", not {:?}",
                        fail_on.get_ref()
                    ),
                )
            })?;
        }
        for (code, level) in raw.severity.unwrap_or_default() {
            let rule = registry::find_rule(code.get_ref()).ok_or_else(|| {
                at(
                    code.span().start,
                    format!("unknown rule `{}` in [severity]", code.get_ref()),
                )
            })?;
            let level = Level::from_name(level.get_ref()).ok_or_else(|| {
                at(
                    level.span().start,
                    format!(
                        "severity must be \"off\", \"info\", \"warning\" or \"error\", not {:?}",
                        level.get_ref()
                    ),
                )
            })?;
            settings.severity.insert(rule.code.to_owned(), level);
        }
        for (pattern, codes) in raw.per_file_ignores.unwrap_or_default() {
            let glob =
                build_globs(std::slice::from_ref(&pattern)).map_err(|(offset, e)| at(offset, e))?;
            let codes = selectors(Some(codes))?;
            settings
                .per_file_ignores
                .push((pattern.into_inner(), glob, codes));
        }
        if let Some(files) = raw.files {
            let include = files.include.unwrap_or_default();
            settings.include = build_globs(&include).map_err(|(offset, e)| at(offset, e))?;
            settings.include_patterns = include.into_iter().map(Spanned::into_inner).collect();
            let exclude = files.exclude.unwrap_or_default();
            settings.exclude = build_globs(&exclude).map_err(|(offset, e)| at(offset, e))?;
            settings.exclude_patterns = exclude.into_iter().map(Spanned::into_inner).collect();
        }
        Ok(settings)
    }

    /// Applies command-line overrides.
    pub fn with_overrides(mut self, overrides: &Overrides) -> Settings {
        if let Some(select) = &overrides.select {
            self.select = Some(select.clone());
        }
        self.extend_select
            .extend(overrides.extend_select.iter().cloned());
        self.ignore.extend(overrides.ignore.iter().cloned());
        self
    }

    /// The linter configuration for `file`.
    pub fn config_for(&self, file: &Path) -> Config {
        let relative = self.relative(file);
        let relative = relative.as_path();
        let file_ignores: Vec<&String> = self
            .per_file_ignores
            .iter()
            .filter(|(_, glob, _)| glob.is_match(relative))
            .flat_map(|(_, _, codes)| codes)
            .collect();
        let mut config = registry::config();
        for rule in registry::rules() {
            let mut enabled = match &self.select {
                Some(select) => select.iter().any(|s| matches(s, rule)),
                None => rule.enabled_by_default,
            };
            let mut severity = rule.severity;
            if self.extend_select.iter().any(|s| matches(s, rule)) {
                enabled = true;
            }
            match self.severity.get(rule.code) {
                Some(Level::Off) => enabled = false,
                Some(Level::On(chosen)) => {
                    enabled = true;
                    severity = *chosen;
                }
                None => {}
            }
            if self
                .ignore
                .iter()
                .chain(file_ignores.iter().copied())
                .any(|s| matches(s, rule))
            {
                enabled = false;
            }
            let level = if enabled {
                Level::On(severity)
            } else {
                Level::Off
            };
            // Only record what differs from the rule's own default, so per-finding severities
            // (such as the error variants of BC201) are kept unless the user chose one.
            let default = if rule.enabled_by_default {
                Level::On(rule.severity)
            } else {
                Level::Off
            };
            if level != default || self.severity.contains_key(rule.code) {
                config.levels.insert(rule.code.to_owned(), level);
            }
        }
        config
    }

    /// Whether `path` (relative to the root or absolute) matches `[files] include`.
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.is_match(self.relative(path))
    }

    /// Whether `path` matches `[files] exclude`.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    /// `path` relative to the settings root, which is what patterns are written against. A
    /// relative path is taken from the working directory first, so patterns match wherever
    /// `bclint` runs from.
    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        absolute
            .strip_prefix(&self.root)
            .map_or(absolute.clone(), Path::to_path_buf)
    }

    /// A readable dump of the resolved settings, for `bclint check --show-settings`.
    pub fn show(&self, file: &Path) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let source = self
            .path
            .as_ref()
            .map_or("(defaults; no bclint.toml found)".to_owned(), |p| {
                p.display().to_string()
            });
        let _ = writeln!(out, "settings file: {source}");
        let _ = writeln!(out, "root: {}", self.root.display());
        let _ = writeln!(
            out,
            "select: {}",
            self.select
                .as_ref()
                .map_or("(rules enabled by default)".to_owned(), |s| s.join(", "))
        );
        let _ = writeln!(out, "extend-select: [{}]", self.extend_select.join(", "));
        let _ = writeln!(out, "ignore: [{}]", self.ignore.join(", "));
        let _ = writeln!(out, "fail-on: {}", self.fail_on.as_str());
        let _ = writeln!(
            out,
            "allow-outside-repository: {}",
            self.allow_outside_repository
        );
        for (pattern, _, codes) in &self.per_file_ignores {
            let _ = writeln!(
                out,
                "per-file-ignores: {pattern:?} = [{}]",
                codes.join(", ")
            );
        }
        let _ = writeln!(out, "files.include: [{}]", self.include_patterns.join(", "));
        let _ = writeln!(out, "files.exclude: [{}]", self.exclude_patterns.join(", "));
        let config = self.config_for(file);
        let _ = writeln!(out, "rules for {}:", file.display());
        for rule in registry::rules() {
            let level = match config.levels.get(rule.code) {
                Some(Level::Off) => "off".to_owned(),
                Some(Level::On(severity)) => severity.as_str().to_owned(),
                None if rule.enabled_by_default => rule.severity.as_str().to_owned(),
                None => "off".to_owned(),
            };
            let _ = writeln!(out, "  {} {:<36} {level}", rule.code, rule.name);
        }
        out
    }
}

/// Accepts `ALL`, a rule name, or a prefix of a rule code; otherwise says what is wrong, with
/// the closest code or name when one is close enough to be a typo (`BC3O1` for `BC301`).
fn check_selector(selector: &str) -> Result<(), String> {
    if selector == "ALL"
        || (!selector.is_empty() && registry::rules().iter().any(|r| matches(selector, r)))
    {
        return Ok(());
    }
    let mut message = format!("unknown rule code, prefix or name `{selector}`");
    let upper = selector.to_ascii_uppercase();
    let closest = registry::rules()
        .iter()
        .flat_map(|rule| {
            [
                (bc_lint::edit_distance(&upper, rule.code), rule.code),
                (bc_lint::edit_distance(selector, rule.name), rule.name),
            ]
        })
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, _)| *distance <= 2 && *distance < selector.len());
    match closest {
        Some((_, suggestion)) => message.push_str(&format!("; did you mean `{suggestion}`?")),
        None => message.push_str(
            "; use codes such as `BC301`, prefixes such as `BC3`, rule names or `ALL` \
             (`bclint rule --all` lists the rules)",
        ),
    }
    Err(message)
}

/// `ALL`, a rule name, or a (case-insensitive) prefix of a rule code such as `BC3`.
fn matches(selector: &str, rule: &RuleMeta) -> bool {
    selector == "ALL"
        || selector == rule.name
        || (selector.len() <= rule.code.len()
            && rule.code[..selector.len()].eq_ignore_ascii_case(selector))
}

fn build_globs(patterns: &[Spanned<String>]) -> Result<GlobSet, (usize, String)> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern.get_ref()).map_err(|e| {
            (
                pattern.span().start,
                format!("invalid glob {:?}: {e}", pattern.get_ref()),
            )
        })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| (0, e.to_string()))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Finds the settings for files, caching per directory. Settings files are looked for from the
/// file's directory upwards, stopping at the repository root (a directory holding `.git`).
pub struct Discovery {
    overrides: Overrides,
    fallback_root: PathBuf,
    fixed: Option<Arc<Settings>>,
    cache: Mutex<HashMap<PathBuf, Result<Arc<Settings>, SettingsError>>>,
}

impl Discovery {
    /// A discovery with command-line `overrides`; files outside any settings file
    /// get the defaults rooted at `fallback_root` (the working directory).
    pub fn new(overrides: Overrides, fallback_root: PathBuf) -> Discovery {
        Discovery {
            overrides,
            fallback_root,
            fixed: None,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The settings that apply to `file`.
    pub fn settings_for(&self, file: &Path) -> Result<Arc<Settings>, SettingsError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let absolute = if file.is_absolute() {
            file.to_path_buf()
        } else {
            self.fallback_root.join(file)
        };
        let dir = absolute
            .parent()
            .map_or_else(|| self.fallback_root.clone(), Path::to_path_buf);
        self.settings_for_dir(&dir)
    }

    fn settings_for_dir(&self, dir: &Path) -> Result<Arc<Settings>, SettingsError> {
        if let Some(cached) = self.cache.lock().expect("settings cache lock").get(dir) {
            return cached.clone();
        }
        // Anything by a settings file's name counts, so that a FIFO, a directory or a dangling
        // link named `bclint.toml` is reported instead of silently ignored.
        let result = match SETTINGS_FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.symlink_metadata().is_ok())
        {
            Some(path) => {
                Settings::load(&path).map(|s| Arc::new(s.with_overrides(&self.overrides)))
            }
            None if dir.join(".git").exists() => Ok(self.defaults()),
            None => match dir.parent() {
                Some(parent) => self.settings_for_dir(parent),
                None => Ok(self.defaults()),
            },
        };
        self.cache
            .lock()
            .expect("settings cache lock")
            .insert(dir.to_path_buf(), result.clone());
        result
    }

    fn defaults(&self) -> Arc<Settings> {
        Arc::new(Settings::defaults(self.fallback_root.clone()).with_overrides(&self.overrides))
    }

    /// Uses one settings file for every path (`--config FILE`), or the defaults for every path
    /// (`--no-config`, with `None`), instead of discovering them.
    pub fn use_fixed(&mut self, settings: Option<Settings>) {
        let settings = settings.unwrap_or_else(|| Settings::defaults(self.fallback_root.clone()));
        self.fixed = Some(Arc::new(settings.with_overrides(&self.overrides)));
    }

    /// Forgets cached settings (the language server calls this when a settings file changes).
    pub fn clear(&self) {
        self.cache.lock().expect("settings cache lock").clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, SettingsError> {
        Settings::parse(text, Path::new("bclint.toml"), PathBuf::from("/repo"))
    }

    #[test]
    fn unknown_keys_are_located() {
        let error = parse("select = [\"BC\"]\nselct = []\n").unwrap_err();
        assert_eq!(error.location, Some((2, 1)));
        assert!(
            error.message.contains("unknown field `selct`"),
            "{}",
            error.message
        );
        let error = parse("[severity]\nBC999 = \"error\"\n").unwrap_err();
        assert_eq!(error.location, Some((2, 1)));
        let error = parse("ignore = [\"XX1\"]\n").unwrap_err();
        assert!(error.message.contains("XX1"));
        assert!(
            parse("fail-on = \"fatal\"")
                .unwrap_err()
                .message
                .contains("fail-on")
        );
        assert!(parse("[files]\ninclude = [\"[\"]").is_err());
    }

    #[test]
    fn command_line_selectors_are_checked_like_the_file_s() {
        let overrides = |select: &[&str], ignore: &[&str]| Overrides {
            select: Some(select.iter().map(|s| s.to_string()).collect()),
            extend_select: Vec::new(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        };
        for valid in [
            "BC301",
            "bc301",
            "BC3",
            "BC",
            "ALL",
            "non-uppercase-command",
        ] {
            assert_eq!(overrides(&[valid], &[]).validate(), Ok(()), "{valid}");
        }
        assert_eq!(
            overrides(&["BC3O1"], &[]).validate(),
            Err(
                "--select: unknown rule code, prefix or name `BC3O1`; did you mean `BC301`?".into()
            )
        );
        assert_eq!(
            overrides(&["BC301"], &["non-uppercase-comand"]).validate(),
            Err("--ignore: unknown rule code, prefix or name `non-uppercase-comand`; did you mean `non-uppercase-command`?".into())
        );
        let nope = Overrides {
            extend_select: vec!["NOPE".into()],
            ..Overrides::default()
        }
        .validate()
        .unwrap_err();
        assert!(
            nope.starts_with(
                "--extend-select: unknown rule code, prefix or name `NOPE`; use codes"
            ),
            "{nope}"
        );
        assert!(overrides(&[""], &[]).validate().is_err());
        // The file says the same, at the place of the selector.
        let error = parse("select = [\"BC3O1\"]").unwrap_err();
        assert_eq!(error.location, Some((1, 11)));
        assert!(
            error.message.ends_with("did you mean `BC301`?"),
            "{}",
            error.message
        );
    }

    #[test]
    fn resolution() {
        let settings = parse(
            "ignore = [\"BC301\"]\n[severity]\nBC201 = \"error\"\n[per-file-ignores]\n\"legacy/**\" = [\"BC2\"]\n",
        )
        .unwrap();
        let config = settings.config_for(Path::new("/repo/a.buildcontent"));
        assert_eq!(config.levels.get("BC301"), Some(&Level::Off));
        assert_eq!(
            config.levels.get("BC201"),
            Some(&Level::On(Severity::Error))
        );
        let legacy = settings.config_for(Path::new("/repo/legacy/x/a.buildcontent"));
        assert_eq!(legacy.levels.get("BC201"), Some(&Level::Off));
        let select = parse("select = [\"BC0\"]")
            .unwrap()
            .config_for(Path::new("/repo/a"));
        assert_eq!(select.levels.get("BC301"), Some(&Level::Off));
        assert_eq!(select.levels.get("BC001"), None, "BC001 keeps its default");
    }

    #[test]
    fn discovery_stops_at_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("a/b")).unwrap();
        std::fs::write(dir.path().join("bclint.toml"), "ignore = [\"BC301\"]").unwrap();
        std::fs::write(repo.join("a/.bclint.toml"), "ignore = [\"BC201\"]").unwrap();
        let discovery = Discovery::new(Overrides::default(), repo.clone());
        let nested = discovery
            .settings_for(&repo.join("a/b/x.buildcontent"))
            .unwrap();
        assert_eq!(
            nested.path.as_deref(),
            Some(repo.join("a/.bclint.toml").as_path())
        );
        let top = discovery
            .settings_for(&repo.join("x.buildcontent"))
            .unwrap();
        assert_eq!(
            top.path, None,
            "the file above the repository root is not used"
        );
    }
}
