//! Set-up shared by the command-line tests: a temporary repository, and the real binary run in it
//! either plainly or with a clean environment that reaches `ecs_fake` and nothing else.

// Every test file is a crate of its own and uses only some of these helpers.
#![allow(dead_code)]

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use ecs_fake::FakeEcs;

/// The secret key the fake accepts; no output or file may ever show it.
pub const SECRET: &str = "fake-secret-never-printed-0123";

/// A repository (a `.git` directory marks its root) with an empty `home` directory for the
/// commands that read a profile, holding `files` (path, text); parent directories are created.
pub fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    fs::create_dir(root.join("home")).unwrap();
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// `bclint ARGS` in `dir`, without colours.
pub fn bclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("bclint runs")
}

/// `bclint ARGS` in `dir`, without colours, reading `input` on standard input.
pub fn bclint_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bclint starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().expect("bclint finishes")
}

/// `bclint` in `root` with a clean environment: its own HOME, no metadata service, and the key
/// the fake accepts when there is a fake. The caller adds the arguments (and `--endpoint`).
pub fn clean_bclint(root: &Path, fake: Option<&FakeEcs>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bclint"));
    command
        .current_dir(root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", root.join("home"))
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    if fake.is_some() {
        command
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
    }
    command
}

/// `bclint ARGS --endpoint FAKE` in `root`, with a clean environment holding the fake's key;
/// fails if the secret is in what it printed.
pub fn bclint_against(root: &Path, fake: &FakeEcs, args: &[&str]) -> Output {
    let output = clean_bclint(root, Some(fake))
        .args(args)
        .arg("--endpoint")
        .arg(fake.url())
        .output()
        .expect("bclint runs");
    assert_no_secret(&output);
    output
}

/// The `(name, value)` parameters a `submit --dry-run --output json` printed, sorted.
pub fn sent_parameters(output: &Output) -> Vec<(String, String)> {
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut parameters: Vec<(String, String)> = document["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    parameters.sort();
    parameters
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Fails if the secret is in what the command printed.
pub fn assert_no_secret(output: &Output) {
    for stream in [&output.stdout, &output.stderr] {
        assert!(!text(stream).contains(SECRET), "the secret leaked");
    }
}
