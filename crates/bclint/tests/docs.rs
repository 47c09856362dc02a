//! The generated documentation is current: `docs/rules/<CODE>.md` equals `bclint rule <CODE>` for
//! every rule, no page is left for a rule that no longer exists, and the README's rules table
//! matches the registry. Run with `BCLINT_UPDATE_DOCS=1` to regenerate instead of failing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn bclint(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .output()
        .expect("bclint runs");
    assert!(output.status.success(), "bclint {args:?} failed");
    String::from_utf8(output.stdout).unwrap()
}

fn rules() -> Vec<serde_json::Value> {
    let json: serde_json::Value =
        serde_json::from_str(&bclint(&["rule", "--all", "--output-format", "json"])).unwrap();
    json.as_array().unwrap().clone()
}

fn update() -> bool {
    std::env::var_os("BCLINT_UPDATE_DOCS").is_some()
}

#[test]
fn rule_pages_are_current() {
    let dir = repo_root().join("docs/rules");
    let mut stale = Vec::new();
    let rules = rules();
    let mut expected_files = Vec::new();
    for rule in &rules {
        let code = rule["code"].as_str().unwrap();
        let page = bclint(&["rule", code]);
        let path = dir.join(format!("{code}.md"));
        expected_files.push(format!("{code}.md"));
        if fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            if update() {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &page).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "README.md" && !expected_files.contains(&name) {
            if update() {
                fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(format!("{name} (no such rule)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs (run with BCLINT_UPDATE_DOCS=1): {stale:?}"
    );
}

#[test]
fn readme_rules_table_is_current() {
    let path = repo_root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let begin = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let finish = readme.find(end).expect("README has the rules:end marker");
    let mut table =
        String::from("| code | name | severity | fix | prevents |\n|---|---|---|---|---|\n");
    for rule in rules() {
        let code = rule["code"].as_str().unwrap();
        let mut severity = rule["severity"].as_str().unwrap().to_owned();
        if rule["enabled_by_default"] == false {
            severity.push_str(" (off by default)");
        }
        table.push_str(&format!(
            "| [{code}](docs/rules/{code}.md) | `{}` | {severity} | {} | {} |\n",
            rule["name"].as_str().unwrap(),
            rule["fix"].as_str().unwrap(),
            rule["api_error"]
                .as_str()
                .map_or(String::new(), |e| format!("`{e}`")),
        ));
    }
    if readme[begin..finish] != table {
        assert!(
            update(),
            "the README rules table is stale (run with BCLINT_UPDATE_DOCS=1)"
        );
        fs::write(
            &path,
            format!("{}{table}{}", &readme[..begin], &readme[finish..]),
        )
        .unwrap();
    }
}
