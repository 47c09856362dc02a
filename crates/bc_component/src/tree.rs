//! The YAML tree: mappings, sequences and scalars, each with the byte span it was written at.

use bc_syntax::Span;

/// One YAML node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Where the node is written: for a scalar its text (quotes included, anchor and tag
    /// excluded), for a collection everything from its first to its last character.
    pub span: Span,
    /// What it is.
    pub kind: NodeKind,
}

/// The kinds of YAML node a component can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A mapping, its entries in source order (duplicates kept; the parse reports them).
    Mapping(Vec<Entry>),
    /// A sequence.
    Sequence(Vec<Node>),
    /// An alias (`*name`). Aliases are not expanded, so a crafted file cannot make the tree
    /// grow exponentially; rules treat an alias as a value they cannot see into.
    Alias,
}

/// A mapping entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key.
    pub key: Node,
    /// The value (an empty plain scalar when the key has none).
    pub value: Node,
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Without quotes.
    Plain,
    /// In `'…'`.
    SingleQuoted,
    /// In `"…"`.
    DoubleQuoted,
    /// A `|` block.
    Literal,
    /// A `>` block.
    Folded,
}

/// A scalar: its value after YAML's unquoting, folding and escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The value.
    pub value: String,
    /// How it was written.
    pub style: Style,
}

impl Scalar {
    /// Whether this is YAML's null: an empty plain scalar, `~` or `null`.
    pub fn is_null(&self) -> bool {
        self.style == Style::Plain
            && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

impl Node {
    /// The scalar, if the node is one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The scalar's value if the node is a scalar that is not null.
    pub fn as_str(&self) -> Option<&str> {
        self.scalar()
            .filter(|scalar| !scalar.is_null())
            .map(|scalar| scalar.value.as_str())
    }

    /// The entries, if the node is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if the node is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The first entry of a mapping whose key is the scalar `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .find(|entry| entry.key.as_str() == Some(key))
    }

    /// Whether the node is a null scalar (a key written without a value).
    pub fn is_null(&self) -> bool {
        self.scalar().is_some_and(Scalar::is_null)
    }

    /// What the node is, for messages: `a mapping`, `a list`, `an empty value`, ….
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(scalar) if scalar.is_null() => "an empty value",
            NodeKind::Scalar(_) => "a scalar",
            NodeKind::Mapping(_) => "a mapping",
            NodeKind::Sequence(_) => "a list",
            NodeKind::Alias => "an alias",
        }
    }
}
