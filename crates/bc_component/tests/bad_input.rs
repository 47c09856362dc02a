//! Hostile and broken components: a clear finding at the right place, never a panic, a stack
//! overflow or a tree that grows without bound.

use bc_component::{MAX_DEPTH, Options, is_yaml_component, lint, parse};

fn codes(text: &str) -> Vec<&'static str> {
    lint(&parse(text), &Options::default())
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn deeply_nested_flow_collections_end_with_one_finding() {
    let text = format!("Tasks: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let component = parse(&text);
    assert_eq!(component.errors().len(), 1);
    assert!(component.errors()[0].message.contains("nested"));
}

#[test]
fn deeply_nested_block_collections_end_with_one_finding() {
    let text = format!("Tasks:\n{}x\n", "- ".repeat(200_000));
    let component = parse(&text);
    assert_eq!(component.errors().len(), 1);
    let message = &component.errors()[0].message;
    assert!(message.contains(&MAX_DEPTH.to_string()), "{message}");
    assert!(codes(&text).contains(&"BC600"));
}

#[test]
fn aliases_are_not_expanded() {
    // Each level doubles the previous one: expanded, the last would hold 2^30 strings.
    let mut text = String::from("Parameters:\n  a0: &a0 [x, x]\n");
    for level in 1..30 {
        text.push_str(&format!(
            "  a{level}: &a{level} [*a{}, *a{}]\n",
            level - 1,
            level - 1
        ));
    }
    text.push_str("Tasks:\n  - Name: t\n    Action: Reboot\n");
    let component = parse(&text);
    assert!(component.errors().is_empty());
    assert_eq!(component.tasks().count(), 1);
}

#[test]
fn a_one_mebibyte_component_is_linted_in_full() {
    let task = "  - Name: t{}\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {}\n";
    let mut text = String::from("Tasks:\n");
    let mut index = 0;
    while text.len() < 1 << 20 {
        text.push_str(&task.replace("{}", &index.to_string()));
        index += 1;
    }
    let component = parse(&text);
    assert_eq!(component.tasks().count(), index);
    // Over the size limit, once.
    assert_eq!(codes(&text), ["BC101"]);
}

#[test]
fn non_ascii_text_keeps_byte_spans() {
    let text = "Tasks:\n  - Name: 构建\n    Action: RünShellCommand\n";
    let diagnostics = lint(&parse(text), &Options::default());
    let unknown = diagnostics
        .iter()
        .find(|d| d.code == "BC603")
        .expect("unknown action");
    assert_eq!(unknown.span.text(text), "RünShellCommand");
}

#[test]
fn content_detection_follows_the_first_significant_line() {
    assert!(is_yaml_component("# comment\n\nTasks:\n  - Name: a\n"));
    assert!(is_yaml_component("\u{feff}Parameters: # params\n"));
    assert!(is_yaml_component("Tasks :\n"));
    assert!(!is_yaml_component("RUN echo Tasks:\n"));
    assert!(!is_yaml_component("  Tasks:\n"));
    assert!(!is_yaml_component("TasksX:\n"));
    assert!(!is_yaml_component("Tasks:x\n"));
    assert!(!is_yaml_component(""));
}

#[test]
fn windows_components_may_use_powershell() {
    let text = "Tasks:\n  - Name: a\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: Write-Output a\n";
    assert_eq!(codes(text), ["BC611"]);
    let windows = Options {
        system: bc_component::SystemType::Windows,
        ..Options::default()
    };
    assert!(lint(&parse(text), &windows).is_empty());
}
