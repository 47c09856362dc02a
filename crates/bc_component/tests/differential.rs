//! The fast reader of block-style YAML against saphyr: wherever the fast reader does not leave
//! a text to saphyr, it must build exactly the tree (spans, values, styles) and the errors that
//! saphyr's path builds. Checked on every fixture of the crate, on hand-written edge cases, on
//! random block-style texts and on random edits of the fixtures.

use std::path::{Path, PathBuf};

use bc_component::{Node, parse_block_subset, parse_with_saphyr};
use proptest::prelude::*;

/// Checks the two paths on `text`; returns whether the fast reader read it.
fn agree(text: &str) -> bool {
    match parse_block_subset(text) {
        Some(fast) => {
            assert_eq!(
                fast,
                parse_with_saphyr(text),
                "the paths differ on {text:?}"
            );
            true
        }
        None => false,
    }
}

fn fixtures() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"),
        &mut out,
    );
    out
}

#[test]
fn the_paths_agree_on_every_fixture() {
    let fixtures = fixtures();
    let read = fixtures.iter().filter(|(_, text)| agree(text)).count();
    // Most fixtures are plain block style; the rest (flow collections, anchors, broken YAML)
    // are left to saphyr.
    assert!(
        read * 2 > fixtures.len(),
        "the fast reader read only {read} of {} fixtures",
        fixtures.len()
    );
}

#[test]
fn the_documentation_examples_that_are_valid_yaml_are_read_fast() {
    for name in [
        "custom-parameters",
        "oss-script",
        "sdk-helloworld",
        "skeleton-quoted",
    ] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("test_data/docs/{name}.yaml"));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(agree(&text), "{name} is left to saphyr");
    }
}

/// Shapes at the edges of what the fast reader handles, each either read identically or left
/// to saphyr.
const EDGES: &[&str] = &[
    "a:\n  - x\n  -   y\n  -\n  - |\n   lit\n  - k: v\n    j:\n  -\n    m: 1\nb:\n- z\n-  w: 1\n",
    "c: |-\n   x\n\n   y\n\nd: >\n  a\n\n\n  b\n  c\ne: |\n  x\n",
    "- a\n- b: 1\n  c: 2\n-\n- 'q'\n",
    "a:\n- 'x'\n- \"y\"\nb: 1\n",
    "a:\n-\n  b: 1\n",
    "a:\n- |\n  x\n",
    "a:\n  b:\n  - x\n  c:\n",
    "- k:\n  - a\n- k:\n- a\n",
    "a: 'it''s' # c\nb: \"x y\"   # c\nc: x#y\nd: x #y\n",
    "a: |\n  x\n # c\nb: 1\n",
    "a: |\n    x\n  y\n",
    "a: |\n  x\n\n  # not a comment\n\nb: 1\n",
    "a: >-\n  x\n  y\n\n  z\n",
    "a: >\n  x\n   y\n",
    "a: |\n  x",
    "a: |\n\n  x\n",
    "a: |2\n  x\n",
    "a: |+\n  x\n\n",
    "a: b: c\n",
    "a: b:\n",
    "a:\n  b\n",
    "a: b\n  c\n",
    "- a\n  b\n",
    "a: 1\na: 2\n",
    "key : v\n",
    "a:b\n",
    "a: -1\n",
    "a: ~\nb: null\nc: ''\n",
    "a: \"x\\ty\"\n",
    "a: 'x\n  y'\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a: 1\n---\nb: 2\n",
    "  a: 1\n",
    "a: é 构建\nb: |\n  构建 é\n",
    "# only a comment\n",
    "",
    "a:\n    b: 1\n  c: 2\n",
    "a:\n  - b\n   - c\n",
    "Tasks:\n  - Name: x\n    Action: RunShellCommand\n    Properties:\n      commandContent: |\n        echo {{ a }}\n",
    "a: {{ x }}\n",
    "a: [x]\n",
    "a: &x 1\nb: *x\n",
    "- - a\n",
    "-a\n",
    "a: 1 # c\n# d\n  # e\nb: 2\n",
    "a: {Type: Number, DefaultValue: 8080}  # c\nb: [x, 'y' , \"z\"] # c\n",
    "- {a : b}\n- [ a ,b]\n- {a: 'x', b: \"y\"}\n",
    "a: {b: [c]}\n",
    "a: [b, c:d]\n",
    "a: {b: c,}\n",
    "a: {}\n",
];

/// saphyr's spans of a quoted scalar or a closing bracket run on over a comment after it; the
/// tree's spans end at the quote or bracket.
#[test]
fn quoted_scalars_and_flow_collections_end_before_a_comment() {
    let text = "a: 'x' # c\nb: \"y\"   # c\nc: {d: e}  # c\nf: [h]  # c\n";
    let component = parse_with_saphyr(text);
    let spans: Vec<&str> = component
        .root()
        .and_then(Node::entries)
        .unwrap()
        .iter()
        .map(|entry| entry.value.span.text(text))
        .collect();
    assert_eq!(spans, ["'x'", "\"y\"", "{d: e}", "[h]"]);
}

#[test]
fn the_paths_agree_on_edge_cases() {
    let read = EDGES.iter().filter(|text| agree(text)).count();
    assert!(read >= 15, "the fast reader read only {read} edge cases");
}

/// In a flow collection saphyr rejects a word `-` right before `,`, `]` or `}` after a blank
/// (`{Type: String -, …}`), which the fast reader took for the end of a plain scalar. Found by
/// `the_paths_agree_on_edited_random_block_text`.
#[test]
fn a_dash_before_a_flow_indicator_is_left_to_saphyr() {
    let edited = "# A component.\nProperties:\n    x:\n      - 'a:' # c\n      - |\n        x\n\n\n        y\n        z\ncommandContent:\n    a b: {Type: String -, DefaultValue: 'a, b'}\nName:\n  commandContent:\n    - {Type: Number, DefaultValue: 8080}\n    - ~\n     # c\n\n  Name:\n      commandContent: |-\n        x\n          y\n  a b: 'a: b'\n";
    for text in [
        edited,
        "a: {b: c -, d: e}\n",
        "a: {b: c -}\n",
        "a: [c -]\n",
        "a: [c  -, d]\n",
    ] {
        assert!(!agree(text), "the fast reader read {text:?}");
        assert!(!parse_with_saphyr(text).errors().is_empty());
    }
    // A dash elsewhere in a flow scalar is read, as saphyr reads it.
    for text in ["a: [c - d, e-]\n", "a: {b: c -x, d: c - }\n"] {
        assert!(agree(text), "{text:?} is left to saphyr");
    }
}

/// A random YAML tree, rendered as block-style text in one of several ways.
#[derive(Debug, Clone)]
enum Tree {
    Scalar(&'static str, Style),
    Mapping(Vec<(&'static str, Tree)>),
    Sequence(Vec<Tree>),
}

#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Single,
    Double,
    Literal(bool),
    Folded(bool),
    /// Written as it is: a flow collection.
    Flow,
}

const WORDS: &[&str] = &[
    "x",
    "RunShellCommand",
    "{{ a }}",
    "echo \"hi\" > /tmp/x",
    "it's",
    "a #b",
    "a#b",
    "é 构建",
    "http://x.io/a:b",
    "~",
    "null",
    "1.5",
    "",
    "a: b",
    "a:",
    "- a",
    "[x]",
    "&a",
    "*a",
    "'q'",
];

const KEYS: &[&str] = &[
    "Name",
    "Action",
    "Properties",
    "commandContent",
    "a b",
    "k:x",
    "é",
    "x",
];

/// Flow collections.
const FLOWS: &[&str] = &[
    "{Type: Number, DefaultValue: 8080}",
    "{Type: String , DefaultValue: 'a, b'}",
    "[a, 'b', \"c\"]",
    "[ a , b ]",
    "{a : b}",
    "[a,b]",
    "{a:b}",
    "{a: b,}",
    "{a: [b]}",
    "[{a: b}]",
    "{}",
    "[]",
    "{{ x }}",
    "[a b, c:d]",
    "[a #b]",
];

/// Multi-line text for `|` and `>` blocks.
const BLOCKS: &[&str] = &[
    "set -e\necho {{ a }}",
    "x\n\ny",
    "x\n  y",
    "x\n\n\ny\nz",
    "# not a comment\nx: y",
    "a \nb",
    "x\n",
];

fn tree() -> impl Strategy<Value = Tree> {
    let style = prop_oneof![
        Just(Style::Plain),
        Just(Style::Single),
        Just(Style::Double),
        any::<bool>().prop_map(Style::Literal),
        any::<bool>().prop_map(Style::Folded),
        Just(Style::Flow),
    ];
    let leaf =
        (0..WORDS.len() * BLOCKS.len() * FLOWS.len(), style).prop_map(
            |(index, style)| match style {
                Style::Literal(_) | Style::Folded(_) => {
                    Tree::Scalar(BLOCKS[index % BLOCKS.len()], style)
                }
                Style::Flow => Tree::Scalar(FLOWS[index % FLOWS.len()], style),
                _ => Tree::Scalar(WORDS[index % WORDS.len()], style),
            },
        );
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 1..4)
                .prop_map(Tree::Mapping),
            prop::collection::vec(inner, 1..4).prop_map(Tree::Sequence),
        ]
    })
}

/// Choices of layout, consumed one by one while rendering.
struct Layout {
    choices: Vec<u8>,
    next: usize,
}

impl Layout {
    fn pick(&mut self, options: u8) -> u8 {
        let choice = self.choices.get(self.next).copied().unwrap_or(0);
        self.next += 1;
        choice % options
    }
}

fn scalar(out: &mut String, text: &str, style: Style, indent: usize) {
    match style {
        Style::Plain | Style::Flow => out.push_str(text),
        Style::Single => out.push_str(&format!("'{}'", text.replace('\'', "''"))),
        Style::Double => out.push_str(&format!("\"{text}\"")),
        Style::Literal(strip) | Style::Folded(strip) => {
            out.push(if matches!(style, Style::Literal(_)) {
                '|'
            } else {
                '>'
            });
            if strip {
                out.push('-');
            }
            for line in text.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
            }
        }
    }
}

/// Renders `tree` as the value after a key or `- ` whose collection is indented by `indent`.
fn render(out: &mut String, tree: &Tree, indent: usize, after_key: bool, layout: &mut Layout) {
    match tree {
        Tree::Scalar(text, style) => {
            out.push(' ');
            scalar(out, text, *style, indent);
            if layout.pick(4) == 0 {
                out.push_str(" # c");
            }
            out.push('\n');
        }
        Tree::Mapping(entries) => {
            let mut inner = indent + 2 + 2 * usize::from(layout.pick(2));
            if !after_key && layout.pick(2) == 0 {
                // A compact mapping on the line of its `-`.
                out.push(' ');
                inner = indent + 2;
            } else {
                out.push('\n');
                out.push_str(&" ".repeat(inner));
            }
            for (index, (key, value)) in entries.iter().enumerate() {
                if index > 0 {
                    if layout.pick(4) == 0 {
                        out.push_str(&format!("{}# c\n\n", " ".repeat(layout.pick(8).into())));
                    }
                    out.push_str(&" ".repeat(inner));
                }
                out.push_str(key);
                out.push(':');
                render(out, value, inner, true, layout);
            }
        }
        Tree::Sequence(items) => {
            let inner = if after_key && layout.pick(2) == 0 {
                indent
            } else {
                indent + 2
            };
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(inner));
                out.push('-');
                render(out, item, inner, false, layout);
            }
        }
    }
}

fn block_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((prop::sample::select(KEYS), tree()), 1..4),
        prop::collection::vec(any::<u8>(), 64),
    )
        .prop_map(|(entries, choices)| {
            let mut layout = Layout { choices, next: 0 };
            let mut out = String::from("# A component.\n");
            for (key, value) in &entries {
                out.push_str(key);
                out.push(':');
                render(&mut out, value, 0, true, &mut layout);
            }
            out
        })
}

/// Pieces inserted into fixtures to break them in small ways.
const EDITS: &[&str] = &[
    " ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", "\"", "|", ">", "x", "é", "\t", "{", "&",
];

type Edits = Vec<(prop::sample::Index, &'static str, bool)>;

fn edits() -> impl Strategy<Value = Edits> {
    prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            prop::sample::select(EDITS),
            any::<bool>(),
        ),
        1..4,
    )
}

/// Applies each edit: deletes the character at its place, or inserts its piece there.
fn edit(mut text: String, edits: Edits) -> String {
    for (at, piece, delete) in edits {
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if delete {
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            text.replace_range(at..end, "");
        } else {
            text.insert_str(at, piece);
        }
    }
    text
}

fn edited_fixture() -> impl Strategy<Value = String> {
    let fixtures: Vec<String> = fixtures().into_iter().map(|(_, text)| text).collect();
    (prop::sample::select(fixtures), edits()).prop_map(|(text, edits)| edit(text, edits))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_paths_agree_on_random_block_text(text in block_text()) {
        agree(&text);
    }

    #[test]
    fn the_paths_agree_on_edited_random_block_text(text in block_text(), edits in edits()) {
        agree(&edit(text, edits));
    }

    #[test]
    fn the_paths_agree_on_edited_fixtures(text in edited_fixture()) {
        agree(&text);
    }
}
