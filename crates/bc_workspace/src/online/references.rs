//! What the online check asks about: the component references of templates and the base images
//! of pipeline manifests. Only well-formed ones: a malformed reference is BC103's finding, and
//! asking the service about it would only repeat that.

use bc_syntax::{Body, ComponentRefKind, Parse, Span};

/// A component reference the service can resolve.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ComponentReference {
    /// `ic-…`.
    Id(String),
    /// `acs:ecs:<region>:<account>:imagecomponent/<name>/<pattern>`.
    Arn {
        /// The ARN's region.
        region: String,
        /// The component name.
        name: String,
        /// The version pattern, each part a number or `*`.
        pattern: String,
    },
}

/// A reference and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The reference as written.
    pub span: Span,
    /// What it names.
    pub reference: ComponentReference,
}

/// The well-formed component references of a template, in order.
pub fn component_references(parse: &Parse) -> Vec<Found> {
    if !parse.kind().is_template() {
        return Vec::new();
    }
    let source = parse.source();
    parse
        .commands()
        .filter_map(|command| match &command.node().body {
            Body::Component(call) => call.reference.as_ref(),
            _ => None,
        })
        .filter_map(|written| {
            let text = written.span.text(source);
            let reference = match &written.kind {
                ComponentRefKind::Id => {
                    is_component_id(text).then(|| ComponentReference::Id(text.to_string()))?
                }
                ComponentRefKind::Arn(arn) => {
                    let part = |span: Option<Span>| span.map(|span| span.text(source));
                    let (region, name, pattern) =
                        (part(arn.region)?, part(arn.name)?, part(arn.version)?);
                    let well_formed = part(arn.service) == Some("ecs")
                        && part(arn.resource_type) == Some("imagecomponent")
                        && is_region(region)
                        && !name.is_empty()
                        && is_pattern(pattern);
                    well_formed.then(|| ComponentReference::Arn {
                        region: region.to_string(),
                        name: name.to_string(),
                        pattern: pattern.to_string(),
                    })?
                }
                ComponentRefKind::Other => return None,
            };
            Some(Found {
                span: written.span,
                reference,
            })
        })
        .collect()
}

/// `ic-` and lowercase letters and digits.
fn is_component_id(text: &str) -> bool {
    text.strip_prefix("ic-").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A region id: lowercase letters, digits and dashes.
pub fn is_region(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Three parts, each a number or `*`.
fn is_pattern(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| {
            *part == "*" || (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_syntax::FileKind;

    #[test]
    fn well_formed_references_only() {
        let source = "COMPONENT ic-abc123 --x 1\n\
                      COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/web/1.*.*\n\
                      COMPONENT ic-BAD\n\
                      COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/web/1.x.0\n\
                      COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/web:2.0.0\n\
                      RUN echo ic-abc\n";
        let parse = bc_syntax::parse(source, FileKind::Build);
        let found: Vec<(&str, ComponentReference)> = component_references(&parse)
            .into_iter()
            .map(|f| (f.span.text(source), f.reference))
            .collect();
        let arn = |pattern: &str| ComponentReference::Arn {
            region: "cn-hangzhou".into(),
            name: "web".into(),
            pattern: pattern.into(),
        };
        assert_eq!(
            found,
            [
                ("ic-abc123", ComponentReference::Id("ic-abc123".into())),
                (
                    "acs:ecs:cn-hangzhou:123:imagecomponent/web/1.*.*",
                    arn("1.*.*")
                ),
                (
                    "acs:ecs:cn-hangzhou:123:imagecomponent/web:2.0.0",
                    arn("2.0.0")
                ),
            ]
        );
        let component = bc_syntax::parse("RUN echo\n", FileKind::Component);
        assert!(component_references(&component).is_empty());
    }
}
