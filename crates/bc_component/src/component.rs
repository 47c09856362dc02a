//! A parsed component and the views later stages need: its parameters and its tasks.

use bc_syntax::Span;

use crate::actions::{self, Action};
use crate::parse::{self, SyntaxError};
use crate::tree::Node;

/// A YAML component: its text, its tree and the YAML errors found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    source: String,
    root: Option<Node>,
    errors: Vec<SyntaxError>,
    complete: bool,
}

/// Parses a YAML component. Never fails: broken YAML gives the tree read up to the first error
/// and the errors (rule BC600).
pub fn parse(text: &str) -> Component {
    Component::new(text, parse::parse(text))
}

/// Parses `text` with the fast reader of block-style YAML alone, or `None` where it leaves the
/// text to saphyr. For the differential tests and fuzz target, which compare it with
/// [`parse_with_saphyr`]; not part of the API.
#[doc(hidden)]
pub fn parse_block_subset(text: &str) -> Option<Component> {
    parse::parse_block(text).map(|parsed| Component::new(text, parsed))
}

/// Parses `text` with saphyr's parser alone. For the differential tests and fuzz target; not
/// part of the API.
#[doc(hidden)]
pub fn parse_with_saphyr(text: &str) -> Component {
    Component::new(text, parse::parse_events(text))
}

/// Whether `text` is a YAML component rather than a Dockerfile-format one: its first line that is
/// neither blank nor a `#` comment is a top-level `Parameters:` or `Tasks:` key
/// (design.md §1, "component formats").
pub fn is_yaml_component(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(line) = text.lines().find(|line| {
        let line = line.trim_start();
        !line.is_empty() && !line.starts_with('#')
    }) else {
        return false;
    };
    ["Parameters", "Tasks"].iter().any(|key| {
        line.strip_prefix(key)
            .and_then(|rest| rest.trim_start_matches([' ', '\t']).strip_prefix(':'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '#']))
    })
}

/// The type of a component parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterType {
    /// Any text.
    String,
    /// An integer or decimal number.
    Number,
    /// `true` or `false`, in any case.
    Boolean,
}

impl ParameterType {
    /// Every type, in the documentation's order.
    pub const ALL: [ParameterType; 3] = [
        ParameterType::String,
        ParameterType::Number,
        ParameterType::Boolean,
    ];

    /// The type called `name` (exact spelling).
    pub fn from_name(name: &str) -> Option<ParameterType> {
        ParameterType::ALL
            .into_iter()
            .find(|ty| ty.as_str() == name)
    }

    /// The documentation's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            ParameterType::String => "String",
            ParameterType::Number => "Number",
            ParameterType::Boolean => "Boolean",
        }
    }

    /// Whether `value` (as written on a `COMPONENT` line or as a `DefaultValue`) is of this type.
    pub fn accepts(self, value: &str) -> bool {
        match self {
            ParameterType::String => true,
            ParameterType::Number => is_number(value),
            ParameterType::Boolean => {
                value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false")
            }
        }
    }
}

/// An integer or decimal number, optionally signed: `3`, `-1`, `2.5`.
pub(crate) fn is_number(value: &str) -> bool {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A declared parameter.
#[derive(Debug, Clone, Copy)]
pub struct Parameter<'c> {
    /// Its name.
    pub name: &'c str,
    /// Where the name is written.
    pub name_span: Span,
    /// Its declaration (normally a mapping with `Type` and `DefaultValue`).
    pub declaration: &'c Node,
}

impl<'c> Parameter<'c> {
    /// The declared type, if `Type` names one.
    pub fn ty(&self) -> Option<ParameterType> {
        ParameterType::from_name(self.declaration.get("Type")?.value.as_str()?)
    }

    /// The `DefaultValue` node, if declared. A parameter without one must be passed.
    pub fn default_value(&self) -> Option<&'c Node> {
        self.declaration
            .get("DefaultValue")
            .map(|entry| &entry.value)
    }

    /// Whether a `COMPONENT` line must pass it.
    pub fn is_required(&self) -> bool {
        self.default_value().is_none()
    }
}

/// A task.
#[derive(Debug, Clone, Copy)]
pub struct Task<'c> {
    /// Its position in `Tasks`, from 0.
    pub index: usize,
    /// The task's mapping (or whatever was written in its place).
    pub node: &'c Node,
    /// The `Name` value, when it is a scalar.
    pub name: Option<&'c str>,
    /// The `Name` value node.
    pub name_node: Option<&'c Node>,
    /// The `Action` value node.
    pub action_node: Option<&'c Node>,
    /// The action, when `Action` names a known one.
    pub action: Option<&'static Action>,
    /// The `Properties` value node.
    pub properties: Option<&'c Node>,
}

impl Component {
    fn new(text: &str, parsed: parse::Parsed) -> Component {
        Component {
            source: text.to_owned(),
            root: parsed.root,
            errors: parsed.errors,
            complete: parsed.complete,
        }
    }

    /// The text the component was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The root node of the (first) document, if the text holds one.
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// Whether the whole text was read: false when a YAML error stopped the parse, so the tree
    /// lacks what follows it and rules must not report anything as missing.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The YAML errors, in the order found.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The `Parameters` mapping's entries (empty when there is none).
    pub fn parameters(&self) -> impl Iterator<Item = Parameter<'_>> {
        self.top("Parameters")
            .and_then(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|entry| {
                Some(Parameter {
                    name: entry.key.as_str()?,
                    name_span: entry.key.span,
                    declaration: &entry.value,
                })
            })
    }

    /// The tasks, in order (empty when `Tasks` is missing or not a list).
    pub fn tasks(&self) -> impl Iterator<Item = Task<'_>> {
        self.top("Tasks")
            .and_then(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, node)| {
                let value = |key| node.get(key).map(|entry| &entry.value);
                let action_node = value("Action");
                Task {
                    index,
                    node,
                    name: value("Name").and_then(Node::as_str),
                    name_node: value("Name"),
                    action_node,
                    action: action_node.and_then(Node::as_str).and_then(actions::action),
                    properties: value("Properties"),
                }
            })
    }

    /// The value of a top-level key.
    pub fn top(&self, key: &str) -> Option<&Node> {
        self.root.as_ref()?.get(key).map(|entry| &entry.value)
    }
}
