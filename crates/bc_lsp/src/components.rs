//! Finding the YAML component a `COMPONENT` line refers to, to complete its `--param` names.
//!
//! Matching rule (deliberately simple): the workspace folders are scanned (at most
//! [`MAX_DEPTH`] directories deep and [`MAX_FILES`] files, skipping hidden files and directories,
//! what `.gitignore` ignores, `target` and `node_modules`, as `bclint check` walks) for `*.yaml`/`*.yml` files with a top-level `Parameters:` block. A file
//! matches a reference when its file stem equals the `ic-` ID or the ARN's component name
//! (case-insensitive), or when its text contains the ID or the name as a whole word (for example
//! in `# ic-bp1…` or `Name: myComponent`). A file-name match wins over a content match.

use std::path::{Path, PathBuf};

/// How deep the scan descends below a workspace folder.
pub const MAX_DEPTH: usize = 6;
/// How many files the scan looks at in all.
pub const MAX_FILES: usize = 5000;
/// YAML files larger than this are skipped.
const MAX_YAML_BYTES: u64 = 256 * 1024;

/// A parameter of a YAML component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// `String`, `Number` or `Boolean`, as written.
    pub type_: Option<String>,
    /// The default value, if any (a parameter without one must be passed).
    pub default: Option<String>,
}

/// A component definition found in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// The YAML file.
    pub path: PathBuf,
    /// Its parameters.
    pub parameters: Vec<Parameter>,
}

/// Finds the YAML component for `key` (an `ic-` ID or a component name) under `roots`.
pub fn find(roots: &[PathBuf], key: &str) -> Option<Component> {
    if key.is_empty() {
        return None;
    }
    let mut files = Vec::new();
    for root in roots {
        collect_yaml(root, &mut files);
    }
    files.sort();
    let mut by_content = None;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let parameters = parameters(&text);
        if parameters.is_none() {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let component = Component {
            path: path.clone(),
            parameters: parameters.unwrap_or_default(),
        };
        if stem.eq_ignore_ascii_case(key) {
            return Some(component);
        }
        if by_content.is_none() && contains_word(&text, key) {
            by_content = Some(component);
        }
    }
    by_content
}

fn collect_yaml(root: &Path, out: &mut Vec<PathBuf>) {
    // Files at depth `MAX_DEPTH + 1` sit in directories `MAX_DEPTH` deep.
    let walk = ignore::WalkBuilder::new(root)
        .max_depth(Some(MAX_DEPTH + 1))
        .filter_entry(|entry| entry.file_name() != "target" && entry.file_name() != "node_modules")
        .build();
    for entry in walk.flatten() {
        if out.len() >= MAX_FILES {
            return;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_some_and(|t| t.is_file())
            && (name.ends_with(".yaml") || name.ends_with(".yml"))
            && entry.metadata().is_ok_and(|m| m.len() <= MAX_YAML_BYTES)
        {
            out.push(entry.into_path());
        }
    }
}

fn contains_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        before && after
    })
}

/// The parameters of a YAML component: the keys of its top-level `Parameters:` mapping, each with
/// `Type` and `DefaultValue` when given in block (`Type: String`) or flow (`{Type: String}`) style.
/// `None` when the file has no `Parameters:` block.
pub fn parameters(text: &str) -> Option<Vec<Parameter>> {
    let mut lines = text.lines().peekable();
    loop {
        let line = lines.next()?;
        if line.trim_end() == "Parameters:"
            || line.starts_with("Parameters: ") && line.trim_end() == "Parameters:"
        {
            break;
        }
    }
    let mut out: Vec<Parameter> = Vec::new();
    let mut key_indent: Option<usize> = None;
    for line in lines {
        let content = line.split(" #").next().unwrap_or(line).trim_end();
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        if indent == 0 {
            break;
        }
        let key_indent = *key_indent.get_or_insert(indent);
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        let value = value.trim();
        if indent == key_indent {
            let mut parameter = Parameter {
                name: key.to_owned(),
                type_: None,
                default: None,
            };
            if let Some(flow) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                for field in flow.split(',') {
                    if let Some((k, v)) = field.split_once(':') {
                        set_field(&mut parameter, k.trim(), v.trim());
                    }
                }
            }
            out.push(parameter);
        } else if indent > key_indent
            && let Some(parameter) = out.last_mut()
        {
            set_field(parameter, key, value);
        }
    }
    Some(out)
}

fn set_field(parameter: &mut Parameter, key: &str, value: &str) {
    let value = value.trim_matches(['"', '\'']).to_owned();
    match key {
        "Type" => parameter.type_ = Some(value),
        "DefaultValue" => parameter.default = Some(value),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_parameters() {
        let yaml = "Parameters:\n  x: {Type: String}\n  port:\n    Type: Number\n    DefaultValue: 80 # comment\nTasks:\n  - Name: a\n";
        let params = parameters(yaml).unwrap();
        assert_eq!(
            params,
            vec![
                Parameter {
                    name: "x".into(),
                    type_: Some("String".into()),
                    default: None
                },
                Parameter {
                    name: "port".into(),
                    type_: Some("Number".into()),
                    default: Some("80".into())
                },
            ]
        );
        assert_eq!(parameters("Tasks:\n  - Name: a\n"), None);
    }

    #[test]
    fn finds_by_name_then_content() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("other.yaml"),
            "# ic-abc123\nParameters:\n  y: {Type: String}\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(
            dir.path().join("sub/nginx.yml"),
            "Parameters:\n  version: {Type: String}\n",
        )
        .unwrap();
        let roots = [dir.path().to_path_buf()];
        assert_eq!(find(&roots, "nginx").unwrap().parameters[0].name, "version");
        assert_eq!(find(&roots, "ic-abc123").unwrap().parameters[0].name, "y");
        assert_eq!(find(&roots, "ic-abc12"), None);
    }
}
