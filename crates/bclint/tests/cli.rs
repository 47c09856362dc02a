//! End-to-end tests of the `bclint` command line: exit codes, every output format, settings
//! discovery, standard input, fixes and bad input. Each test runs the real binary in a
//! temporary directory.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::bclint_stdin;

fn bclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("bclint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// A project with one clean and one bad template.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(
        root.join("clean.buildcontent"),
        "RUN yum install -y nginx\n",
    )
    .unwrap();
    fs::write(
        root.join("bad.buildcontent"),
        "FROM IMAGE:m-123\nrun echo 你好 \nRESTART now\n",
    )
    .unwrap();
    (dir, root)
}

#[test]
fn exit_codes() {
    let (_dir, root) = project();
    assert_eq!(code(&bclint(&root, &["check", "clean.buildcontent"])), 0);
    assert_eq!(code(&bclint(&root, &["check", "bad.buildcontent"])), 1);
    assert_eq!(
        code(&bclint(
            &root,
            &["check", "--exit-zero", "bad.buildcontent"]
        )),
        0
    );
    assert_eq!(code(&bclint(&root, &["check", "--no-such-flag"])), 2);
    let missing = bclint(&root, &["check", "missing.buildcontent"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("missing.buildcontent: no such file"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn full_output_has_code_frames_and_summary() {
    let (_dir, root) = project();
    let output = bclint(&root, &["check", "--color", "never", "bad.buildcontent"]);
    let text = stdout(&output);
    assert!(
        text.contains("[BC201 deprecated-from] Warning: `FROM` is deprecated"),
        "{text}"
    );
    assert!(text.contains("bad.buildcontent:2:1"), "{text}");
    assert!(text.contains(" 2 │ run echo 你好"), "{text}");
    assert!(
        !text.contains("\u{1b}["),
        "no colour codes with --color never"
    );
    assert!(
        text.contains("Found 1 error, 2 warnings in 1 file; 2 fixable with --fix; 1 more with --fix --unsafe-fixes."),
        "{text}"
    );
    let coloured = stdout(&bclint(
        &root,
        &["check", "--color", "always", "bad.buildcontent"],
    ));
    assert!(
        coloured.contains("\u{1b}["),
        "colour codes with --color always"
    );
}

#[test]
fn concise_json_and_json_lines() {
    let (_dir, root) = project();
    let concise = stdout(&bclint(
        &root,
        &["check", "--output-format", "concise", "bad.buildcontent"],
    ));
    insta::assert_snapshot!("concise", concise);

    let json: serde_json::Value = serde_json::from_str(&stdout(&bclint(
        &root,
        &["check", "--output-format", "json", "bad.buildcontent"],
    )))
    .expect("valid JSON");
    let findings = json.as_array().unwrap();
    assert_eq!(findings.len(), 3);
    let bc301 = findings.iter().find(|f| f["code"] == "BC301").unwrap();
    assert_eq!(
        bc301["location"]["start"],
        serde_json::json!({ "line": 2, "column": 1, "offset": 17 })
    );
    assert_eq!(bc301["fixes"][0]["applicability"], "safe");
    assert_eq!(bc301["fixes"][0]["edits"][0]["replacement"], "RUN");
    assert!(bc301["url"].as_str().unwrap().ends_with("/BC301.md"));

    let lines = stdout(&bclint(
        &root,
        &["check", "--output-format", "json-lines", "bad.buildcontent"],
    ));
    let parsed: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(parsed.len(), 3);
    assert_eq!(parsed[0]["path"], "bad.buildcontent");
}

#[test]
fn sarif_has_rules_help_and_locations() {
    let (_dir, root) = project();
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&bclint(
        &root,
        &["check", "--output-format", "sarif", "bad.buildcontent"],
    )))
    .expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 10);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(
            rules[index]["helpUri"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "bad.buildcontent");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn github_gitlab_junit_checkstyle() {
    let (_dir, root) = project();
    let github = stdout(&bclint(
        &root,
        &["check", "--output-format", "github", "bad.buildcontent"],
    ));
    insta::assert_snapshot!("github", github);

    let gitlab: serde_json::Value = serde_json::from_str(&stdout(&bclint(
        &root,
        &["check", "--output-format", "gitlab", "bad.buildcontent"],
    )))
    .expect("valid JSON");
    let issues = gitlab.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    assert!(
        issues
            .iter()
            .all(|i| i["fingerprint"].as_str().unwrap().len() == 16)
    );
    assert_eq!(issues[0]["location"]["path"], "bad.buildcontent");
    let fingerprints: std::collections::HashSet<_> =
        issues.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_eq!(fingerprints.len(), 3, "fingerprints are distinct");

    let junit = stdout(&bclint(&root, &["check", "--output-format", "junit", "."]));
    insta::assert_snapshot!("junit", junit);
    let checkstyle = stdout(&bclint(
        &root,
        &["check", "--output-format", "checkstyle", "."],
    ));
    insta::assert_snapshot!("checkstyle", checkstyle);
}

#[test]
fn statistics() {
    let (_dir, root) = project();
    let text = stdout(&bclint(
        &root,
        &["check", "--statistics", "bad.buildcontent"],
    ));
    assert!(
        text.contains("1  BC301  non-uppercase-command  [*] fixable"),
        "{text}"
    );
    assert!(text.contains("1  BC004  restart-with-arguments"), "{text}");
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let (_dir, root) = project();
    fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    fs::create_dir_all(root.join("ignored")).unwrap();
    fs::write(root.join("ignored/x.buildcontent"), "run a\n").unwrap();
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(root.join("sub/c.imagecomponent"), "COMPONENT ic-abc\n").unwrap();
    fs::write(root.join("sub/notes.txt"), "run a\n").unwrap();
    let text = stdout(&bclint(&root, &["check", "--output-format", "concise"]));
    assert!(text.contains("bad.buildcontent:1:1: BC201"), "{text}");
    assert!(text.contains("sub/c.imagecomponent:1:1: BC104"), "{text}");
    assert!(!text.contains("ignored/"), "{text}");
    assert!(!text.contains("notes.txt"), "{text}");
}

#[test]
fn settings_discovery_and_errors() {
    let (_dir, root) = project();
    fs::write(
        root.join("bclint.toml"),
        "ignore = [\"BC201\"]\n[severity]\nBC301 = \"error\"\n",
    )
    .unwrap();
    let text = stdout(&bclint(
        &root,
        &["check", "--output-format", "concise", "bad.buildcontent"],
    ));
    assert!(!text.contains("BC201"), "{text}");
    assert!(text.contains("BC301 error"), "{text}");

    // The CLI can switch the file off or replace it.
    let text = stdout(&bclint(
        &root,
        &[
            "check",
            "--no-config",
            "--output-format",
            "concise",
            "bad.buildcontent",
        ],
    ));
    assert!(text.contains("BC201"), "{text}");

    let settings = stdout(&bclint(
        &root,
        &["check", "--show-settings", "bad.buildcontent"],
    ));
    assert!(
        settings.contains("settings file: ") && settings.contains("bclint.toml"),
        "{settings}"
    );
    assert!(
        settings.contains("BC201 deprecated-from") && settings.contains("off"),
        "{settings}"
    );

    fs::write(
        root.join("bclint.toml"),
        "ignore = [\"BC201\"]\n\nselct = [\"BC\"]\n",
    )
    .unwrap();
    let output = bclint(&root, &["check", "bad.buildcontent"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("bclint.toml:3:1: unknown field `selct`"),
        "{message}"
    );

    fs::write(root.join("bclint.toml"), "fail-on = \"error\"\n").unwrap();
    assert_eq!(
        code(&bclint(
            &root,
            &["check", "clean.buildcontent", "bad.buildcontent"]
        )),
        1
    );
    fs::write(root.join("bad.buildcontent"), "run echo\n").unwrap();
    assert_eq!(
        code(&bclint(&root, &["check", "bad.buildcontent"])),
        0,
        "warnings are below fail-on"
    );
}

#[test]
fn stdin() {
    let (_dir, root) = project();
    let output = bclint_stdin(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "x.buildcontent",
            "-",
        ],
        b"run a\n",
    );
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("x.buildcontent:1:1: BC301"),
        "{}",
        stdout(&output)
    );
    let output = bclint_stdin(
        &root,
        &[
            "check",
            "--kind",
            "component",
            "--output-format",
            "concise",
            "-",
        ],
        b"COMPONENT ic-a\n",
    );
    assert!(stdout(&output).contains("BC104"), "{}", stdout(&output));
    let output = bclint_stdin(&root, &["check", "-"], b"RUN a\n");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--kind"), "{}", stderr(&output));
    let rendered = bclint_stdin(&root, &["render", "-"], b"# c\nrun a \\\n  # inner\n  b\n");
    assert_eq!(stdout(&rendered), "RUN a \\\n  b\n");
}

#[test]
fn fix_writes_files_and_a_second_run_finds_nothing_fixable() {
    let (_dir, root) = project();
    let output = bclint(
        &root,
        &[
            "check",
            "--fix",
            "--output-format",
            "concise",
            "bad.buildcontent",
        ],
    );
    assert_eq!(code(&output), 1, "RESTART now remains (unsafe fix only)");
    assert_eq!(
        fs::read_to_string(root.join("bad.buildcontent")).unwrap(),
        "RUN echo 你好 \nRESTART now\n"
    );
    let again = stdout(&bclint(
        &root,
        &["check", "--output-format", "json", "bad.buildcontent"],
    ));
    let findings: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert!(findings.as_array().unwrap().iter().all(|f| {
        f["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["applicability"] != "safe")
    }));
    let output = bclint(
        &root,
        &["check", "--fix", "--unsafe-fixes", "bad.buildcontent"],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(
        fs::read_to_string(root.join("bad.buildcontent")).unwrap(),
        "RUN echo 你好 \nRESTART\n"
    );
}

#[test]
fn diff_prints_changes_without_writing() {
    let (_dir, root) = project();
    let output = bclint(&root, &["check", "--diff", "bad.buildcontent"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    assert!(
        text.contains("-run echo 你好 \n+RUN echo 你好 \n"),
        "{text}"
    );
    assert!(text.contains("-FROM IMAGE:m-123\n"), "{text}");
    assert!(
        fs::read_to_string(root.join("bad.buildcontent"))
            .unwrap()
            .starts_with("FROM"),
        "file untouched"
    );
}

#[test]
fn invalid_utf8_and_unreadable_files_are_reported_while_others_are_linted() {
    let (_dir, root) = project();
    fs::write(root.join("latin1.buildcontent"), b"RUN echo caf\xe9\n").unwrap();
    fs::write(root.join("huge.buildcontent"), vec![b'#'; 2 * 1024 * 1024]).unwrap();
    let output = bclint(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "latin1.buildcontent",
            "huge.buildcontent",
            "bad.buildcontent",
        ],
    );
    assert_eq!(code(&output), 2);
    let errors = stderr(&output);
    assert!(
        errors.contains("latin1.buildcontent: invalid UTF-8 at byte offset 12 (line 1)"),
        "{errors}"
    );
    assert!(
        stdout(&output)
            .contains("huge.buildcontent:1:1: BC007 error file too large to be a template"),
        "a file over 1 MiB is a finding, not read: {}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("bad.buildcontent:1:1: BC201"),
        "other files are still linted"
    );

    let render = bclint(&root, &["render", "latin1.buildcontent"]);
    assert_eq!(code(&render), 2);
    assert_eq!(
        stderr(&render).lines().count(),
        1,
        "one line: {}",
        stderr(&render)
    );
    assert!(stderr(&render).contains("latin1.buildcontent: invalid UTF-8 at byte offset 12"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_hang() {
    let (_dir, root) = project();
    fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop/up")).unwrap();
    std::os::unix::fs::symlink("nowhere.buildcontent", root.join("dangling.buildcontent")).unwrap();
    let fifo = root.join("pipe.buildcontent");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let output = bclint(&root, &["check", "--output-format", "concise", "."]);
    assert_eq!(code(&output), 2);
    let errors = stderr(&output);
    assert!(
        errors.contains("pipe.buildcontent: not a regular file"),
        "{errors}"
    );
    assert!(
        errors.contains("dangling.buildcontent: no such file"),
        "{errors}"
    );
    assert!(errors.contains("symbolic link loop"), "{errors}");
    assert!(stdout(&output).contains("bad.buildcontent:1:1: BC201"));
}

#[test]
fn fmt_check_diff_and_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("a.buildcontent"),
        "run   a \\\n b\t\n\n\n\nENV X=\"1\"   \n",
    )
    .unwrap();
    let check = bclint(root, &["fmt", "--check", "a.buildcontent"]);
    assert_eq!(code(&check), 1);
    assert!(stdout(&check).contains("Would reformat: a.buildcontent"));
    let diff = bclint(root, &["fmt", "--diff", "a.buildcontent"]);
    assert_eq!(code(&diff), 1);
    assert!(
        stdout(&diff).contains("+RUN a \\\n+    b\n"),
        "{}",
        stdout(&diff)
    );
    assert_eq!(code(&bclint(root, &["fmt", "a.buildcontent"])), 0);
    assert_eq!(
        fs::read_to_string(root.join("a.buildcontent")).unwrap(),
        "RUN a \\\n    b\n\nENV X=\"1\"\n"
    );
    assert_eq!(
        code(&bclint(root, &["fmt", "--check", "a.buildcontent"])),
        0,
        "formatting is idempotent"
    );
}

#[test]
fn rule_docs() {
    let dir = tempfile::tempdir().unwrap();
    let page = stdout(&bclint(dir.path(), &["rule", "BC201"]));
    assert!(page.starts_with("# BC201 deprecated-from\n"), "{page}");
    assert!(page.contains("## Why is this bad?"));
    assert_eq!(
        stdout(&bclint(dir.path(), &["rule", "deprecated-from"])),
        page
    );
    let all: serde_json::Value = serde_json::from_str(&stdout(&bclint(
        dir.path(),
        &["rule", "--all", "--output-format", "json"],
    )))
    .unwrap();
    let codes: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"BC001") && codes.contains(&"BC403"),
        "{codes:?}"
    );
    assert_eq!(code(&bclint(dir.path(), &["rule", "BC999"])), 2);
}

#[test]
fn version() {
    let dir = tempfile::tempdir().unwrap();
    let output = bclint(dir.path(), &["--version"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        format!("bclint {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn command_docs_are_the_ones_the_editor_shows() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(&bclint(dir.path(), &["command"]));
    assert_eq!(list.lines().count(), 11, "{list}");
    assert!(list.contains("RESTART"), "{list}");
    let copy = stdout(&bclint(dir.path(), &["command", "copy"]));
    assert_eq!(
        copy,
        bc_lint::commands::find_by_name("COPY").unwrap().markdown()
    );
    assert!(copy.contains("COPY"), "{copy}");
    assert_eq!(code(&bclint(dir.path(), &["command", "ADD"])), 2);
}

#[test]
fn settings_patterns_match_from_any_working_directory() {
    let (_dir, root) = project();
    fs::create_dir_all(root.join("legacy/old")).unwrap();
    fs::create_dir_all(root.join("vendor")).unwrap();
    fs::write(root.join("legacy/old/a.buildcontent"), "run a\n").unwrap();
    fs::write(root.join("vendor/v.buildcontent"), "run v\n").unwrap();
    fs::write(
        root.join("bclint.toml"),
        "[per-file-ignores]\n\"legacy/**\" = [\"BC301\"]\n[files]\nexclude = [\"vendor/**\"]\n",
    )
    .unwrap();
    for (cwd, target) in [
        (root.clone(), "."),
        (root.join("legacy"), ".."),
        (root.join("legacy/old"), "../.."),
    ] {
        let report = stdout(&bclint(
            &cwd,
            &["check", "--output-format", "concise", target],
        ));
        assert!(
            !report.contains("a.buildcontent"),
            "per-file ignore from {}: {report}",
            cwd.display()
        );
        assert!(
            !report.contains("v.buildcontent"),
            "exclude from {}: {report}",
            cwd.display()
        );
        assert!(report.contains("bad.buildcontent"), "{report}");
    }
}

/// A project of more files than one output batch (512): 1,300 templates, every third (434 in
/// all) with one finding.
fn project_of_three_batches() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    for i in 0..1_300 {
        let text = if i % 3 == 0 {
            "run echo hi\n"
        } else {
            "RUN echo hi\n"
        };
        fs::write(root.join(format!("t{i:04}.buildcontent")), text).unwrap();
    }
    dir
}

/// The files with a finding in [`project_of_three_batches`], in path order.
fn files_with_findings() -> Vec<String> {
    (0..1_300)
        .filter(|i| i % 3 == 0)
        .map(|i| format!("t{i:04}.buildcontent"))
        .collect()
}

#[test]
fn line_formats_stream_batches_in_order_and_sum_them_up() {
    // The streamed concise output must hold the same findings, in the same order, as the JSON
    // array.
    let dir = project_of_three_batches();
    let root = dir.path();
    let concise = bclint(root, &["check", "--output-format", "concise", "."]);
    assert_eq!(code(&concise), 1);
    let concise = stdout(&concise);
    let mut lines: Vec<&str> = concise.lines().collect();
    let summary = lines.pop().unwrap();
    assert_eq!(
        summary,
        "Found 434 warnings in 434 files; 434 fixable with --fix."
    );
    let streamed: Vec<String> = lines
        .iter()
        .map(|line| line.split(':').next().unwrap().to_owned())
        .collect();
    let json = bclint(root, &["check", "--output-format", "json", "."]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let documented: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(streamed, documented);
    let mut sorted = streamed.clone();
    sorted.sort();
    assert_eq!(streamed, sorted, "files are reported in path order");

    let clean = bclint(root, &["check", "--select", "BC201", "."]);
    assert_eq!(code(&clean), 0);
    assert_eq!(
        stdout(&clean).trim_end(),
        "All checks passed (1300 files checked)."
    );
}

#[test]
fn document_formats_stream_across_batches_into_one_valid_document() {
    let dir = project_of_three_batches();
    let root = dir.path();
    let expected = files_with_findings();

    let sarif = bclint(root, &["check", "--output-format", "sarif", "."]);
    assert_eq!(code(&sarif), 1);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            let id = &rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"];
            assert_eq!(id, &r["ruleId"], "ruleIndex points at the result's rule");
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, expected);

    let gitlab = bclint(root, &["check", "--output-format", "gitlab", "."]);
    let gitlab: serde_json::Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    let paths: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, expected);

    let checkstyle = bclint(root, &["check", "--output-format", "checkstyle", "."]);
    let checkstyle = stdout(&checkstyle);
    assert!(
        checkstyle.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        )
    );
    assert!(checkstyle.ends_with("</checkstyle>\n"));
    let files: Vec<&str> = checkstyle
        .lines()
        .filter_map(|line| line.strip_prefix("  <file name=\""))
        .map(|rest| rest.trim_end_matches("\">"))
        .collect();
    assert_eq!(files, expected);
    assert_eq!(checkstyle.matches("<error ").count(), expected.len());

    let statistics = bclint(root, &["check", "--statistics", "."]);
    assert_eq!(
        stdout(&statistics),
        "  434  BC301  non-uppercase-command  [*] fixable\nFound 434 warnings in 434 files; 434 fixable with --fix.\n"
    );

    // Nothing to report is still one whole document.
    let sarif = bclint(
        root,
        &[
            "check",
            "--select",
            "BC201",
            "--output-format",
            "sarif",
            ".",
        ],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let gitlab = bclint(
        root,
        &[
            "check",
            "--select",
            "BC201",
            "--output-format",
            "gitlab",
            ".",
        ],
    );
    assert_eq!(stdout(&gitlab), "[]\n");
    let checkstyle = bclint(
        root,
        &[
            "check",
            "--select",
            "BC201",
            "--output-format",
            "checkstyle",
            ".",
        ],
    );
    assert_eq!(
        stdout(&checkstyle),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
    );
}

#[test]
fn unknown_codes_on_the_command_line_are_usage_errors() {
    let (_dir, root) = project();
    for (args, expected) in [
        (
            &["--select", "NOPE"][..],
            "bclint: error: --select: unknown rule code, prefix or name `NOPE`; use codes such as `BC301`",
        ),
        (
            &["--select", "BC201,BC3O1"][..],
            "bclint: error: --select: unknown rule code, prefix or name `BC3O1`; did you mean `BC301`?",
        ),
        (
            &["--extend-select", "BC3O7"][..],
            "bclint: error: --extend-select: unknown rule code, prefix or name `BC3O7`; did you mean `BC307`?",
        ),
        (
            &["--ignore", "NOPE"][..],
            "bclint: error: --ignore: unknown rule code, prefix or name `NOPE`",
        ),
    ] {
        let output = bclint(
            &root,
            &[&["check"][..], args, &["bad.buildcontent"]].concat(),
        );
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stdout(&output).contains("All checks passed"), "{args:?}");
    }
    // Prefixes, names and ALL stay valid.
    let output = bclint(
        &root,
        &[
            "check",
            "--select",
            "BC3,deprecated-from",
            "--extend-select",
            "ALL",
            "--ignore",
            "bc307",
            "--output-format",
            "concise",
            "bad.buildcontent",
        ],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("BC201"), "{}", stdout(&output));
}
