//! Hostile input through the real binary: huge and sparse files, one giant line, deep brackets,
//! endless continuations, control bytes, mixed line endings, malicious settings, and a fix run that
//! cannot write. Nothing may crash, hang, use unbounded memory or lose the user's file.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bclint(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("bclint runs");
    (output, started.elapsed())
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Not a timing assertion on performance, only a guard against hangs and runaway work.
const GENEROUS: Duration = Duration::from_secs(20);

/// Did the process end normally with one of bclint's exit codes (no signal, no panic)?
fn ended_cleanly(output: &Output) -> bool {
    matches!(output.status.code(), Some(0..=2)) && !text(output).contains("internal error")
}

#[test]
fn a_sparse_100_mb_file_is_refused_as_too_large_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join("big.buildcontent")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let (output, took) = bclint(dir.path(), &["check", "big.buildcontent"]);
    assert!(took < GENEROUS);
    assert_ne!(output.status.code(), Some(0), "{}", text(&output));
    assert!(ended_cleanly(&output), "{}", text(&output));
    assert!(
        text(&output).contains("too large to be a template"),
        "{}",
        text(&output)
    );
}

#[test]
fn one_10_mb_line_is_refused_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = String::from("RUN echo ");
    line.push_str(&"x".repeat(10 * 1024 * 1024));
    fs::write(dir.path().join("line.buildcontent"), &line).unwrap();
    let (output, took) = bclint(dir.path(), &["check", "--fix", "line.buildcontent"]);
    assert!(took < GENEROUS);
    assert!(ended_cleanly(&output), "{}", text(&output));
    assert!(text(&output).contains("too large to be a template"));
    assert_eq!(
        fs::read_to_string(dir.path().join("line.buildcontent")).unwrap(),
        line
    );
}

#[test]
fn deep_unterminated_json_brackets_and_endless_continuations() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("deep.buildcontent"),
        format!(
            "CMD {}\nENTRYPOINT {}",
            "[".repeat(100_000),
            "[[\"a\",".repeat(50_000)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("cont.buildcontent"),
        format!("{}  b\n", "RUN a \\\n".repeat(100_000)),
    )
    .unwrap();
    for name in ["deep.buildcontent", "cont.buildcontent"] {
        let (output, took) = bclint(dir.path(), &["check", "--output-format", "concise", name]);
        assert!(took < GENEROUS, "{name}");
        assert!(ended_cleanly(&output), "{name}: {}", text(&output));
        assert_eq!(output.status.code(), Some(1), "{name}: {}", text(&output));
        let (output, _) = bclint(dir.path(), &["fmt", "--check", name]);
        assert!(ended_cleanly(&output), "{name}: {}", text(&output));
        let (output, _) = bclint(dir.path(), &["render", name]);
        assert!(ended_cleanly(&output), "{name}: {}", text(&output));
    }
}

#[test]
fn nul_bytes_and_mixed_line_endings_are_findings_and_fix_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("nul.buildcontent"), b"RUN a\x00b\nRUN c\n").unwrap();
    let (output, _) = bclint(
        dir.path(),
        &["check", "--output-format", "concise", "nul.buildcontent"],
    );
    assert!(ended_cleanly(&output), "{}", text(&output));
    assert!(text(&output).contains("BC001"), "{}", text(&output));

    let mixed = "run a \\\r\n  b\rRUN c\r\n\nrun d\n";
    fs::write(dir.path().join("crlf.buildcontent"), mixed).unwrap();
    let (output, _) = bclint(dir.path(), &["check", "--fix", "crlf.buildcontent"]);
    assert!(ended_cleanly(&output), "{}", text(&output));
    let fixed = fs::read_to_string(dir.path().join("crlf.buildcontent")).unwrap();
    assert_eq!(fixed, mixed.replace("run", "RUN"));
}

#[test]
fn a_malicious_settings_file_is_an_error_not_a_crash() {
    let huge_key = "k".repeat(100_000);
    let deep = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    for settings in [
        "unknown-key = 1\n[lint]\nwhat = \"ever\"\n".to_owned(),
        format!("{huge_key} = \"{}\"\n", "v".repeat(1_000_000)),
        deep,
        "[lint]\nselect = [".to_owned() + &"\"BC301\",".repeat(100_000) + "]\n",
        "fail-on = 99999999999999999999999999\n".to_owned(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bclint.toml"), &settings).unwrap();
        fs::write(dir.path().join("a.buildcontent"), "RUN echo hi\n").unwrap();
        let (output, took) = bclint(dir.path(), &["check", "a.buildcontent"]);
        assert!(took < GENEROUS);
        assert!(
            ended_cleanly(&output),
            "{}: {}",
            &settings[..settings.len().min(60)],
            text(&output)
        );
    }
}

#[test]
fn a_fix_that_cannot_be_written_keeps_the_original_and_reports_an_error() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("ro");
    fs::create_dir(&sub).unwrap();
    let original = "run yum install nginx\n";
    fs::write(sub.join("a.buildcontent"), original).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores directory permissions (and CI runs as root), so there the fix runs as the
    // unprivileged `nobody` user, for whom the read-only directory really is read-only.
    let as_root = fs::write(sub.join("probe"), "").is_ok();
    let _ = fs::remove_file(sub.join("probe"));
    let mut command = if as_root {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_bclint"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_bclint"))
    };
    let output = command
        .args(["check", "--fix", "ro/a.buildcontent"])
        .current_dir(dir.path())
        .output()
        .expect("bclint runs");
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(ended_cleanly(&output), "{}", text(&output));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("cannot write the fixed file"),
        "{}",
        text(&output)
    );
    assert_eq!(
        fs::read_to_string(sub.join("a.buildcontent")).unwrap(),
        original
    );
    let leftovers: Vec<_> = fs::read_dir(&sub).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn a_manifest_may_point_outside_the_repository_only_by_opting_in_and_never_at_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::write(dir.path().join("shared.buildcontent"), "RUN echo shared\n").unwrap();
    fs::write(
        repo.join("imagepipeline.toml"),
        "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"m-1\"\n\
         build = \"../shared.buildcontent\"\ntest = \"/dev/zero\"\n",
    )
    .unwrap();
    let check = || {
        let (output, took) = bclint(
            &repo,
            &["check", "--output-format", "concise", "imagepipeline.toml"],
        );
        assert!(took < GENEROUS, "reading /dev/zero must not run forever");
        assert!(ended_cleanly(&output), "{}", text(&output));
        assert_eq!(output.status.code(), Some(1));
        text(&output)
    };
    let report = check();
    for key in ["build", "test"] {
        assert!(
            report.contains(&format!("BC521 error `{key}` refers to")),
            "{report}"
        );
    }
    assert!(!report.contains("BC520"), "nothing is read: {report}");

    fs::write(
        repo.join("bclint.toml"),
        "allow-outside-repository = true\n",
    )
    .unwrap();
    let report = check();
    assert!(
        report.contains("BC521 info `build` refers to"),
        "`../` is allowed but shown: {report}"
    );
    assert!(
        report.contains("BC520 error `test` path `/dev/zero` is not a file"),
        "{report}"
    );
    assert!(
        !report.contains("BC520 error `build`"),
        "the template outside the repository is read: {report}"
    );
}

/// `check --fix` and `fmt` write the target of a symlink (the link stays a link) and keep the
/// file's mode, owner and group.
#[test]
fn fix_and_fmt_write_through_symlinks_and_keep_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/t.buildcontent");
    fs::write(&target, "run a\n\n\nRUN b\n").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    // Only the superuser can give a file away (CI runs as root); elsewhere the owner is ours.
    let given_away = std::os::unix::fs::chown(&target, Some(1234), Some(1235)).is_ok();
    std::os::unix::fs::symlink("real/t.buildcontent", dir.path().join("link.buildcontent"))
        .unwrap();

    let (output, _) = bclint(dir.path(), &["check", "--fix", "link.buildcontent"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(fs::read_to_string(&target).unwrap(), "RUN a\n\n\nRUN b\n");
    let (output, _) = bclint(dir.path(), &["fmt", "link.buildcontent"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(fs::read_to_string(&target).unwrap(), "RUN a\n\nRUN b\n");

    let link = fs::symlink_metadata(dir.path().join("link.buildcontent")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let written = fs::metadata(&target).unwrap();
    assert_eq!(written.permissions().mode() & 0o7777, 0o640);
    if given_away {
        assert_eq!((written.uid(), written.gid()), (1234, 1235));
    }
    assert_eq!(fs::read_dir(dir.path().join("real")).unwrap().count(), 1);
}

/// A read-only file is neither fixed nor formatted: exit 2, a message naming it, and the file
/// as it was (root could write it, and CI runs as root).
#[test]
fn fix_and_fmt_refuse_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.buildcontent");
    let original = "run a\n\n\nRUN b\n";
    fs::write(&path, original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    for args in [
        &["check", "--fix", "ro.buildcontent"][..],
        &["fmt", "ro.buildcontent"][..],
    ] {
        let (output, _) = bclint(dir.path(), args);
        assert!(ended_cleanly(&output), "{}", text(&output));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(
            text(&output).contains("ro.buildcontent: cannot write the")
                && text(&output).contains("the file is read-only; it was left unchanged"),
            "{args:?}: {}",
            text(&output)
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), original);
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o7777,
            0o444
        );
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}
