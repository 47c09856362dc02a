//! The rule registry: every rule of every family, one entry per code, in code order. `check`,
//! `rule`, settings validation, the language server and the generated docs all read it.
//!
//! Each family keeps its own table next to its rules (`bc_lint::rules::RULES` for templates,
//! `bc_pipeline::rules::RULES` for manifests, `bc_component::rules::RULES` for YAML components,
//! `bc_pipeline::component::rules::RULES` for component manifests,
//! `bc_component::link::rules::RULES` for the links from templates to components,
//! `bc_component::online::RULES` for what only the service knows);
//! the registry composes them. It lives here because this is the lowest crate that sees every
//! family, and both front ends depend on it. A component rule that is a template rule applied
//! inside components (BC303 and others) has one entry, the template family's.

use std::sync::LazyLock;

use bc_lint::{Config, RuleMeta};

/// The kind of file a rule's check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Templates and template components (`bc_lint`).
    Template,
    /// `imagepipeline.toml` manifests (`bc_pipeline`).
    Manifest,
    /// YAML image components (`bc_component`).
    Component,
    /// `*.imagecomponent.toml` component manifests (`bc_pipeline::component`).
    ComponentManifest,
    /// Templates linked to the components they call (`bc_component::link`).
    Link,
    /// The online check, which asks the service (`bc_component::online`, run by [`crate::online`]).
    Online,
}

impl Family {
    /// The lower-case name, as `bclint rule --output-format json` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Template => "template",
            Family::Manifest => "manifest",
            Family::Component => "component",
            Family::ComponentManifest => "component-manifest",
            Family::Link => "link",
            Family::Online => "online",
        }
    }
}

/// A rule and the family that declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The rule's metadata.
    pub rule: &'static RuleMeta,
    /// Its family.
    pub family: Family,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let mut entries: Vec<Entry> = of_family(Family::Template, bc_lint::rules::RULES)
        .chain(of_family(Family::Manifest, bc_pipeline::rules::RULES))
        .chain(of_family(
            Family::ComponentManifest,
            bc_pipeline::component::rules::RULES,
        ))
        .chain(of_family(Family::Link, bc_component::link::rules::RULES))
        .chain(bc_component::online::RULES.iter().map(|rule| Entry {
            rule,
            family: Family::Online,
        }))
        .collect();
    for entry in of_family(Family::Component, bc_component::rules::RULES) {
        if !entries
            .iter()
            .any(|known| known.rule.code == entry.rule.code)
        {
            entries.push(entry);
        }
    }
    entries.sort_by_key(|entry| entry.rule.code);
    entries
});

/// The entries of one family's table.
fn of_family<Check>(
    family: Family,
    table: &'static [(&'static RuleMeta, Check)],
) -> impl Iterator<Item = Entry> {
    table.iter().map(move |(rule, _)| Entry { rule, family })
}

static RULES: LazyLock<Vec<&'static RuleMeta>> =
    LazyLock::new(|| ENTRIES.iter().map(|entry| entry.rule).collect());

/// Every rule with its family, in code order.
pub fn entries() -> &'static [Entry] {
    &ENTRIES
}

/// Every rule, in code order.
pub fn rules() -> &'static [&'static RuleMeta] {
    &RULES
}

/// The entry of the rule with this code (any case) or name.
pub fn find(code_or_name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|entry| {
        entry.rule.code.eq_ignore_ascii_case(code_or_name) || entry.rule.name == code_or_name
    })
}

/// The rule with this code (any case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    find(code_or_name).map(|entry| entry.rule)
}

/// The configuration with every rule at its default level, knowing every family's codes (so a
/// template's suppression may name a manifest rule). Every configuration the front ends use
/// starts from it.
pub fn config() -> Config {
    Config {
        known_rules: rules(),
        ..Config::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_family_once_per_code_in_code_order() {
        let codes: Vec<&str> = rules().iter().map(|rule| rule.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes are unique and in code order");
        let names: std::collections::HashSet<&str> = rules().iter().map(|r| r.name).collect();
        assert_eq!(names.len(), codes.len(), "names are unique");
        let family_of = |code| find(code).map(|entry| entry.family);
        assert_eq!(family_of("BC201"), Some(Family::Template));
        assert_eq!(family_of("BC303"), Some(Family::Template));
        assert_eq!(family_of("BC502"), Some(Family::Manifest));
        assert_eq!(family_of("BC308"), Some(Family::Template));
        assert_eq!(family_of("BC603"), Some(Family::Component));
        assert_eq!(family_of("BC533"), Some(Family::ComponentManifest));
        assert_eq!(family_of("BC701"), Some(Family::Link));
        assert_eq!(family_of("BC706"), Some(Family::Link));
        assert_eq!(family_of("BC710"), Some(Family::Online));
        assert_eq!(family_of("BC712"), Some(Family::Online));
    }

    #[test]
    fn a_component_rule_sharing_a_template_code_is_that_template_rule() {
        for (rule, _) in bc_component::rules::RULES {
            if let Some((template, _)) = bc_lint::rules::find(rule.code) {
                assert!(std::ptr::eq(*rule, *template), "{} differs", rule.code);
            }
        }
    }

    #[test]
    fn finds_by_code_in_any_case_or_by_name() {
        assert_eq!(find_rule("bc502").map(|r| r.name), Some("invalid-name"));
        assert_eq!(find_rule("deprecated-from").map(|r| r.code), Some("BC201"));
        assert_eq!(find_rule("unknown-action").map(|r| r.code), Some("BC603"));
        assert_eq!(find_rule("BC999"), None);
    }

    #[test]
    fn its_configurations_accept_suppressions_of_every_family() {
        let source = "# bclint: ignore-file=BC502,BC603\nRUN echo hi\n";
        let parse = bc_syntax::parse(source, bc_syntax::FileKind::Build);
        let codes = |config| -> Vec<&str> {
            bc_lint::lint(&parse, &config)
                .iter()
                .map(|d| d.code)
                .collect()
        };
        assert_eq!(codes(config()), Vec::<&str>::new());
        // The template crate alone knows neither code.
        assert!(codes(Config::default()).contains(&"BC006"));
    }
}
