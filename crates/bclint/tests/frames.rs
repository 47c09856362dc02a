//! The full, human output (ariadne code frames) of every rule's invalid fixtures, snapshotted so
//! that a change in how a finding reads shows up in review.

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn full_output_of_every_invalid_rule_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bc_lint/test_data/rules");
    let mut files: Vec<_> = fs::read_dir(&fixtures)
        .unwrap()
        .flat_map(|dir| fs::read_dir(dir.unwrap().path()).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("invalid")
        })
        .filter(|path| path.extension().is_some_and(|ext| ext != "snap"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 28,
        "expected fixtures for every rule, found {}",
        files.len()
    );
    for path in files {
        let code = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
            .args([
                "check",
                "--no-config",
                "--select",
                "ALL",
                "--color",
                "never",
                "--output-format",
                "full",
            ])
            .arg(&name)
            .current_dir(path.parent().unwrap())
            .output()
            .expect("bclint runs");
        assert_eq!(output.status.code(), Some(1), "{code}/{name} has findings");
        let text = String::from_utf8(output.stdout).expect("UTF-8 output");
        assert!(
            text.contains(&format!("[{code} ")),
            "{code}/{name} shows {code}:\n{text}"
        );
        insta::assert_snapshot!(format!("{code}_{}", name.replace('.', "_")), text);
    }
}
