//! YAML image components on the command line: `check` lints them as YAML whatever their name,
//! and `fmt`, `check --fix` and `render` never damage them (issue 12, "Never damage a
//! component"), including the documentation's own examples and broken, hostile input.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{bclint, bclint_stdin, repository};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

/// A YAML component with a parameter, a comment and a layout `fmt` would change in a template
/// (indentation, a block scalar, trailing spaces inside it, no final newline).
const COMPONENT: &str = "\
# Installs nginx.
Parameters:
  port:
    Type: Number
    DefaultValue: 80
Tasks:
  - Name: install
    Action: RunShellCommand
    Properties:
      commandContent: |
        yum install -y nginx   \n        echo listen {{ port }}
  - Name: reboot
    Action: Reboot";

/// A repository holding `files` (name, content).
fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = repository(files);
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// The codes `check --output-format concise` prints, in order.
fn codes(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter_map(|line| {
            line.split(' ')
                .find(|word| word.len() == 5 && word.starts_with("BC"))
                .map(str::to_owned)
        })
        .collect()
}

/// The YAML component names bclint recognises: by content as `*.imagecomponent`, by name as
/// `*.imagecomponent.yaml` or `.yml`.
const NAMES: [&str; 3] = [
    "web.imagecomponent",
    "web.imagecomponent.yaml",
    "web.imagecomponent.yml",
];

#[test]
fn check_lints_a_yaml_component_as_yaml_under_every_name_and_walks_find_them() {
    let broken = "Tasks:\n  - Name: a\n    Action: RunShelCommand\n";
    for name in NAMES {
        let (_dir, root) = project(&[(name, broken), ("compose.yaml", broken)]);
        let named = bclint(&root, &["check", "--output-format", "concise", name]);
        assert_eq!(code(&named), 1, "{name}: {}", stderr(&named));
        assert_eq!(codes(&named), ["BC603"], "{name}: {}", stdout(&named));
        let full = stdout(&bclint(&root, &["check", name]));
        assert!(full.contains("did you mean `RunShellCommand`"), "{full}");
        // A walk picks up the component and leaves other YAML alone.
        let walked = bclint(&root, &["check", "--output-format", "concise", "."]);
        assert_eq!(codes(&walked), ["BC603"], "{name}: {}", stdout(&walked));
        assert!(!stdout(&walked).contains("compose.yaml"));
    }
}

#[test]
fn standard_input_of_kind_component_is_told_apart_by_content() {
    let (_dir, root) = project(&[]);
    let yaml = bclint_stdin(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "--kind",
            "component",
            "-",
        ],
        b"Tasks:\n  - Name: a\n    Action: Reboot\n    Properties: {forceStop: maybe}\n",
    );
    assert_eq!(codes(&yaml), ["BC606"], "{}", stdout(&yaml));
    let dockerfile = bclint_stdin(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "--kind",
            "component",
            "-",
        ],
        b"run echo hi\n",
    );
    assert_eq!(codes(&dockerfile), ["BC301"], "{}", stdout(&dockerfile));
}

#[test]
fn yaml_findings_appear_in_every_output_format_with_frames_and_statistics() {
    let (_dir, root) = project(&[(
        "web.imagecomponent",
        "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: yum install nginx\n",
    )]);
    let full = bclint(&root, &["check", "web.imagecomponent"]);
    let text = stdout(&full);
    assert!(text.contains("BC303"), "{text}");
    // The frame quotes the YAML line and points at `yum install`.
    assert!(text.contains("commandContent: yum install nginx"), "{text}");
    assert!(text.contains("web.imagecomponent:5:23"), "{text}");
    for format in [
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "checkstyle",
        "json-lines",
    ] {
        let output = bclint(&root, &["check", "--output-format", format, "."]);
        assert_eq!(code(&output), 1, "{format}");
        assert!(
            stdout(&output).contains("BC303"),
            "{format}: {}",
            stdout(&output)
        );
    }
    let statistics = bclint(&root, &["check", "--statistics", "."]);
    assert!(
        stdout(&statistics).contains("BC303"),
        "{}",
        stdout(&statistics)
    );
}

#[test]
fn suppression_comments_work_in_yaml_components() {
    let source = "\
# bclint: ignore-file=BC609
Parameters:
  unused: {Type: String, DefaultValue: x}
Tasks:
  # bclint: ignore=BC303 -- the base image answers yes
  - Name: a
    Action: RunShellCommand
    Properties:
      commandContent: yum install nginx
  - Name: b
    Action: RunShellCommand
    Properties:
      # bclint: ignore=BC403
      commandContent: yum install vim
";
    let (_dir, root) = project(&[("web.imagecomponent.yaml", source)]);
    let output = bclint(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "web.imagecomponent.yaml",
        ],
    );
    // The second task's BC303 is not suppressed, and its BC403 suppression is unused.
    assert_eq!(codes(&output), ["BC006", "BC303"], "{}", stdout(&output));
    assert!(stdout(&output).contains(":13:"), "{}", stdout(&output));
    assert!(stdout(&output).contains(":14:"), "{}", stdout(&output));
}

#[test]
fn fmt_never_rewrites_a_yaml_component_and_says_so() {
    for name in NAMES {
        let (_dir, root) = project(&[(name, COMPONENT)]);
        for args in [
            &["fmt", name][..],
            &["fmt", "--check", name],
            &["fmt", "--diff", name],
            &["fmt", "."],
        ] {
            let output = bclint(&root, args);
            assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
            assert_eq!(stdout(&output), "", "{args:?}");
            assert!(
                stderr(&output).contains("YAML component left unchanged"),
                "{args:?}: {}",
                stderr(&output)
            );
            assert_eq!(fs::read_to_string(root.join(name)).unwrap(), COMPONENT);
        }
    }
    // Formatting standard input (an editor's format-on-save) echoes it byte for byte.
    let (_dir, root) = project(&[]);
    let output = bclint_stdin(
        &root,
        &["fmt", "--kind", "component", "-"],
        COMPONENT.as_bytes(),
    );
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), COMPONENT);
}

#[test]
fn check_fix_leaves_a_yaml_component_unchanged_without_an_exact_fix() {
    // A finding without a fix, and a BC303 in an escaped string whose fix cannot be placed.
    let source = "Tasks:\n  - Name: a\n    Action: Deploy\n  - Name: b\n    Action: RunShellCommand\n    Properties:\n      commandContent: \"echo \\\"go\\\"; yum install vim\"\n";
    for name in NAMES {
        let (_dir, root) = project(&[(name, source)]);
        for args in [
            &["check", "--fix", name][..],
            &["check", "--fix", "--unsafe-fixes", name],
        ] {
            let output = bclint(&root, args);
            assert_eq!(code(&output), 1, "{args:?}: {}", stderr(&output));
            assert_eq!(fs::read_to_string(root.join(name)).unwrap(), source);
        }
        // No diff: nothing would change.
        let output = bclint(&root, &["check", "--diff", name]);
        assert!(
            !stdout(&output).contains("+++"),
            "{name}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn check_fix_applies_only_fixes_that_map_exactly_onto_the_yaml() {
    let source = "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: |\n        yum install nginx\n";
    let (_dir, root) = project(&[("web.imagecomponent", source)]);
    let output = bclint(&root, &["check", "--fix", "web.imagecomponent"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(
        fs::read_to_string(root.join("web.imagecomponent")).unwrap(),
        source.replace("install nginx", "install -y nginx")
    );
}

#[test]
fn render_prints_a_yaml_component_exactly() {
    for name in NAMES {
        let (_dir, root) = project(&[(name, COMPONENT)]);
        let output = bclint(&root, &["render", name]);
        assert_eq!(code(&output), 0, "{name}: {}", stderr(&output));
        assert_eq!(stdout(&output), COMPONENT, "{name}");
        assert_eq!(fs::read_to_string(root.join(name)).unwrap(), COMPONENT);
    }
    let (_dir, root) = project(&[]);
    let output = bclint_stdin(
        &root,
        &["render", "--kind", "component", "-"],
        COMPONENT.as_bytes(),
    );
    assert_eq!(stdout(&output), COMPONENT);
}

/// The documentation's examples (kept in bc_component's test data).
fn doc_examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bc_component/test_data/docs");
    let mut examples: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    examples.sort();
    examples
}

#[test]
fn the_documentation_examples_lint_as_documented_and_survive_fmt_and_render() {
    let expected = [
        ("custom-parameters", vec![]),
        ("custom-parameters-flow", vec![]),
        ("oss-script", vec!["BC308"; 5]),
        ("sdk-helloworld", vec![]),
        ("skeleton", vec!["BC603", "BC600"]),
        ("skeleton-quoted", vec!["BC603"]),
    ];
    let examples = doc_examples();
    assert_eq!(examples.len(), expected.len());
    for ((name, text), (expected_name, expected_codes)) in examples.iter().zip(expected) {
        assert_eq!(name, expected_name);
        let file = format!("{name}.imagecomponent");
        let (_dir, root) = project(&[(&file, text)]);
        let checked = bclint(&root, &["check", "--output-format", "concise", &file]);
        assert_eq!(
            codes(&checked),
            expected_codes,
            "{name}: {}",
            stdout(&checked)
        );
        if name == "skeleton" {
            let full = stdout(&bclint(&root, &["check", &file]));
            assert!(full.contains("is read as a YAML mapping"), "{full}");
            assert!(full.contains("quote"), "{full}");
        }
        for args in [&["fmt", &file][..], &["fmt", "--check", &file]] {
            assert_eq!(code(&bclint(&root, args)), 0, "{name}: {args:?}");
        }
        let rendered = bclint(&root, &["render", &file]);
        assert_eq!(&stdout(&rendered), text, "{name}");
        assert_eq!(
            &fs::read_to_string(root.join(&file)).unwrap(),
            text,
            "{name}"
        );
    }
}

/// Broken and hostile YAML components: each is a clear finding at its place, or exit 2 naming
/// the file and place; `fmt` and `check --fix` leave every one of them as it was.
#[test]
fn broken_and_hostile_yaml_is_a_finding_at_its_place_and_never_rewritten() {
    let mut big = String::from(
        "Tasks:\n  - Name: big\n    Action: RunShellCommand\n    Properties:\n      commandContent: |\n",
    );
    while big.len() < (1 << 20) - 16 {
        big.push_str("        echo 0123456789\n");
    }
    big.truncate(1 << 20);
    // Name, content, the expected code and its place (BC101: where the 16 KB limit is crossed).
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "invalid",
            "Tasks:\n  - Name: a\n    Action: [Reboot\n".into(),
            "BC600",
            ":4:",
        ),
        ("tab", "Tasks:\n\t- Name: a\n".into(), "BC600", ":2:1"),
        (
            "duplicate",
            "Tasks:\n  - Name: a\n    Action: Reboot\n    Action: Reboot\n".into(),
            "BC600",
            ":4:5",
        ),
        (
            "nested",
            format!("Tasks: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            "BC600",
            ":1:",
        ),
        ("big", big, "BC101", ":684:1"),
    ];
    for (name, text, expected, place) in &cases {
        let file = format!("{name}.imagecomponent");
        let (_dir, root) = project(&[(&file, text)]);
        let checked = bclint(&root, &["check", "--output-format", "concise", &file]);
        assert_eq!(code(&checked), 1, "{name}: {}", stderr(&checked));
        let printed = stdout(&checked);
        let finding = printed
            .lines()
            .find(|line| line.contains(expected))
            .unwrap_or_default();
        assert!(finding.starts_with(&file), "{name}: {printed}");
        assert!(finding.contains(place), "{name}: {printed}");
        for args in [
            &["fmt", &file][..],
            &["check", "--fix", "--unsafe-fixes", &file],
        ] {
            let output = bclint(&root, args);
            assert!(
                matches!(code(&output), 0 | 1),
                "{name}: {args:?}: {}",
                stderr(&output)
            );
        }
        assert_eq!(
            &fs::read_to_string(root.join(&file)).unwrap(),
            text,
            "{name}"
        );
    }
}

#[test]
fn anchors_and_aliases_are_read_without_expanding_them() {
    let mut text = String::from("Parameters:\n  a0: &a0 {Type: String, DefaultValue: x}\n");
    for level in 1..30 {
        text.push_str(&format!(
            "  a{level}: &a{level} [*a{0}, *a{0}]\n",
            level - 1
        ));
    }
    text.push_str("Tasks:\n  - Name: t\n    Action: Reboot\n");
    let (_dir, root) = project(&[("web.imagecomponent.yaml", &text)]);
    let output = bclint(
        &root,
        &[
            "check",
            "--output-format",
            "concise",
            "web.imagecomponent.yaml",
        ],
    );
    assert!(matches!(code(&output), 0 | 1), "{}", stderr(&output));
    assert!(!stdout(&output).contains("BC600"), "{}", stdout(&output));
    let rendered = bclint(&root, &["render", "web.imagecomponent.yaml"]);
    assert_eq!(stdout(&rendered), text);
}

#[test]
fn a_yaml_component_that_is_not_utf8_is_an_error_naming_the_file_and_byte() {
    let (_dir, root) = project(&[]);
    fs::write(
        root.join("web.imagecomponent.yaml"),
        b"Tasks:\n  - Name: \xff\n",
    )
    .unwrap();
    for args in [
        &["check", "web.imagecomponent.yaml"][..],
        &["fmt", "web.imagecomponent.yaml"],
        &["render", "web.imagecomponent.yaml"],
    ] {
        let output = bclint(&root, args);
        assert_eq!(code(&output), 2, "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains("web.imagecomponent.yaml"),
            "{args:?}: {message}"
        );
        assert!(message.contains("byte offset 17"), "{args:?}: {message}");
    }
    assert_eq!(
        fs::read(root.join("web.imagecomponent.yaml")).unwrap(),
        b"Tasks:\n  - Name: \xff\n"
    );
}
