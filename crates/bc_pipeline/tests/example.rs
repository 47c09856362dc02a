//! The example manifest in `examples/web-base` is clean, and needs its egress.

use std::fs;
use std::path::Path;

use bc_pipeline::{
    TemplateFile, TemplateRole, TemplateStatus, Templates, lint_manifest, referenced_templates,
};
use bc_syntax::FileKind;

fn load(dir: &Path, text: &str) -> Templates {
    let mut templates = Templates::default();
    for (role, path, _) in referenced_templates(text) {
        let source = fs::read_to_string(dir.join(&path)).expect("example template");
        let kind = FileKind::from_file_name(&path);
        let file = TemplateFile {
            path_display: path,
            kind,
            status: TemplateStatus::Loaded {
                parse: bc_syntax::parse(&source, kind.unwrap_or(role.file_kind())),
            },
            outside_root: false,
        };
        match role {
            TemplateRole::Build => templates.build = Some(file),
            TemplateRole::Test => templates.test = Some(file),
        }
    }
    templates
}

#[test]
fn web_base_example_is_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/web-base");
    let Ok(text) = fs::read_to_string(dir.join("imagepipeline.toml")) else {
        return; // the examples are not part of a packaged crate
    };
    let templates = load(&dir, &text);
    assert!(templates.build.is_some() && templates.test.is_some());
    let findings = lint_manifest(&text, &templates, &Default::default());
    assert!(findings.is_empty(), "{findings:#?}");

    let without_egress = text.replace("internet_max_bandwidth_out = 10", "");
    let codes: Vec<&str> = lint_manifest(&without_egress, &templates, &Default::default())
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["BC522"]);
}
