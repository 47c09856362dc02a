//! What bclint agrees to read, through the real binary: a stranger's commit (a symbolic link to
//! `/proc/self/environ` or to a file outside the repository, a manifest naming such files) must
//! not make any output format or `submit --dry-run` print the environment or a foreign file; the
//! refusal names the path. Also: a `bclint.toml` that is not a regular file, and a bad settings
//! file reported once.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ecs_fake::FakeEcs;

/// In the child's environment, as CI tokens and cloud keys are.
const ENV_SECRET: &str = "MARKERenvsecret7f3a";
/// In a file outside the repository.
const FILE_SECRET: &str = "MARKERfilesecret91c2";
/// Every output format of `check`.
const FORMATS: [&str; 9] = [
    "full",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "checkstyle",
];
/// A guard against a hang only (a FIFO opened for reading blocks forever); not a timing test.
const HANG: Duration = Duration::from_secs(60);

/// Runs bclint in `dir` with secrets in its environment and kills it if it hangs.
fn bclint(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_SECRET)
        .env("CI_JOB_TOKEN", ENV_SECRET)
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bclint runs");
    // The output is collected on another thread so that a large report cannot fill the pipe.
    let pid = child.id().to_string();
    let (done, finished) = mpsc::channel();
    thread::spawn(move || done.send(child.wait_with_output().unwrap()));
    match finished.recv_timeout(HANG) {
        Ok(output) => output,
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("bclint {args:?} hung");
        }
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_nothing_leaked(output: &Output, what: &str) {
    let all = text(output);
    assert!(
        !all.contains("MARKER"),
        "{what}: a secret or foreign file reached the output:\n{all}"
    );
}

/// A repository (inside a temporary directory that also holds a secret file outside it) with a
/// link to `/proc/self/environ`, a link to the outside file, and manifests naming such files.
struct Hostile {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

/// Manifests of [`Hostile`], by directory, and what their `build` names.
const MANIFESTS: [(&str, &str); 4] = [
    ("absolute", "/proc/self/environ"),
    (
        "dotdot",
        "../../../../../../../../../../../../proc/self/environ",
    ),
    ("linked", "../leak.buildcontent"),
    ("foreign", "OUTSIDE"),
];

fn hostile() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    let outside = dir.path().join("secret.buildcontent");
    fs::write(&outside, format!("RUN echo {FILE_SECRET}\n")).unwrap();
    symlink("/proc/self/environ", repo.join("leak.buildcontent")).unwrap();
    symlink(&outside, repo.join("foreign.buildcontent")).unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    fs::write(
        dir.path().join("shared/x.buildcontent"),
        format!("RUN {FILE_SECRET}\n"),
    )
    .unwrap();
    symlink(dir.path().join("shared"), repo.join("shared")).unwrap();
    fs::write(repo.join("ok.buildcontent"), "RUN echo fine\n").unwrap();
    for (name, build) in MANIFESTS {
        let build = if build == "OUTSIDE" {
            outside.display().to_string()
        } else {
            build.to_owned()
        };
        fs::create_dir(repo.join(name)).unwrap();
        fs::write(
            repo.join(name).join("imagepipeline.toml"),
            format!(
                "region = \"cn-hangzhou\"\nname = \"web-base\"\nbase_image_type = \"IMAGE\"\n\
                 base_image = \"m-bp1234567890abcdef\"\nbuild = \"{build}\"\nclient_token = \"t-1\"\n"
            ),
        )
        .unwrap();
    }
    Hostile {
        _dir: dir,
        repo,
        outside,
    }
}

/// The "done when": a repository with a link to `/proc/self/environ` and a manifest naming
/// it prints no environment variable in any output format, and exits 2 naming the path.
#[test]
fn a_walk_refuses_links_out_of_the_repository_in_every_format() {
    let project = hostile();
    for format in FORMATS {
        let output = bclint(&project.repo, &["check", "--output-format", format, "."]);
        assert_nothing_leaked(&output, format);
        assert_eq!(output.status.code(), Some(2), "{format}: {}", text(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        for link in ["leak.buildcontent", "foreign.buildcontent"] {
            assert!(
                stderr.contains(&format!(
                    "{link}: symbolic link whose target is outside the repository"
                )),
                "{format}: {stderr}"
            );
        }
        assert!(
            text(&output).contains("BC521"),
            "{format}: the manifests are linted: {}",
            text(&output)
        );
        assert!(
            !text(&output).contains("shared/x.buildcontent"),
            "a linked directory outside the repository is not entered: {}",
            text(&output)
        );
    }
}

#[test]
fn links_named_on_the_command_line_are_refused_in_every_format() {
    let project = hostile();
    for format in FORMATS {
        for link in ["leak.buildcontent", "foreign.buildcontent"] {
            let output = bclint(
                &project.repo,
                &["check", "--output-format", format, link, "ok.buildcontent"],
            );
            assert_nothing_leaked(&output, format);
            assert_eq!(output.status.code(), Some(2), "{format}: {}", text(&output));
            assert!(
                String::from_utf8_lossy(&output.stderr).contains(link),
                "{format}: {}",
                text(&output)
            );
        }
    }
    // `fmt` neither prints nor rewrites a link that leaves the repository.
    for args in [
        &["fmt", "--diff", "."][..],
        &["fmt", "leak.buildcontent", "foreign.buildcontent"],
    ] {
        let output = bclint(&project.repo, args);
        assert_nothing_leaked(&output, "fmt");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(
            text(&output).contains("leak.buildcontent"),
            "{}",
            text(&output)
        );
    }
    assert!(
        fs::symlink_metadata(project.repo.join("leak.buildcontent"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link inside the repository is read like the file it points to.
    symlink("ok.buildcontent", project.repo.join("alias.buildcontent")).unwrap();
    let output = bclint(&project.repo, &["check", "alias.buildcontent"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn manifests_naming_files_outside_the_repository_get_a_bc521_error_in_every_format() {
    let project = hostile();
    for (name, _) in MANIFESTS {
        let manifest = format!("{name}/imagepipeline.toml");
        for format in FORMATS {
            let output = bclint(
                &project.repo,
                &["check", "--output-format", format, &manifest],
            );
            assert_nothing_leaked(&output, &format!("{manifest} in {format}"));
            assert_eq!(output.status.code(), Some(1), "{format}: {}", text(&output));
            let all = text(&output);
            assert!(all.contains("BC521"), "{manifest} in {format}: {all}");
        }
        let output = bclint(
            &project.repo,
            &["check", "--output-format", "json", &manifest],
        );
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let finding = &findings[0];
        assert_eq!(finding["code"], "BC521", "{findings}");
        assert_eq!(finding["severity"], "error");
        assert!(
            finding["message"]
                .as_str()
                .unwrap()
                .contains("outside the repository; it was not read"),
            "{finding}"
        );
    }
}

#[test]
fn submit_dry_run_does_not_send_or_show_files_outside_the_repository() {
    let project = hostile();
    let fake = FakeEcs::with_key("testid", "unused-secret");
    let url = fake.url();
    for (name, _) in MANIFESTS {
        let manifest = format!("{name}/imagepipeline.toml");
        for extra in [&[][..], &["--output", "json"][..]] {
            let mut args = vec!["submit", "--dry-run", "--endpoint", &url];
            args.extend_from_slice(extra);
            args.push(&manifest);
            let output = bclint(&project.repo, &args);
            assert_nothing_leaked(&output, &manifest);
            assert_ne!(output.status.code(), Some(0), "{}", text(&output));
            assert!(text(&output).contains("BC521"), "{}", text(&output));
        }
    }
    assert!(fake.requests().is_empty());
}

#[test]
fn submit_refuses_a_manifest_whose_template_was_not_read_even_with_its_rules_off() {
    let project = hostile();
    fs::write(
        project.repo.join("bclint.toml"),
        "[severity]\nBC520 = \"off\"\nBC521 = \"off\"\n",
    )
    .unwrap();
    let fake = FakeEcs::with_key("testid", "unused-secret");
    let url = fake.url();
    for (name, _) in MANIFESTS {
        let manifest = format!("{name}/imagepipeline.toml");
        let output = bclint(
            &project.repo,
            &["submit", "--dry-run", "--endpoint", &url, &manifest],
        );
        assert_nothing_leaked(&output, &manifest);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        assert!(text(&output).contains("was not read"), "{}", text(&output));
    }
    assert!(fake.requests().is_empty());
}

#[test]
fn allow_outside_repository_reads_outside_files_but_never_system_files() {
    let project = hostile();
    fs::write(
        project.repo.join("bclint.toml"),
        "allow-outside-repository = true\n",
    )
    .unwrap();
    for (name, build) in MANIFESTS {
        let manifest = format!("{name}/imagepipeline.toml");
        let output = bclint(
            &project.repo,
            &["check", "--output-format", "concise", &manifest],
        );
        let all = text(&output);
        assert!(!all.contains(ENV_SECRET), "{all}");
        assert!(all.contains("BC521 info"), "{manifest}: {all}");
        if build == "OUTSIDE" {
            // Read as the settings allow: a clean template, so only the reminder.
            assert_eq!(output.status.code(), Some(1), "{all}");
            assert!(!all.contains("BC520"), "{all}");
        } else {
            assert!(all.contains("BC520 error"), "{manifest}: {all}");
            assert!(all.contains("is not a file"), "{all}");
        }
    }
    assert!(project.outside.exists());
}

#[test]
fn a_fifo_named_bclint_toml_is_an_error_and_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("a.buildcontent"), "RUN echo a\n").unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("bclint.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        &["check", "."][..],
        &["check", "a.buildcontent"],
        &["fmt", "--check", "."],
    ] {
        let output = bclint(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(
            text(&output).contains("bclint.toml: settings path is not a regular file"),
            "{args:?}: {}",
            text(&output)
        );
    }
    fs::remove_file(dir.path().join("bclint.toml")).unwrap();
    fs::create_dir(dir.path().join("bclint.toml")).unwrap();
    let output = bclint(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}

#[test]
fn one_bad_settings_file_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("bclint.toml"), "selct = []\n").unwrap();
    for sub in ["a", "b", "c/d"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("t.buildcontent"), "RUN echo\n").unwrap();
    }
    for args in [
        &["check", "."][..],
        &["check", "a/t.buildcontent", "b/t.buildcontent"],
        &["check", "--output-format", "json", "."],
    ] {
        let output = bclint(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.matches("unknown field `selct`").count(),
            1,
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("bclint.toml:1:1: unknown field"),
            "{stderr}"
        );
    }
}
