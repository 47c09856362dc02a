//! The context every link rule's `check` function reads.

use bc_syntax::{Body, ComponentCall, ComponentRefKind, FileKind, Parse, Span};

use super::called::CalledComponent;
use super::version::{Version, matches_pattern};

/// A template being linked to the components it calls.
pub struct Linker<'p> {
    /// The template.
    pub parse: &'p Parse,
    /// Its text (spans index into it).
    pub source: &'p str,
    /// Build or test.
    pub kind: FileKind,
    /// Its `COMPONENT` references that name a known component, in order.
    pub calls: Vec<Call<'p>>,
}

/// A `COMPONENT` line whose reference names a known component.
#[derive(Debug)]
pub struct Call<'p> {
    /// The command's reference and parameters.
    pub call: &'p ComponentCall,
    /// The whole reference.
    pub reference: Span,
    /// The ARN's `<name>`, or the `ic-` id.
    pub name: &'p str,
    /// The ARN's version pattern, as written, and where.
    pub version: Option<(&'p str, Span)>,
    /// Every known component of that name (several versions may coexist).
    pub candidates: Vec<CalledComponent>,
    /// Which candidate the line calls: the latest whose version matches the pattern (one without
    /// a version matches any). `None` when no version matches.
    called: Option<usize>,
}

impl Call<'_> {
    /// The component the line calls, if a version matches.
    pub fn called(&self) -> Option<&CalledComponent> {
        self.candidates.get(self.called?)
    }
}

impl<'p> Linker<'p> {
    /// Finds the template's calls of known components, asking `resolve` once per call.
    pub fn new(parse: &'p Parse, mut resolve: impl FnMut(&str) -> Vec<CalledComponent>) -> Self {
        let source = parse.source();
        let mut calls = Vec::new();
        // A component cannot call components (BC104), so only templates link.
        if parse.kind() != FileKind::Component {
            for command in parse.commands() {
                let Body::Component(call) = &command.node().body else {
                    continue;
                };
                let Some(reference) = &call.reference else {
                    continue;
                };
                // An ARN is resolved by its name; an `ic-` id by the id itself, which only the
                // service knows (the online check's resolver answers it; the index never does).
                let (name, version) = match &reference.kind {
                    ComponentRefKind::Arn(arn) => {
                        let Some(name) = arn.name.map(|span| span.text(source)) else {
                            continue;
                        };
                        (name, arn.version.map(|span| (span.text(source), span)))
                    }
                    ComponentRefKind::Id => (reference.span.text(source), None),
                    ComponentRefKind::Other => continue,
                };
                if name.is_empty() {
                    continue;
                }
                let candidates = resolve(name);
                if candidates.is_empty() {
                    continue;
                }
                let called = select(&candidates, version.map(|(text, _)| text));
                calls.push(Call {
                    call,
                    reference: reference.span,
                    name,
                    version,
                    candidates,
                    called,
                });
            }
        }
        Linker {
            parse,
            source,
            kind: parse.kind(),
            calls,
        }
    }

    /// The calls whose version matches a known component, each with the component it calls:
    /// what every rule about parameters and types looks at.
    pub fn called(&self) -> impl Iterator<Item = (&Call<'p>, &CalledComponent)> {
        self.calls
            .iter()
            .filter_map(|call| Some((call, call.called()?)))
    }
}

/// The candidate a version pattern calls: the latest matching version ("latest matching", `*`
/// per part), the first one without a version if none has one, `None` if none matches.
fn select(candidates: &[CalledComponent], pattern: Option<&str>) -> Option<usize> {
    let version = |c: &CalledComponent| c.version.as_deref().and_then(Version::parse);
    candidates
        .iter()
        .enumerate()
        .filter(|(_, candidate)| match (version(candidate), pattern) {
            (Some(version), Some(pattern)) => matches_pattern(pattern, &version),
            _ => true,
        })
        // `max_by_key` keeps the last of equal keys; reversed, that is the first in order.
        .rev()
        .max_by_key(|(_, candidate)| version(candidate))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versioned(version: Option<&str>) -> CalledComponent {
        CalledComponent {
            version: version.map(str::to_owned),
            ..CalledComponent::new("web")
        }
    }

    #[test]
    fn the_latest_matching_version_is_called() {
        let candidates = [
            versioned(Some("1.2.0")),
            versioned(Some("1.10.0")),
            versioned(Some("2.0.0")),
        ];
        assert_eq!(select(&candidates, Some("1.*.*")), Some(1));
        assert_eq!(select(&candidates, Some("*.*.*")), Some(2));
        assert_eq!(select(&candidates, Some("1.2.0")), Some(0));
        assert_eq!(select(&candidates, Some("3.*.*")), None);
    }

    #[test]
    fn a_component_without_a_version_matches_any_pattern() {
        let candidates = [versioned(None), versioned(None)];
        assert_eq!(select(&candidates, Some("3.*.*")), Some(0));
        assert_eq!(select(&[versioned(Some("1.0.0"))], None), Some(0));
    }
}
