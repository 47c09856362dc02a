//! The online check's disk cache, so that a pre-commit run asks the service nothing about
//! references it asked about minutes ago.
//!
//! One JSON file per account and region, `<cache dir>/online/<account>/<region>.json`, maps each
//! question (`ic:<id>`, `name:<name>`, `image:<id>`, `family:<name>`) to the answer and when it
//! was fetched. The account is a hash of the AccessKey ID: the file holds no credential, not even
//! the key's id, and answers of one account are never shown to another. Answers older than
//! [`TTL`] are asked again, and `--refresh` asks everything again. The file is replaced
//! atomically (a temporary file renamed over it), so a concurrent run reads the old or the new
//! answers, never half of each; a file that cannot be read as a cache is ignored and rewritten.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::model::Answer;

/// How long an answer is trusted: long enough for a commit's hooks and a CI job to share
/// answers, short enough that a component created meanwhile is seen soon (`--refresh` at once).
pub const TTL: Duration = Duration::from_secs(15 * 60);

/// The cache directory: `$XDG_CACHE_HOME/bclint`, else `~/.cache/bclint`. `XDG_CACHE_HOME` counts
/// only when it is an absolute path, as the XDG specification says.
pub fn cache_dir(env: &HashMap<String, String>, home: Option<&Path>) -> Option<PathBuf> {
    let xdg = env
        .get("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute());
    xdg.or_else(|| home.map(|home| home.join(".cache")))
        .map(|dir| dir.join("bclint"))
}

/// The directory name standing for an account: the first 16 hex digits of the SHA-256 of its
/// AccessKey ID, so that neither the id nor anything derived from the secret is written.
pub fn account_key(access_key_id: &str) -> String {
    let digest = Sha256::digest(format!("bclint-online-cache:{access_key_id}").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    entries: BTreeMap<String, Stored>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    /// Seconds since the Unix epoch.
    fetched: u64,
    answer: Answer,
}

/// The answers of one account in one region.
#[derive(Debug)]
pub struct Cache {
    /// Where the answers are kept; `None` when there is no cache directory (no `HOME`).
    path: Option<PathBuf>,
    file: CacheFile,
    now: u64,
    refresh: bool,
    dirty: bool,
}

impl Cache {
    /// Reads the answers cached under `dir` for `account` (see [`account_key`]) and `region`. A
    /// missing or unreadable file is an empty cache; with `refresh`, cached answers are not used.
    pub fn open(
        dir: Option<&Path>,
        account: &str,
        region: &str,
        now: SystemTime,
        refresh: bool,
    ) -> Cache {
        // A region id is letters, digits and dashes; anything else must not become a path.
        let safe = !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let path = dir.filter(|_| safe).map(|dir| {
            dir.join("online")
                .join(account)
                .join(format!("{region}.json"))
        });
        let file = path
            .as_deref()
            .and_then(|path| fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            path,
            file,
            now: seconds(now),
            refresh,
            dirty: false,
        }
    }

    /// The answer to `question`, if one was fetched less than [`TTL`] ago (and not refreshing).
    pub fn get(&self, question: &str) -> Option<&Answer> {
        if self.refresh {
            return None;
        }
        self.file
            .entries
            .get(question)
            .filter(|stored| self.is_fresh(stored))
            .map(|stored| &stored.answer)
    }

    /// Records the answer to `question`, fetched now.
    pub fn put(&mut self, question: String, answer: Answer) {
        let fetched = self.now;
        self.file
            .entries
            .insert(question, Stored { fetched, answer });
        self.dirty = true;
    }

    /// Writes the answers back, dropping stale ones, if any answer was added.
    pub fn save(&mut self) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if !self.dirty {
            return Ok(());
        }
        let now = self.now;
        self.file
            .entries
            .retain(|_, stored| now.saturating_sub(stored.fetched) < TTL.as_secs());
        let text = serde_json::to_vec(&self.file).map_err(io::Error::other)?;
        write_replacing(path, &text)?;
        self.dirty = false;
        Ok(())
    }

    fn is_fresh(&self, stored: &Stored) -> bool {
        // An entry from the future (a clock set back) is not trusted either.
        stored.fetched <= self.now && self.now - stored.fetched < TTL.as_secs()
    }
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`, creating the
/// directories (readable by the owner only: the answers describe the account's resources).
fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("the cache path has no directory"))?;
    create_private_dir(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id()
    ));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(exists: bool) -> Answer {
        Answer::Image { exists }
    }

    #[test]
    fn answers_live_for_the_ttl_and_refresh_ignores_them() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut cache = Cache::open(Some(dir.path()), "acct", "cn-hangzhou", t0, false);
        cache.put("image:m-1".into(), answer(true));
        cache.save().unwrap();
        let later = |secs| t0 + Duration::from_secs(secs);
        let fresh = Cache::open(Some(dir.path()), "acct", "cn-hangzhou", later(60), false);
        assert_eq!(fresh.get("image:m-1"), Some(&answer(true)));
        let stale = Cache::open(
            Some(dir.path()),
            "acct",
            "cn-hangzhou",
            later(TTL.as_secs()),
            false,
        );
        assert_eq!(stale.get("image:m-1"), None);
        let refreshing = Cache::open(Some(dir.path()), "acct", "cn-hangzhou", later(60), true);
        assert_eq!(refreshing.get("image:m-1"), None);
        let other_account = Cache::open(Some(dir.path()), "other", "cn-hangzhou", later(60), false);
        assert_eq!(other_account.get("image:m-1"), None);
        let other_region = Cache::open(Some(dir.path()), "acct", "cn-beijing", later(60), false);
        assert_eq!(other_region.get("image:m-1"), None);
    }

    #[test]
    fn a_corrupt_file_is_ignored_and_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("online/acct/cn-hangzhou.json");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"{\"entries\": {\"image:m-1\": [truncated").unwrap();
        let now = SystemTime::now();
        let mut cache = Cache::open(Some(dir.path()), "acct", "cn-hangzhou", now, false);
        assert_eq!(cache.get("image:m-1"), None);
        cache.put("image:m-2".into(), answer(false));
        cache.save().unwrap();
        let reread = Cache::open(Some(dir.path()), "acct", "cn-hangzhou", now, false);
        assert_eq!(reread.get("image:m-2"), Some(&answer(false)));
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["cn-hangzhou.json"], "no temporary file is left");
    }

    #[test]
    fn a_region_that_is_not_an_id_is_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(Some(dir.path()), "acct", "../x", SystemTime::now(), false);
        cache.put("image:m-1".into(), answer(true));
        cache.save().unwrap();
        assert!(!dir.path().join("online").exists());
    }

    #[test]
    fn the_account_key_hides_the_access_key_id() {
        let key = account_key("LTAI5tExampleAccessKeyId");
        assert_eq!(key.len(), 16);
        assert!(!key.contains("LTAI"));
        assert_ne!(key, account_key("LTAI5tOtherAccessKeyId00"));
    }

    #[test]
    fn the_directory_follows_xdg() {
        let env = |value: &str| HashMap::from([("XDG_CACHE_HOME".to_string(), value.to_string())]);
        let home = Path::new("/home/u");
        assert_eq!(
            cache_dir(&env("/tmp/c"), Some(home)),
            Some(PathBuf::from("/tmp/c/bclint"))
        );
        assert_eq!(
            cache_dir(&env("relative"), Some(home)),
            Some(PathBuf::from("/home/u/.cache/bclint"))
        );
        assert_eq!(cache_dir(&HashMap::new(), None), None);
    }
}
