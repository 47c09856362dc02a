//! Image resources in ROS templates. JSON is YAML, so both are read with the YAML tree of
//! `bc_component`, which keeps every node's span and how each scalar is written.

use bc_component::{Node, NodeKind, SourceMap, Style};
use bc_syntax::Span;

use crate::model::{Argument, Extraction, Resource, ResourceKind, Value};
use crate::source_map::{Notation, Text, decode_quoted};

/// ROS property names and the Terraform spelling the rules use, by resource kind.
const PIPELINE_PROPERTIES: &[(&str, &str)] = &[
    ("BuildContent", "build_content"),
    ("TestContent", "test_content"),
    ("Name", "name"),
    ("Description", "description"),
    ("BaseImageType", "base_image_type"),
    ("BaseImage", "base_image"),
    ("ImageName", "image_name"),
    ("SystemDiskSize", "system_disk_size"),
    ("InternetMaxBandwidthOut", "internet_max_bandwidth_out"),
    ("ToRegionId", "to_region_id"),
    ("AddAccount", "add_account"),
    ("VSwitchId", "vswitch_id"),
    ("InstanceType", "instance_type"),
    ("ResourceGroupId", "resource_group_id"),
];
const COMPONENT_PROPERTIES: &[(&str, &str)] = &[
    ("Content", "content"),
    ("ComponentType", "component_type"),
    ("SystemType", "system_type"),
    ("Name", "name"),
    ("Description", "description"),
];

pub(crate) fn extract(text: &str) -> Extraction {
    let parsed = bc_component::parse(text);
    if let Some(error) = parsed.errors().first() {
        return Extraction {
            resources: Vec::new(),
            syntax_error: Some((
                error.span,
                format!("ROS template syntax error: {}", error.message),
            )),
        };
    }
    let resources = parsed
        .root()
        .and_then(|root| root.get("Resources"))
        .and_then(|entry| entry.value.entries())
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| resource(text, &entry.key, &entry.value))
        .collect();
    Extraction {
        resources,
        syntax_error: None,
    }
}

fn resource(text: &str, id: &Node, node: &Node) -> Option<Resource> {
    let kind = node.get("Type")?;
    let (kind_of, known) = match kind.value.as_str()? {
        "ALIYUN::ECS::ImagePipeline" => (ResourceKind::Pipeline, PIPELINE_PROPERTIES),
        "ALIYUN::ECS::ImageComponent" => (ResourceKind::Component, COMPONENT_PROPERTIES),
        _ => return None,
    };
    let properties = node.get("Properties").and_then(|p| p.value.entries());
    let arguments = properties
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let name = entry.key.as_str()?;
            let (_, key) = known.iter().find(|(ros, _)| *ros == name)?;
            Some(Argument {
                key,
                key_span: entry.key.span,
                span: entry.value.span,
                value: value(text, entry.key.span.end, &entry.value),
            })
        })
        .collect();
    Some(Resource {
        kind: kind_of,
        name: id.as_str().unwrap_or_default().to_owned(),
        span: kind.value.span,
        arguments,
    })
}

/// The value of `node`, written after a key ending at `key_end` (the text between holds any
/// YAML tag, such as `!Ref` or `!Sub`, which the tree does not keep).
fn value(text: &str, key_end: usize, node: &Node) -> Value {
    let tag = text
        .get(key_end..node.span.start)
        .and_then(|between| between.find('!').map(|at| &between[at..]))
        .map(str::trim);
    match (&node.kind, tag) {
        (NodeKind::Scalar(_), Some(tag)) if tag.starts_with("!Sub") => substituted(text, node),
        (_, Some(_)) => Value::Opaque,
        (NodeKind::Scalar(scalar), None) => {
            if scalar.style == Style::Plain
                && let Ok(number) = scalar.value.parse::<i64>()
            {
                return Value::Integer(number);
            }
            Value::Text(scalar_text(text, node))
        }
        (NodeKind::Sequence(items), None) => Value::List(
            items
                .iter()
                .map(|item| (value(text, item.span.start, item), item.span))
                .collect(),
        ),
        (NodeKind::Mapping(entries), None) => match &entries[..] {
            [entry] if entry.key.as_str() == Some("Fn::Sub") => match &entry.value.kind {
                NodeKind::Sequence(items) => items
                    .first()
                    .map_or(Value::Opaque, |first| substituted(text, first)),
                _ => substituted(text, &entry.value),
            },
            _ => Value::Opaque,
        },
        (NodeKind::Alias, None) => Value::Opaque,
    }
}

/// An `Fn::Sub` string: its `${…}` are placeholders.
fn substituted(text: &str, node: &Node) -> Value {
    if node.scalar().is_none() {
        return Value::Opaque;
    }
    let mut mapped = scalar_text(text, node);
    mapped.mark_substitutions();
    Value::Text(mapped)
}

/// A scalar's value mapped onto the text: exactly where the notation allows it (checked
/// against the YAML reader's own value), else every byte at the scalar.
fn scalar_text(text: &str, node: &Node) -> Text {
    let Some(scalar) = node.scalar() else {
        return Text::unmapped(String::new(), node.span);
    };
    let value = &scalar.value;
    let mapped = match scalar.style {
        Style::DoubleQuoted if node.span.len() >= 2 => {
            let inside = Span::new(node.span.start + 1, node.span.end - 1);
            Some(decode_quoted(text, inside, &[], false)).filter(|t| t.content == *value)
        }
        Style::Plain | Style::SingleQuoted | Style::Literal => {
            SourceMap::of(text, node).map(|map| {
                let runs: Vec<(usize, usize)> = std::iter::once(0)
                    .chain(value.match_indices('\n').map(|(at, _)| at + 1))
                    .filter(|&at| at < value.len() || at == 0)
                    .map(|at| (at, map.offset(at)))
                    .collect();
                let notation = if scalar.style == Style::Literal {
                    Notation::YamlBlock
                } else {
                    Notation::Other
                };
                Text::from_runs(value.clone(), &runs, notation)
            })
        }
        _ => None,
    };
    mapped.unwrap_or_else(|| Text::unmapped(value.clone(), node.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_content(ros: &str) -> Value {
        let extraction = extract(ros);
        assert_eq!(extraction.syntax_error, None);
        extraction.resources[0]
            .get("build_content")
            .unwrap()
            .value
            .clone()
    }

    #[test]
    fn yaml_blocks_and_json_strings_map_exactly() {
        let yaml = "Resources:\n  P:\n    Type: ALIYUN::ECS::ImagePipeline\n    Properties:\n      BuildContent: |\n        RUN a\n        RUN yum install b\n";
        let Value::Text(text) = build_content(yaml) else {
            panic!()
        };
        assert_eq!(text.content, "RUN a\nRUN yum install b\n");
        let yum = text.content.find("yum").unwrap();
        assert_eq!(text.span(Span::new(yum, yum + 3)).text(yaml), "yum");

        let json = r#"{"Resources": {"P": {"Type": "ALIYUN::ECS::ImagePipeline", "Properties": {"BuildContent": "RUN a\nRUN yum install b\n"}}}}"#;
        let Value::Text(text) = build_content(json) else {
            panic!()
        };
        assert_eq!(text.content, "RUN a\nRUN yum install b\n");
        let yum = text.content.find("yum").unwrap();
        assert_eq!(text.span(Span::new(yum, yum + 3)).text(json), "yum");
    }

    #[test]
    fn sub_is_substituted_and_ref_is_opaque() {
        let json = r#"{"Resources": {"P": {"Type": "ALIYUN::ECS::ImagePipeline", "Properties": {"BuildContent": {"Fn::Sub": "ENV A=\"${Var}\""}}}}}"#;
        let Value::Text(text) = build_content(json) else {
            panic!()
        };
        assert_eq!(text.content, "ENV A=\"${Var}\"");
        assert_eq!(text.placeholders().count(), 1);
        let json = r#"{"Resources": {"P": {"Type": "ALIYUN::ECS::ImagePipeline", "Properties": {"BuildContent": {"Ref": "X"}}}}}"#;
        assert_eq!(build_content(json), Value::Opaque);
        let yaml = "Resources:\n  P:\n    Type: ALIYUN::ECS::ImagePipeline\n    Properties:\n      BuildContent: !Ref X\n";
        assert_eq!(build_content(yaml), Value::Opaque);
    }
}
