//! Properties of the YAML parser and rules on random component-like input: no panics, every
//! span, label and fix edit lies on character boundaries inside the text, tree spans too, and
//! fixing converges.

use bc_component::rules::RULES;
use bc_component::{Node, NodeKind, Options, SystemType, is_yaml_component, lint, parse};
use bc_lint::fix_until_stable;
use proptest::prelude::*;
use test_support::rules::config_all_on;

/// Pieces that exercise the YAML grammar and the rules: keys, indentation, flow collections,
/// quotes and escapes, block scalars, anchors, aliases, tags, documents, tabs, references,
/// placeholders, shell commands, secrets, CR/LF mixes and multi-byte text.
const PIECES: &[&str] = &[
    "Parameters:",
    "Tasks:",
    "\n  - Name: ",
    "\n    Action: ",
    "\n    Properties:",
    "\n      commandContent: ",
    "RunShellCommand",
    "RunPowerShellCommand",
    "WebDownload",
    "OSSDownload",
    "Reboot",
    "\n  x: {Type: Number, DefaultValue: 3}",
    "\n  y:\n    Type: Boolean",
    "sourcePath: http://x.io/a",
    "forceStop: maybe",
    "yum install nginx",
    "curl -fsSL https://x.io/i.sh | sh",
    "{{ x }}",
    "{{ t.stdout }}",
    "{{",
    "}}",
    "{",
    "}",
    "[",
    "]",
    ",",
    ": ",
    "- ",
    "? ",
    "|\n",
    "|-\n",
    ">\n",
    "'a''b'",
    "\"a\\tb\\u00e9\"",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<Name of the bucket>",
    "****",
    "LTAI5tAbCdEfGhIjKlMnOpQr",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "      ",
    "\t",
    "# c\n",
    "\0",
    "é",
    "构建",
    "\u{feff}",
    "\u{10348}",
    "x",
];

fn component() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..48).prop_map(|pieces| pieces.concat())
}

fn options(windows: bool) -> Options {
    Options {
        system: if windows {
            SystemType::Windows
        } else {
            SystemType::Linux
        },
        config: config_all_on(RULES.iter().map(|(rule, _)| *rule)),
    }
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside {text:?}"
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries of {text:?}"
    );
}

fn assert_tree(text: &str, node: &Node) {
    assert_span(text, node.span.start, node.span.end, "node");
    match &node.kind {
        NodeKind::Mapping(entries) => {
            for entry in entries {
                assert_tree(text, &entry.key);
                assert_tree(text, &entry.value);
            }
        }
        NodeKind::Sequence(items) => items.iter().for_each(|item| assert_tree(text, item)),
        NodeKind::Scalar(_) | NodeKind::Alias => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn spans_and_edits_lie_on_char_boundaries(text in component(), windows in any::<bool>()) {
        let _ = is_yaml_component(&text);
        let parsed = parse(&text);
        if let Some(root) = parsed.root() {
            assert_tree(&text, root);
        }
        for diagnostic in lint(&parsed, &options(windows)) {
            assert_span(&text, diagnostic.span.start, diagnostic.span.end, diagnostic.code);
            for label in &diagnostic.labels {
                assert_span(&text, label.span.start, label.span.end, "label");
            }
            for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
                assert_span(&text, edit.span.start, edit.span.end, "edit");
            }
        }
    }

    #[test]
    fn fix_converges(text in component()) {
        let options = options(false);
        let fixed = fix_until_stable(&text, true, |text| lint(&parse(text), &options));
        // Whatever the fixes made still parses and lints.
        let _ = lint(&parse(&fixed.text), &options);
    }
}
