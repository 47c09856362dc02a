//! Image resources in Terraform files, read with `hcl-edit`, which keeps every element's byte
//! span; the embedded strings are decoded from the host text itself so that each byte of the
//! template maps back to its place.

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::{Element, Template};

use bc_syntax::Span;

use crate::model::{Argument, Extraction, Resource, ResourceKind, Value};
use crate::source_map::{decode_heredoc, decode_quoted};

/// The arguments read, by resource kind; others are left to Terraform.
const PIPELINE_ARGUMENTS: &[&str] = &[
    "build_content",
    "name",
    "description",
    "base_image_type",
    "base_image",
    "image_name",
    "system_disk_size",
    "internet_max_bandwidth_out",
    "to_region_id",
    "add_account",
    "vswitch_id",
    "instance_type",
    "resource_group_id",
];
const COMPONENT_ARGUMENTS: &[&str] = &[
    "content",
    "component_type",
    "system_type",
    "image_component_name",
    "description",
];

pub(crate) fn extract(text: &str) -> Extraction {
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(body) => body,
        Err(error) => {
            let at = error.location().offset().min(text.len());
            let message = format!("Terraform syntax error: {}", error.message());
            return Extraction {
                resources: Vec::new(),
                syntax_error: Some((Span::empty(at), message)),
            };
        }
    };
    Extraction {
        resources: resources(text, &body),
        syntax_error: None,
    }
}

fn resources(text: &str, body: &Body) -> Vec<Resource> {
    body.get_blocks("resource")
        .filter_map(|block| resource(text, block))
        .collect()
}

fn resource(text: &str, block: &Block) -> Option<Resource> {
    let [kind, name] = &block.labels[..] else {
        return None;
    };
    let (kind, known) = match kind.as_str() {
        "alicloud_ecs_image_pipeline" => (ResourceKind::Pipeline, PIPELINE_ARGUMENTS),
        "alicloud_ecs_image_component" => (ResourceKind::Component, COMPONENT_ARGUMENTS),
        _ => return None,
    };
    let arguments = block
        .body
        .attributes()
        .filter_map(|attribute| {
            let key = *known.iter().find(|k| **k == attribute.key.as_str())?;
            Some(Argument {
                key: canonical(key),
                key_span: span(attribute.key.span()?),
                span: span(attribute.value.span()?),
                value: value(text, &attribute.value),
            })
        })
        .collect();
    Some(Resource {
        kind,
        name: name.as_str().to_owned(),
        span: span(block.ident.span()?),
        arguments,
    })
}

/// The component's name argument reads as the pipeline's, so both share the name rules.
fn canonical(key: &'static str) -> &'static str {
    match key {
        "image_component_name" => "name",
        other => other,
    }
}

fn span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

fn value(text: &str, expression: &Expression) -> Value {
    let Some(range) = expression.span() else {
        return Value::Opaque;
    };
    let written = span(range);
    match expression {
        Expression::String(_) => quoted(text, written, &[]),
        Expression::StringTemplate(template) => quoted(text, written, &placeholders(template)),
        Expression::HeredocTemplate(heredoc) => {
            let raw = written.text(text);
            let Some(body_start) = raw.find('\n').map(|at| written.start + at + 1) else {
                return Value::Opaque;
            };
            // The closing delimiter is on the last line; the body ends where that line starts.
            let body_end = text[..written.end]
                .rfind('\n')
                .map_or(body_start, |at| at + 1)
                .max(body_start);
            Value::Text(decode_heredoc(
                text,
                Span::new(body_start, body_end),
                &placeholders(&heredoc.template),
                heredoc.indent(),
            ))
        }
        Expression::Number(number) => number.as_i64().map_or(Value::Opaque, Value::Integer),
        Expression::Array(array) => Value::List(
            array
                .iter()
                .filter_map(|item| Some((value(text, item), span(item.span()?))))
                .collect(),
        ),
        Expression::FuncCall(call) if call.name.namespace.is_empty() => {
            let name = call.name.name.as_str();
            match (name, call.args.get(0)) {
                ("file" | "templatefile", Some(Expression::String(path))) => Value::File {
                    path: path.as_str().to_owned(),
                },
                _ => Value::Opaque,
            }
        }
        _ => Value::Opaque,
    }
}

/// A quoted string written at `written` (quotes included).
fn quoted(text: &str, written: Span, placeholders: &[Span]) -> Value {
    let raw = written.text(text);
    if raw.len() < 2 || !raw.starts_with('"') || !raw.ends_with('"') {
        return Value::Opaque;
    }
    let inside = Span::new(written.start + 1, written.end - 1);
    Value::Text(decode_quoted(text, inside, placeholders, true))
}

/// The host spans of a template's interpolations and directives.
fn placeholders(template: &Template) -> Vec<Span> {
    template
        .iter()
        .filter_map(|element| match element {
            Element::Literal(_) => None,
            Element::Interpolation(_) | Element::Directive(_) => element.span().map(span),
        })
        .collect()
}

/// A text for tests: the embedded value of `key` in the first resource of `tf`.
#[cfg(test)]
pub(crate) fn text_of(tf: &str, key: &str) -> crate::Text {
    let extraction = extract(tf);
    match &extraction.resources[0].get(key).unwrap().value {
        Value::Text(text) => text.clone(),
        other => panic!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_heredoc_and_indented_heredoc_values() {
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"RUN a\\n${var.x}\"\n}\n";
        let text = text_of(tf, "build_content");
        assert_eq!(text.content, "RUN a\n${var.x}");
        assert_eq!(text.placeholders().count(), 1);

        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = <<-EOT\n    RUN a\n      b $${c}\n    EOT\n}\n";
        let text = text_of(tf, "build_content");
        assert_eq!(text.content, "RUN a\n  b ${c}\n");
        let b = text.content.find('b').unwrap();
        assert_eq!(
            text.span(Span::new(b, b + 1)).start,
            tf.find("b $").unwrap()
        );

        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = <<EOT\nRUN a\nEOT\n}\n";
        assert_eq!(text_of(tf, "build_content").content, "RUN a\n");
    }

    #[test]
    fn files_numbers_lists_and_other_resources() {
        let tf = r#"
resource "alicloud_vpc" "v" { name = "x" }
resource "alicloud_ecs_image_pipeline" "a" {
  build_content    = file("build.buildcontent")
  system_disk_size = 10
  to_region_id     = ["cn-beijing", var.region]
  name             = var.name
}
"#;
        let extraction = extract(tf);
        assert_eq!(extraction.resources.len(), 1);
        let resource = &extraction.resources[0];
        assert_eq!(resource.name, "a");
        assert_eq!(
            resource.get("build_content").unwrap().value,
            Value::File {
                path: "build.buildcontent".into()
            }
        );
        assert_eq!(
            resource.get("system_disk_size").unwrap().value,
            Value::Integer(10)
        );
        let Value::List(items) = &resource.get("to_region_id").unwrap().value else {
            panic!()
        };
        assert_eq!(items.len(), 2);
        assert_eq!(resource.get("name").unwrap().value, Value::Opaque);
    }

    #[test]
    fn a_syntax_error_is_one_error_at_its_place() {
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"RUN a\n}\n";
        let extraction = extract(tf);
        let (at, message) = extraction.syntax_error.unwrap();
        assert!(message.starts_with("Terraform syntax error"), "{message}");
        // The parser places it on the line of the broken attribute.
        let line = tf.find("  build_content").unwrap();
        assert!(
            (line..tf.find("\n}").unwrap()).contains(&at.start),
            "{at:?}"
        );
    }
}
