//! What `check` prints of a hostile or careless template: no raw control characters on a
//! terminal or in a CI log, no AccessKey in any format, and output bounded by the number of
//! findings however long the lines are.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn bclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bclint"))
        .current_dir(dir)
        .args(["check", "--no-config", "--color", "never"])
        .args(args)
        .output()
        .expect("bclint runs")
}

fn both(output: &Output) -> Vec<u8> {
    [output.stdout.as_slice(), output.stderr.as_slice()].concat()
}

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

#[test]
fn control_characters_from_templates_and_file_names_are_escaped_on_terminals_and_in_ci_logs() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\x1b]0;title\x07.buildcontent";
    fs::write(
        dir.path().join(name),
        "RUN echo \x1b]8;;http://x.io\x07click\x1b]8;;\x07 \x1b[2J\n\x1b[31mRUN a\nrun b\u{9b}\n",
    )
    .unwrap();
    for format in ["full", "concise", "github"] {
        let output = bclint(
            dir.path(),
            &["--output-format", format, name, "missing\x1b[1m"],
        );
        assert_eq!(output.status.code(), Some(2), "{format}");
        let printed = both(&output);
        let text = String::from_utf8_lossy(&printed);
        assert!(text.contains("BC001"), "{format}: {text}");
        assert!(
            !printed.iter().any(|&b| b == 0x1b || b == 0x07) && !text.contains('\u{9b}'),
            "{format} prints raw control characters: {text:?}"
        );
        assert!(
            text.contains("evil\\u{1b}]0;title\\u{7}.buildcontent"),
            "{format}: {text}"
        );
        assert!(text.contains("missing\\u{1b}[1m"), "{format}: {text}");
    }
}

#[test]
fn access_keys_are_masked_in_every_output_format_and_in_diffs() {
    let dir = tempfile::tempdir().unwrap();
    // Not the keys of BC401's documentation, which SARIF includes.
    let (id, secret) = ("LTAI9zYxWvUtSrQpOnMl", "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0");
    fs::write(
        dir.path().join("a.buildcontent"),
        format!(
            "run aliyun configure --access-key-id {id} --access-key-secret {secret}\n\
             ENV ALIBABA_CLOUD_ACCESS_KEY_ID={id} ALIBABA_CLOUD_ACCESS_KEY_SECRET={secret}\n"
        ),
    )
    .unwrap();
    let runs = FORMATS
        .iter()
        .map(|format| vec!["--output-format", format])
        .chain([vec!["--diff"], vec!["--statistics"]]);
    for args in runs {
        let mut args = args.clone();
        args.push("a.buildcontent");
        let output = bclint(dir.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let text = String::from_utf8_lossy(&both(&output)).into_owned();
        assert!(!text.is_empty(), "{args:?}");
        for key in [id, secret] {
            assert!(!text.contains(key), "{args:?} shows the key:\n{text}");
            assert!(
                !text.contains(&key[..8]),
                "{args:?} shows the key's start:\n{text}"
            );
        }
    }
}

#[test]
fn a_long_line_prints_a_bounded_frame_per_finding_at_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = String::from("ENV");
    while line.len() < 25 * 1024 {
        line.push_str(" a=b");
    }
    let pairs = (line.len() - 3) / 4;
    fs::write(
        dir.path().join("long.buildcontent"),
        format!("RUN x\n{line}\n"),
    )
    .unwrap();
    let output = bclint(
        dir.path(),
        &["--output-format", "full", "long.buildcontent"],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.matches("[BC304 ").count(), pairs, "one frame per pair");
    assert!(
        text.len() < pairs * 1_500,
        "{} bytes for {pairs} findings",
        text.len()
    );
    // The value of pair 1000 is on line 2, column 7 + 4 × 1000, far past the cut.
    let frame = text
        .split("[BC304 ")
        .find(|frame| frame.contains("long.buildcontent:2:4007 "))
        .expect("the frame is headed by the finding's place in the file");
    assert!(
        frame.contains(" 2 │ …"),
        "the line is cut before the finding:\n{frame}"
    );
    assert!(frame.contains("…\n"), "and after it:\n{frame}");
}
