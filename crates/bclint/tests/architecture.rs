//! The shape of the workspace's code, checked on every crate's sources:
//!
//! - no module imports one of its ancestors, and no two sibling modules import each other, even
//!   through others: a module tree whose imports all point one way reads from the top down, and
//!   any part of it can be understood, tested or moved without the rest;
//! - the pure crates never reach for files, sockets, clocks, the environment, an async runtime
//!   or LSP types.
//!
//! Sources are parsed with `syn`. An import is resolved to the module that defines the item (a
//! `use` or `pub use` that only passes a name along is followed), so `use crate::Diagnostic` in
//! a crate whose root re-exports `diagnostic::Diagnostic` depends on `diagnostic`, not on the
//! root. Test modules (`#[cfg(test)]`) may import their parent (`use super::*`) and are skipped.
//! Paths inside macro invocations are not seen by the module check.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module's path from its crate root, e.g. `["output", "report"]`; the root is `[]`.
type ModulePath = Vec<String>;

/// Where a path written in a module starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// `crate::…`
    Root,
    /// `super::…` (once per `super`) or `self::…` (zero times).
    Up(usize),
    /// A `use` path starting with a name, which is a child module if the module has one by that
    /// name, else another crate.
    Bare,
}

/// A path to an item written in a module, as `use` or in code.
#[derive(Debug, Clone)]
struct Reference {
    start: Start,
    segments: Vec<String>,
}

/// A name a `use` brings into a module (`None` for a glob), and the path it stands for.
#[derive(Debug, Clone)]
struct Binding {
    name: Option<String>,
    target: Reference,
}

#[derive(Debug, Default)]
struct Module {
    file: PathBuf,
    /// Items defined in the module itself (not modules; those are known from the tree).
    items: HashSet<String>,
    bindings: Vec<Binding>,
    references: Vec<Reference>,
}

/// One crate root (`lib.rs`, `main.rs`, `src/bin/*.rs`) and its module tree.
#[derive(Debug, Default)]
struct Tree {
    modules: BTreeMap<ModulePath, Module>,
    /// `#[macro_export]` macros, which the crate root names wherever they are defined, and the
    /// modules that define them.
    exported_macros: HashMap<String, ModulePath>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crate_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("crates"))
        .expect("crates/ is readable")
        .map(|entry| entry.expect("crates/ entries are readable").path())
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() > 5,
        "expected the workspace crates, found {dirs:?}"
    );
    dirs
}

fn crate_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

fn parse(file: &Path) -> syn::File {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Whether the attributes hold `#[cfg(test)]` or `#[cfg(all(test, …))]`.
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let Ok(meta) = attr.parse_args::<syn::Meta>() else {
            return false;
        };
        attr.path().is_ident("cfg")
            && (meta.path().is_ident("test")
                || meta.path().is_ident("all")
                    && meta.require_list().is_ok_and(|list| {
                        list.parse_args_with(
                        syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                    )
                    .is_ok_and(|all| all.iter().any(|m| m.path().is_ident("test")))
                    }))
    })
}

/// The `.rs` files under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module trees of a crate: one per root. A file no `mod` line reaches (a module declared
/// by a macro) joins the library's tree at the path its location gives it; files of test
/// modules are left out.
fn crate_trees(dir: &Path) -> Vec<(PathBuf, Tree)> {
    let src = dir.join("src");
    let mut roots: Vec<PathBuf> = ["lib.rs", "main.rs"]
        .iter()
        .map(|name| src.join(name))
        .filter(|path| path.is_file())
        .collect();
    if src.join("bin").is_dir() {
        roots.extend(rust_files(&src.join("bin")));
    }
    let mut reached = HashSet::new();
    let mut trees = Vec::new();
    for root in roots {
        let mut tree = Tree::default();
        load_file(&mut tree, &mut reached, Vec::new(), &root, &src);
        trees.push((root, tree));
    }
    for file in rust_files(&src) {
        if reached.contains(&file) || file.starts_with(src.join("bin")) {
            continue;
        }
        let relative = file.strip_prefix(&src).unwrap().with_extension("");
        let mut path: ModulePath = relative
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        if path.last().is_some_and(|last| last == "mod") {
            path.pop();
        }
        let tree = &mut trees[0].1;
        let children = file.with_extension("");
        load_file(tree, &mut reached, path, &file, &children);
    }
    trees
}

/// Loads the module at `path` from `file`; its file submodules are looked up in `children`.
fn load_file(
    tree: &mut Tree,
    reached: &mut HashSet<PathBuf>,
    path: ModulePath,
    file: &Path,
    children: &Path,
) {
    reached.insert(file.to_path_buf());
    let parsed = parse(file);
    load_items(tree, reached, path, file, &parsed.items, children);
}

fn load_items(
    tree: &mut Tree,
    reached: &mut HashSet<PathBuf>,
    path: ModulePath,
    file: &Path,
    items: &[syn::Item],
    children: &Path,
) {
    let mut module = Module {
        file: file.to_path_buf(),
        ..Module::default()
    };
    let mut submodules = Vec::new();
    for item in items {
        if is_cfg_test(item_attrs(item)) {
            // A test module's file is not part of the tree either.
            if let syn::Item::Mod(m) = item {
                let name = m.ident.to_string();
                reached.insert(children.join(format!("{name}.rs")));
                reached.extend(rust_files_if_dir(&children.join(&name)));
            }
            continue;
        }
        match item {
            syn::Item::Mod(m) => submodules.push(m),
            syn::Item::Use(u) => collect_use(&u.tree, &[], &mut module.bindings),
            other => {
                if let Some(name) = item_name(other) {
                    if let syn::Item::Macro(m) = other
                        && m.attrs.iter().any(|a| a.path().is_ident("macro_export"))
                    {
                        tree.exported_macros.insert(name.clone(), path.clone());
                    }
                    module.items.insert(name);
                }
            }
        }
        if !matches!(item, syn::Item::Mod(_) | syn::Item::Use(_)) {
            let mut visitor = PathVisitor::default();
            visitor.visit_item(item);
            module.references.extend(visitor.references);
        }
    }
    tree.modules.insert(path.clone(), module);
    for m in submodules {
        let name = m.ident.to_string();
        let mut child = path.clone();
        child.push(name.clone());
        match &m.content {
            Some((_, items)) => {
                load_items(tree, reached, child, file, items, &children.join(&name));
            }
            None => {
                let flat = children.join(format!("{name}.rs"));
                let nested = children.join(&name).join("mod.rs");
                let found = if flat.is_file() { flat } else { nested };
                assert!(
                    found.is_file(),
                    "{}: no file for `mod {name}`",
                    file.display()
                );
                load_file(tree, reached, child, &found, &children.join(&name));
            }
        }
    }
}

fn rust_files_if_dir(dir: &Path) -> Vec<PathBuf> {
    if dir.is_dir() {
        rust_files(dir)
    } else {
        Vec::new()
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Const(i) => &i.ident,
        syn::Item::Enum(i) => &i.ident,
        syn::Item::Fn(i) => &i.sig.ident,
        syn::Item::Macro(i) => i.ident.as_ref()?,
        syn::Item::Static(i) => &i.ident,
        syn::Item::Struct(i) => &i.ident,
        syn::Item::Trait(i) => &i.ident,
        syn::Item::TraitAlias(i) => &i.ident,
        syn::Item::Type(i) => &i.ident,
        syn::Item::Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

/// Where a path written as `segments` starts, and the rest of it; `None` for a path that starts
/// with a name unless `bare` (in code, such a path starts from a name in scope, which a `use`
/// line accounts for, or from another crate).
fn reference(segments: &[String], bare: bool) -> Option<Reference> {
    let (start, rest) = match segments.first().map(String::as_str) {
        Some("crate") => (Start::Root, &segments[1..]),
        Some("self") => (Start::Up(0), &segments[1..]),
        Some("super") => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            (Start::Up(ups), &segments[ups..])
        }
        Some(_) if bare => (Start::Bare, segments),
        _ => return None,
    };
    Some(Reference {
        start,
        segments: rest.to_vec(),
    })
}

/// Adds the bindings of a `use` tree under `prefix`.
fn collect_use(tree: &syn::UseTree, prefix: &[String], out: &mut Vec<Binding>) {
    let with = |segment: String| {
        let mut path = prefix.to_vec();
        path.push(segment);
        path
    };
    match tree {
        syn::UseTree::Path(p) => collect_use(&p.tree, &with(p.ident.to_string()), out),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                collect_use(tree, prefix, out);
            }
        }
        syn::UseTree::Name(n) => {
            let path = with(n.ident.to_string());
            let name = if n.ident == "self" {
                prefix.last().cloned()
            } else {
                Some(n.ident.to_string())
            };
            push_binding(out, name, &path);
        }
        syn::UseTree::Rename(r) => {
            push_binding(out, Some(r.rename.to_string()), &with(r.ident.to_string()));
        }
        syn::UseTree::Glob(_) => push_binding(out, None, prefix),
    }
}

fn push_binding(out: &mut Vec<Binding>, name: Option<String>, path: &[String]) {
    // `use foo::{self}` names `foo` itself.
    let path = match path {
        [prefix @ .., last] if last == "self" && !prefix.is_empty() => prefix,
        path => path,
    };
    if let Some(target) = reference(path, true) {
        out.push(Binding { name, target });
    }
}

/// Collects the `crate::…`, `self::…` and `super::…` paths written in code.
#[derive(Default)]
struct PathVisitor {
    references: Vec<Reference>,
}

impl<'ast> Visit<'ast> for PathVisitor {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.references.extend(reference(&segments, false));
        syn::visit::visit_path(self, path);
    }

    // `pub(crate)`, `pub(super)` and `pub(in …)` name who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    // A `use` inside a function body imports as much as one at the top of the module.
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut bindings = Vec::new();
        collect_use(&item.tree, &[], &mut bindings);
        self.references
            .extend(bindings.into_iter().map(|b| b.target));
    }

    // Nested modules are modules of their own.
    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    // Test code may import anything.
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !is_cfg_test(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        }
    }
}

impl Tree {
    fn is_module(&self, path: &[String]) -> bool {
        self.modules.contains_key(path)
    }

    /// The module that defines what `reference`, written in `from`, names; `None` for another
    /// crate.
    fn resolve(&self, from: &[String], reference: &Reference) -> Option<ModulePath> {
        self.resolve_guarded(from, reference, &mut HashSet::new())
    }

    fn resolve_guarded(
        &self,
        from: &[String],
        reference: &Reference,
        seen: &mut HashSet<(ModulePath, String)>,
    ) -> Option<ModulePath> {
        let mut module: ModulePath = match reference.start {
            Start::Root => Vec::new(),
            Start::Up(ups) => from[..from.len().saturating_sub(ups)].to_vec(),
            Start::Bare => {
                let first = reference.segments.first()?;
                if !self.is_module(&[from, std::slice::from_ref(first)].concat()) {
                    return None;
                }
                from.to_vec()
            }
        };
        let mut rest = reference.segments.iter();
        let mut item = None;
        for segment in rest.by_ref() {
            let mut child = module.clone();
            child.push(segment.clone());
            if self.is_module(&child) {
                module = child;
            } else {
                item = Some(segment.clone());
                break;
            }
        }
        let Some(item) = item else {
            return Some(module);
        };
        if module.is_empty()
            && let Some(defined_in) = self.exported_macros.get(&item)
        {
            return Some(defined_in.clone());
        }
        let defined_in = &self.modules[&module];
        if defined_in.items.contains(&item) || !seen.insert((module.clone(), item.clone())) {
            return Some(module);
        }
        // A name passed along by a `use` lives where that `use` points (or in another crate).
        for binding in &defined_in.bindings {
            if binding.name.as_deref() == Some(item.as_str()) {
                return self.resolve_guarded(&module, &binding.target, seen);
            }
        }
        for binding in defined_in.bindings.iter().filter(|b| b.name.is_none()) {
            let glob = self.resolve_guarded(&module, &binding.target, seen);
            if let Some(glob) = glob
                && self.modules[&glob].items.contains(&item)
            {
                return Some(glob);
            }
        }
        Some(module)
    }
}

fn display(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

fn written(reference: &Reference) -> String {
    let start = match reference.start {
        Start::Root => vec!["crate".to_owned()],
        Start::Up(0) => vec!["self".to_owned()],
        Start::Up(n) => vec!["super".to_owned(); n],
        Start::Bare => Vec::new(),
    };
    [start, reference.segments.clone()].concat().join("::")
}

/// Every import of an ancestor and every import cycle among siblings in one tree, as lines.
fn offenders(krate: &str, tree: &Tree) -> Vec<String> {
    let mut problems = BTreeSet::new();
    // Sibling edges, per parent: which child depends on which, and the imports behind it.
    let mut edges: BTreeMap<ModulePath, BTreeMap<(String, String), BTreeSet<String>>> =
        BTreeMap::new();
    for (from, module) in &tree.modules {
        let file = module
            .file
            .strip_prefix(workspace_root())
            .unwrap_or(&module.file)
            .display()
            .to_string();
        let references = module
            .bindings
            .iter()
            .map(|b| &b.target)
            .chain(&module.references);
        for reference in references {
            let Some(to) = tree.resolve(from, reference) else {
                continue;
            };
            if to == *from || to.starts_with(from) {
                continue;
            }
            let what = format!("{file}: `{}` ({})", written(reference), display(&to));
            if from.starts_with(&to) {
                problems.insert(format!(
                    "{krate}: `{}` imports its ancestor `{}`: {what}",
                    display(from),
                    display(&to)
                ));
                continue;
            }
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            edges
                .entry(from[..common].to_vec())
                .or_default()
                .entry((from[common].clone(), to[common].clone()))
                .or_default()
                .insert(what);
        }
    }
    for (parent, edges) in &edges {
        for members in cycles(edges.keys()) {
            let mut text = format!(
                "{krate}: modules of `{}` import each other in a circle: {}; the imports between them:",
                display(parent),
                members.join(", ")
            );
            for ((a, b), imports) in edges {
                if members.contains(a) && members.contains(b) {
                    for what in imports {
                        let _ = write!(text, "\n      {a} → {b}: {what}");
                    }
                }
            }
            problems.insert(text);
        }
    }
    problems.into_iter().collect()
}

/// The groups of sibling modules that import each other, directly or through others (the
/// strongly connected components of more than one module), each sorted.
fn cycles<'a>(edges: impl Iterator<Item = &'a (String, String)>) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    let reach = |start: &str| -> HashSet<String> {
        let mut seen = HashSet::from([start.to_owned()]);
        let mut pending = vec![start.to_owned()];
        while let Some(node) = pending.pop() {
            for &to in next.get(node.as_str()).into_iter().flatten() {
                if seen.insert(to.to_owned()) {
                    pending.push(to.to_owned());
                }
            }
        }
        seen
    };
    let mut done: HashSet<String> = HashSet::new();
    let mut found = Vec::new();
    for &start in next.keys() {
        if done.contains(start) {
            continue;
        }
        let mut members: Vec<String> = reach(start)
            .into_iter()
            .filter(|node| reach(node).contains(start))
            .collect();
        if members.len() < 2 {
            continue;
        }
        members.sort();
        done.extend(members.iter().cloned());
        found.push(members);
    }
    found
}

#[test]
fn no_module_imports_its_parent_or_a_sibling_that_imports_it_back() {
    let mut problems = Vec::new();
    let mut modules = 0;
    for dir in crate_dirs() {
        for (root, tree) in crate_trees(&dir) {
            modules += tree.modules.len();
            let name = format!(
                "{} ({})",
                crate_name(&dir),
                root.file_name().unwrap().to_string_lossy()
            );
            problems.extend(offenders(&name, &tree));
        }
    }
    assert!(
        modules > 100,
        "only {modules} modules found; is the scan broken?"
    );
    assert!(
        problems.is_empty(),
        "{} import problem(s); move what both sides need into a module of its own:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// What a pure crate must never name: files, sockets, the environment, clocks, an async
/// runtime, LSP types.
const IMPURE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::time::SystemTime",
    "std::time::Instant",
    "tokio",
    "ls_types",
    "tower_lsp",
    "tower_lsp_server",
];

const PURE_CRATES: &[&str] = &["bc_syntax", "bc_lint", "bc_pipeline", "bc_component"];

/// Every path written in a file, test code included: `use` trees expanded, paths in code, and
/// the tokens of macro invocations, each as `a::b::c`.
#[derive(Default)]
struct AllPaths {
    paths: Vec<String>,
}

impl<'ast> Visit<'ast> for AllPaths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let text: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.paths.push(text.join("::"));
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut bindings = Vec::new();
        expand_use(&item.tree, &mut Vec::new(), &mut bindings);
        self.paths.extend(bindings);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.paths.push(mac.tokens.to_string().replace(' ', ""));
        syn::visit::visit_macro(self, mac);
    }
}

fn expand_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            expand_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| expand_use(t, prefix, out)),
        syn::UseTree::Name(n) => out.push([prefix.join("::"), n.ident.to_string()].join("::")),
        syn::UseTree::Rename(r) => out.push([prefix.join("::"), r.ident.to_string()].join("::")),
        syn::UseTree::Glob(_) => out.push(prefix.join("::")),
    }
}

/// Whether `text` (a path, or macro tokens without spaces) names `forbidden` as a whole path
/// prefix.
fn names(text: &str, forbidden: &str) -> bool {
    text.match_indices(forbidden).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + forbidden.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_pure_crates_name_no_files_sockets_clocks_environment_or_lsp_types() {
    let mut problems = Vec::new();
    for krate in PURE_CRATES {
        let src = workspace_root().join("crates").join(krate).join("src");
        let files = rust_files(&src);
        assert!(!files.is_empty(), "{} has no sources", src.display());
        for file in files {
            let mut visitor = AllPaths::default();
            visitor.visit_file(&parse(&file));
            for forbidden in IMPURE {
                if let Some(path) = visitor.paths.iter().find(|p| names(p, forbidden)) {
                    problems.push(format!(
                        "{}: names `{forbidden}` (in `{path}`)",
                        file.strip_prefix(workspace_root()).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the pure crates must not do I/O, read clocks or the environment, or know LSP:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    // A module importing its parent, and two siblings importing each other.
    let file = |text: &str| syn::parse_file(text).unwrap();
    let mut tree = Tree::default();
    let mut reached = HashSet::new();
    let dir = Path::new("/nonexistent");
    let root = file(
        "pub struct Shared; pub use a::Thing; mod a { pub struct Thing; use super::Shared; \
         use crate::b::Other; } mod b { pub struct Other; fn f() -> crate::a::Thing { crate::a::Thing } } \
         #[cfg(test)] mod tests { use super::*; }",
    );
    load_items(&mut tree, &mut reached, Vec::new(), dir, &root.items, dir);
    let problems = offenders("example", &tree);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("`a` imports its ancestor `crate`"),
        "{problems:#?}"
    );
    assert!(problems[1].contains("in a circle: a, b;"), "{problems:#?}");
    // `crate::Thing` passes through the root's re-export to `a`, which is not a parent import.
    let reexport = Reference {
        start: Start::Root,
        segments: vec!["Thing".into()],
    };
    assert_eq!(
        tree.resolve(&["b".into()], &reexport),
        Some(vec!["a".to_owned()])
    );

    assert!(names("std::fs::read", "std::fs"));
    assert!(names("std::time::Instant", "std::time::Instant"));
    assert!(!names("std::fsx", "std::fs"));
    assert!(!names("my_tokio", "tokio"));
}
