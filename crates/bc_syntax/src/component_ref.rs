//! Splits a component reference into its parts without judging them (that is the linter's job).

use crate::{Arn, ComponentRef, ComponentRefKind, Span, VersionSeparator};

/// Parses `text` (found at byte `start` of the source) as an `ic-` id or an ARN.
pub fn parse_component_ref(text: &str, start: usize) -> ComponentRef {
    let span = Span::new(start, start + text.len());
    let kind = if text.starts_with("ic-") {
        ComponentRefKind::Id
    } else if let Some(rest) = text.strip_prefix("acs:") {
        ComponentRefKind::Arn(Box::new(parse_arn(rest, start + 4)))
    } else {
        ComponentRefKind::Other
    };
    ComponentRef { span, kind }
}

/// Parses what follows `acs:`: `ecs:<region>:<account>:imagecomponent/<name>{/|:}<version>`.
fn parse_arn(rest: &str, start: usize) -> Arn {
    let mut arn = Arn::default();
    let mut segments = rest.splitn(4, ':');
    let mut offset = start;
    let mut next = |segments: &mut std::str::SplitN<'_, char>| {
        let segment = segments.next()?;
        let span = Span::new(offset, offset + segment.len());
        offset = span.end + 1;
        Some(span)
    };
    arn.service = next(&mut segments);
    arn.region = next(&mut segments);
    arn.account = next(&mut segments);
    let Some(resource) = next(&mut segments) else {
        return arn;
    };
    let resource_text = &rest[resource.start - start..resource.end - start];
    let Some((kind, path)) = resource_text.split_once('/') else {
        arn.resource_type = Some(resource);
        return arn;
    };
    arn.resource_type = Some(Span::new(resource.start, resource.start + kind.len()));
    let path_start = resource.start + kind.len() + 1;
    // The name may itself contain `:`, so a `/` separator wins when present; otherwise the last
    // `:` separates the version (the form one line of the docs shows).
    let split = path
        .rfind('/')
        .map(|i| (i, VersionSeparator::Slash))
        .or_else(|| path.rfind(':').map(|i| (i, VersionSeparator::Colon)));
    let Some((at, separator)) = split else {
        arn.name = Some(Span::new(path_start, path_start + path.len()));
        return arn;
    };
    arn.name = Some(Span::new(path_start, path_start + at));
    arn.separator = Some((separator, Span::new(path_start + at, path_start + at + 1)));
    let version_start = path_start + at + 1;
    let version = &path[at + 1..];
    arn.version = Some(Span::new(version_start, version_start + version.len()));
    let mut part_start = version_start;
    for part in version.split('.') {
        arn.version_parts
            .push(Span::new(part_start, part_start + part.len()));
        part_start += part.len() + 1;
    }
    arn
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, arn: &Arn) -> Vec<(&'static str, &'a str)> {
        let t = |s: Option<Span>| s.map_or("<none>", |s| &text[s.range()]);
        vec![
            ("service", t(arn.service)),
            ("region", t(arn.region)),
            ("account", t(arn.account)),
            ("type", t(arn.resource_type)),
            ("name", t(arn.name)),
            ("version", t(arn.version)),
        ]
    }

    #[test]
    fn slash_arn_with_wildcards() {
        let text = "acs:ecs:cn-hangzhou:123456789:imagecomponent/myComp/1.*.*";
        let ComponentRefKind::Arn(arn) = parse_component_ref(text, 0).kind else {
            panic!()
        };
        assert_eq!(
            texts(text, &arn),
            vec![
                ("service", "ecs"),
                ("region", "cn-hangzhou"),
                ("account", "123456789"),
                ("type", "imagecomponent"),
                ("name", "myComp"),
                ("version", "1.*.*")
            ]
        );
        assert_eq!(arn.separator.map(|s| s.0), Some(VersionSeparator::Slash));
        let parts: Vec<_> = arn.version_parts.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(parts, ["1", "*", "*"]);
    }

    #[test]
    fn colon_arn_and_offsets() {
        let text = "acs:ecs:ap-southeast-1:1:imagecomponent/a:b:2.0.1";
        let ComponentRefKind::Arn(arn) = parse_component_ref(text, 10).kind else {
            panic!()
        };
        let name = arn.name.unwrap();
        assert_eq!(&text[name.start - 10..name.end - 10], "a:b");
        assert_eq!(arn.separator.map(|s| s.0), Some(VersionSeparator::Colon));
    }

    #[test]
    fn short_arn_and_other() {
        let ComponentRefKind::Arn(arn) = parse_component_ref("acs:ecs:cn", 0).kind else {
            panic!()
        };
        assert_eq!(arn.account, None);
        assert_eq!(
            parse_component_ref("i-123", 0).kind,
            ComponentRefKind::Other
        );
        assert_eq!(parse_component_ref("ic-abc", 0).kind, ComponentRefKind::Id);
    }
}
