//! The link rules (BC701–BC706): a template checked against the components it calls, with the
//! findings' exact places, and the rule table's meta checks.

use std::path::Path;

use bc_component::link::{
    CalledComponent, CalledParameter, ComponentFormat, ComponentType, lint_calls, rules::RULES,
};
use bc_component::{ParameterType, SystemType, parse};
use bc_lint::{Config, Diagnostic, Level};
use bc_syntax::FileKind;
use test_support::rules::{assert_codes_and_names, assert_rule_table, doc_problems};

const ARN: &str = "acs:ecs:cn-hangzhou:123456789:imagecomponent";

/// The component every test calls unless it says otherwise: `harden-ssh`, a YAML component with
/// a required Number, an optional Boolean and an optional String.
fn harden_ssh() -> CalledComponent {
    let yaml = "Parameters:\n  port:\n    Type: Number\n  allow_root:\n    Type: Boolean\n    DefaultValue: false\n  banner:\n    Type: String\n    DefaultValue: hi\nTasks:\n  - Name: t\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }} {{ allow_root }} {{ banner }}\n";
    CalledComponent {
        version: Some("1.2.0".into()),
        parameters: parse(yaml).called_parameters(),
        ..CalledComponent::new("harden-ssh")
    }
}

fn lint_with(
    template: &str,
    kind: FileKind,
    components: &[CalledComponent],
    config: &Config,
) -> Vec<Diagnostic> {
    let parse = bc_syntax::parse(template, kind);
    lint_calls(
        &parse,
        |name| {
            components
                .iter()
                .filter(|c| c.name == name)
                .cloned()
                .collect()
        },
        config,
    )
}

/// `CODE text-at-span` for each finding.
fn findings(template: &str, kind: FileKind, components: &[CalledComponent]) -> Vec<String> {
    lint_with(template, kind, components, &Config::default())
        .iter()
        .map(|d| format!("{} {}", d.code, &template[d.span.range()]))
        .collect()
}

#[test]
fn parameters_are_checked_by_name_presence_and_type() {
    let template =
        format!("COMPONENT {ARN}/harden-ssh/1.2.0 --prot 2222 --allow_root yes --banner 42\n");
    let reference = format!("{ARN}/harden-ssh/1.2.0");
    assert_eq!(
        findings(&template, FileKind::Build, &[harden_ssh()]),
        [
            format!("BC702 {reference}"),
            "BC701 --prot".to_owned(),
            "BC703 yes".to_owned(),
        ]
    );
}

#[test]
fn an_unknown_parameter_suggests_the_declared_name_with_an_unsafe_fix() {
    let template = format!("COMPONENT {ARN}/harden-ssh/1.2.0 --prot 22\n");
    let diagnostics = lint_with(
        &template,
        FileKind::Build,
        &[harden_ssh()],
        &Config::default(),
    );
    let unknown = diagnostics.iter().find(|d| d.code == "BC701").unwrap();
    assert_eq!(
        unknown.message,
        "component `harden-ssh` has no parameter `prot`"
    );
    assert_eq!(unknown.help.as_deref(), Some("did you mean `--port`?"));
    let fixed = bc_lint::apply_edits(&template, &mut unknown.fixes[0].edits.clone());
    assert_eq!(
        fixed,
        format!("COMPONENT {ARN}/harden-ssh/1.2.0 --port 22\n")
    );
}

#[test]
fn values_are_typed_as_design_md_says() {
    for (value, ok) in [
        ("22", true),
        ("-1", true),
        ("2.5", true),
        ("\"22\"", true),
        ("22x", false),
        ("\"\"", false),
        ("1e3", false),
    ] {
        let template = format!("COMPONENT {ARN}/harden-ssh/1.2.0 --port {value}\n");
        let codes: Vec<_> = lint_with(
            &template,
            FileKind::Build,
            &[harden_ssh()],
            &Config::default(),
        )
        .iter()
        .map(|d| d.code)
        .collect();
        assert_eq!(codes.is_empty(), ok, "--port {value}: {codes:?}");
    }
    for value in ["true", "FALSE", "True"] {
        let template = format!("COMPONENT {ARN}/harden-ssh/1.2.0 --port 1 --allow_root {value}\n");
        assert_eq!(
            findings(&template, FileKind::Build, &[harden_ssh()]),
            [""; 0]
        );
    }
}

#[test]
fn a_test_component_in_a_build_template_and_the_reverse() {
    let test = CalledComponent {
        component_type: ComponentType::Test,
        ..CalledComponent::new("smoke")
    };
    let build = CalledComponent::new("web");
    let template = format!("COMPONENT {ARN}/smoke/1.0.0\nCOMPONENT {ARN}/web/1.0.0\n");
    let components = [test, build];
    assert_eq!(
        findings(&template, FileKind::Build, &components),
        [format!("BC704 {ARN}/smoke/1.0.0")]
    );
    assert_eq!(
        findings(&template, FileKind::Test, &components),
        [format!("BC704 {ARN}/web/1.0.0")]
    );
}

#[test]
fn linux_and_windows_components_in_one_template_are_reported_once() {
    let windows = CalledComponent {
        system_type: SystemType::Windows,
        ..CalledComponent::new("iis")
    };
    let dockerfile_on_windows = CalledComponent {
        system_type: SystemType::Windows,
        format: ComponentFormat::Dockerfile,
        ..CalledComponent::new("legacy")
    };
    let linux = CalledComponent::new("web");
    let template = format!(
        "COMPONENT {ARN}/iis/1.0.0\nCOMPONENT {ARN}/web/1.0.0\nCOMPONENT {ARN}/legacy/1.0.0\n"
    );
    let components = [windows, linux, dockerfile_on_windows];
    let diagnostics = lint_with(&template, FileKind::Build, &components, &Config::default());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, "BC705");
    assert_eq!(
        &template[diagnostics[0].span.range()],
        format!("{ARN}/web/1.0.0")
    );
    assert_eq!(
        &template[diagnostics[0].labels[0].span.range()],
        format!("{ARN}/iis/1.0.0")
    );
    // A Dockerfile-format component is Linux whatever its manifest says: with `web`, no mix.
    let template = format!("COMPONENT {ARN}/web/1.0.0\nCOMPONENT {ARN}/legacy/1.0.0\n");
    assert_eq!(findings(&template, FileKind::Build, &components), [""; 0]);
}

#[test]
fn the_version_pattern_picks_the_latest_matching_local_version() {
    let version = |v: &str, required: &str| CalledComponent {
        version: Some(v.into()),
        parameters: vec![CalledParameter::new(required, None, None)],
        ..CalledComponent::new("web")
    };
    let components = [
        version("1.2.0", "old"),
        version("1.10.0", "new"),
        version("2.0.0", "two"),
    ];
    let template = format!("COMPONENT {ARN}/web/1.*.*\n");
    assert_eq!(
        lint_with(&template, FileKind::Build, &components, &Config::default())[0].message,
        "component `web` needs parameter `--new`"
    );
    let template = format!("COMPONENT {ARN}/web/3.*.*\n");
    assert_eq!(
        findings(&template, FileKind::Build, &components),
        ["BC706 3.*.*"]
    );
    let diagnostics = lint_with(&template, FileKind::Build, &components, &Config::default());
    assert_eq!(
        diagnostics[0].note.as_deref(),
        Some("the repository has version `1.2.0`, `1.10.0`, `2.0.0`")
    );
}

#[test]
fn ids_unknown_names_and_components_are_not_linked() {
    let template =
        format!("COMPONENT ic-bp18hy47cqavewsb1a2b --x 1\nCOMPONENT {ARN}/other/1.0.0 --x 1\n");
    assert_eq!(
        findings(&template, FileKind::Build, &[harden_ssh()]),
        [""; 0]
    );
    let component = format!("COMPONENT {ARN}/harden-ssh/1.2.0 --x 1\n");
    assert_eq!(
        findings(&component, FileKind::Component, &[harden_ssh()]),
        [""; 0]
    );
}

#[test]
fn a_dockerfile_component_takes_no_parameters() {
    let dockerfile = CalledComponent {
        format: ComponentFormat::Dockerfile,
        ..CalledComponent::new("base")
    };
    let template = format!("COMPONENT {ARN}/base/1.0.0 --x 1\n");
    let diagnostics = lint_with(
        &template,
        FileKind::Build,
        &[dockerfile],
        &Config::default(),
    );
    assert_eq!(diagnostics[0].code, "BC701");
    assert_eq!(
        diagnostics[0].note.as_deref(),
        Some("the component declares no parameters")
    );
}

#[test]
fn suppressions_and_the_configuration_apply() {
    let template = format!(
        "# bclint: ignore=BC702 -- passed by the pipeline\nCOMPONENT {ARN}/harden-ssh/1.2.0 --prot 1\n"
    );
    assert_eq!(
        findings(&template, FileKind::Build, &[harden_ssh()]),
        ["BC701 --prot"]
    );
    let mut config = Config::default();
    config.levels.insert("BC701".into(), Level::Off);
    config
        .levels
        .insert("BC702".into(), Level::On(bc_lint::Severity::Warning));
    let template = format!("COMPONENT {ARN}/harden-ssh/1.2.0 --prot 1\n");
    let diagnostics = lint_with(&template, FileKind::Build, &[harden_ssh()], &config);
    let found: Vec<_> = diagnostics.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(found, [("BC702", bc_lint::Severity::Warning)]);
}

#[test]
fn an_untyped_parameter_takes_any_text_and_a_typed_one_its_type() {
    let untyped = CalledComponent {
        parameters: vec![CalledParameter::new("x", None, Some("1"))],
        ..CalledComponent::new("u")
    };
    let template = format!("COMPONENT {ARN}/u/1.0.0 --x anything\n");
    assert_eq!(findings(&template, FileKind::Build, &[untyped]), [""; 0]);
    let number = CalledComponent {
        parameters: vec![CalledParameter::new(
            "x",
            Some(ParameterType::Number),
            Some("1"),
        )],
        ..CalledComponent::new("u")
    };
    assert_eq!(
        findings(&template, FileKind::Build, &[number]),
        ["BC703 anything"]
    );
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    assert_codes_and_names(RULES.iter().map(|(rule, _)| *rule));
}

#[test]
fn every_rule_is_documented_with_a_template_example() {
    let problems: Vec<String> = RULES
        .iter()
        .flat_map(|(rule, _)| doc_problems(rule, Some("buildcontent")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_files_are_declared_with_their_codes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/link/rules");
    assert_rule_table(&dir, RULES.iter().map(|(rule, _)| *rule));
}
