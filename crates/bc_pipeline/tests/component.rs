//! The component manifest (`*.imagecomponent.toml`): BC530–BC534 and the shared manifest rules
//! at exact TOML positions, and the CreateImageComponent parameters.

use bc_component::link::ComponentFormat;
use bc_pipeline::component::rules::RULES;
use bc_pipeline::component::{
    ContentFile, lint_component_manifest, parse_component_manifest, to_component_params,
};
use test_support::rules::{assert_codes_and_names, doc_problems};

const YAML: ContentFile = ContentFile::Read(ComponentFormat::Yaml);

/// `CODE text-at-span` for each finding.
fn findings(text: &str, content: &ContentFile) -> Vec<String> {
    lint_component_manifest(text, content, &Default::default())
        .iter()
        .map(|d| format!("{} {}", d.code, &text[d.span.range()]))
        .collect()
}

#[test]
fn a_valid_manifest_is_clean() {
    let text = "region = \"cn-hangzhou\"\nname = \"harden-ssh\"\nversion = \"1.2.0\"\ncomponent_type = \"Build\"\nsystem_type = \"Linux\"\ncontent = \"ssh.yaml\"\ndescription = \"Hardens sshd\"\nresource_group_id = \"rg-aek2abc\"\nclient_token = \"t-1\"\n\n[tags]\nteam = \"platform\"\n";
    assert_eq!(findings(text, &YAML), [""; 0]);
    assert_eq!(findings("", &YAML), [""; 0], "every key is optional");
}

#[test]
fn each_rule_points_at_its_value() {
    let text = "name = \"1st\"\nversion = \"1.02.x\"\ncomponent_type = \"build\"\nsystem_type = \"Windows\"\ncontent = \"gone.yaml\"\ndescription = \"x\"\nclient_token = \"令牌\"\nregion = \"Hangzhou\"\nresource_group_id = \"group\"\nnmae = \"y\"\n";
    let unreadable = ContentFile::Unreadable("no such file".into());
    assert_eq!(
        findings(text, &unreadable),
        [
            "BC530 \"1st\"",
            "BC531 \"1.02.x\"",
            "BC532 \"build\"",
            "BC534 \"gone.yaml\"",
            "BC503 \"x\"",
            "BC514 \"令牌\"",
            "BC523 \"Hangzhou\"",
            "BC525 \"group\"",
            "BC500 nmae",
        ]
    );
}

#[test]
fn a_dockerfile_component_on_windows_is_reported_at_system_type() {
    let text = "system_type = \"Windows\"\n";
    let dockerfile = ContentFile::Read(ComponentFormat::Dockerfile);
    assert_eq!(findings(text, &dockerfile), ["BC533 \"Windows\""]);
    assert_eq!(findings(text, &YAML), [""; 0]);
    assert_eq!(findings("", &dockerfile), [""; 0], "Linux by default");
}

#[test]
fn a_missing_component_beside_the_manifest_is_reported_at_the_start() {
    let missing = ContentFile::Unreadable("none exists".into());
    let found = lint_component_manifest("name = \"web\"\n", &missing, &Default::default());
    assert_eq!((found[0].code, found[0].span.start), ("BC534", 0));
}

#[test]
fn broken_toml_is_one_syntax_finding_and_no_model() {
    let parsed = parse_component_manifest("name = \n");
    assert!(parsed.manifest.is_none());
    assert_eq!(parsed.diagnostics[0].code, "BC500");
}

#[test]
fn create_image_component_parameters() {
    let text = "region = \"cn-hangzhou\"\nversion = \"1.2.0\"\nsystem_type = \"Windows\"\ndescription = \"IIS\"\n[tags]\nteam = \"web\"\n";
    let manifest = parse_component_manifest(text).manifest.unwrap();
    let params = to_component_params(&manifest, "iis", "Tasks: []\n", "token-1");
    let expected: Vec<(String, String)> = [
        ("RegionId", "cn-hangzhou"),
        ("Name", "iis"),
        ("ComponentVersion", "1.2.0"),
        ("SystemType", "Windows"),
        ("Content", "Tasks: []\n"),
        ("Description", "IIS"),
        ("Tag.1.Key", "team"),
        ("Tag.1.Value", "web"),
        ("ClientToken", "token-1"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(params, expected);
}

#[test]
fn rules_are_well_formed_and_documented_with_toml_examples() {
    assert_codes_and_names(RULES.iter().map(|(rule, _)| *rule));
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|(rule, _)| doc_problems(rule, Some("toml")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each rule's "Example" triggers it and its "Use instead" is clean (BC533 and BC534 depend on
/// the content file, which the examples describe in words: a Dockerfile one and a missing one).
#[test]
fn doc_examples_behave_as_documented() {
    for (rule, _) in RULES {
        let docs = rule.docs();
        let block = |title: &str| {
            let rest = docs.split_once(title).unwrap().1;
            rest.split_once("```toml\n")
                .unwrap()
                .1
                .split_once("```")
                .unwrap()
                .0
                .to_owned()
        };
        let content = match rule.code {
            "BC533" => ContentFile::Read(ComponentFormat::Dockerfile),
            _ => YAML,
        };
        let example = block("## Example");
        let broken = match rule.code {
            "BC534" => ContentFile::Unreadable("no such file".into()),
            _ => content.clone(),
        };
        let fired = lint_component_manifest(&example, &broken, &Default::default());
        assert!(
            fired.iter().any(|d| d.code == rule.code),
            "{} example",
            rule.code
        );
        let fixed = block("## Use instead");
        let use_content = if rule.code == "BC533" { YAML } else { content };
        let clean = lint_component_manifest(&fixed, &use_content, &Default::default());
        assert!(clean.is_empty(), "{} use instead: {clean:?}", rule.code);
    }
}
