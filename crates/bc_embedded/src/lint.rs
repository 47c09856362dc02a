//! Linting what [`crate::extract`] found: each embedded template with the rules of its kind,
//! each pipeline's other arguments with the manifest rules they share with
//! `imagepipeline.toml`, and every finding moved to the host file.

use bc_component::SystemType;
use bc_lint::{Config, Diagnostic, Fix, RuleMeta, Severity};
use bc_pipeline::{Manifest, Spanned, TemplateFile, TemplateRole, Templates};
use bc_syntax::{FileKind, MAX_CONTENT_BYTES, Span};

use crate::model::{Argument, Extraction, Host, Resource, ResourceKind, Value};
use crate::source_map::Text;

/// The manifest rules that apply to a pipeline resource's arguments. The others concern
/// parameters Terraform and ROS do not have, or have elsewhere (the region is the provider's).
const PIPELINE_RULES: &[&str] = &[
    "BC502", "BC503", "BC504", "BC505", "BC506", "BC507", "BC509", "BC520", "BC521", "BC522",
    "BC524", "BC525",
];

/// Lints the resources of `extraction`, found in `text` (a file of kind `host`), and returns
/// the findings in `text`'s coordinates, sorted. `files` gives what the caller found at a
/// `file("…")` path as written (read under the same rules as a manifest's `build` path).
pub fn lint(
    host: Host,
    text: &str,
    extraction: &Extraction,
    config: &Config,
    files: &dyn Fn(&str) -> Option<TemplateFile>,
) -> Vec<Diagnostic> {
    if let Some((span, message)) = &extraction.syntax_error {
        let rule = pipeline_rule("BC500");
        if !config.is_enabled(rule) {
            return Vec::new();
        }
        let mut diagnostic = Diagnostic::new(rule, *span, message.clone());
        diagnostic.note("bclint reads this file for its image resources only and stops here");
        return bc_lint::finalize(vec![diagnostic], config);
    }
    let mut diagnostics = Vec::new();
    for resource in &extraction.resources {
        let mut found = match resource.kind {
            ResourceKind::Pipeline => pipeline(host, text, resource, config, files),
            ResourceKind::Component => component(text, resource, config, files),
        };
        for argument in &resource.arguments {
            let codes = ignored_codes(text, argument.key_span.start);
            if codes.is_empty() {
                continue;
            }
            let whole = Span::new(argument.key_span.start, argument.span.end);
            found.retain(|d| {
                !(codes.iter().any(|code| code == d.code)
                    && whole.start <= d.span.start
                    && d.span.end <= whole.end)
            });
        }
        diagnostics.extend(found);
    }
    bc_lint::finalize(diagnostics, config)
}

/// Lints a file a resource names with `file("…")` or `templatefile("…", …)`, as that resource
/// uses it: a pipeline's build template, or a component by its content and `system_type`.
pub fn lint_referenced(resource: &Resource, source: &str, config: &Config) -> Vec<Diagnostic> {
    match resource.kind {
        ResourceKind::Pipeline => bc_lint::lint(&bc_syntax::parse(source, FileKind::Build), config),
        ResourceKind::Component => lint_component(source, system(resource), config),
    }
}

fn pipeline_rule(code: &str) -> &'static RuleMeta {
    bc_pipeline::rules::RULES
        .iter()
        .find(|(rule, _)| rule.code == code)
        .map(|(rule, _)| *rule)
        .expect("a manifest rule of that code exists")
}

fn pipeline(
    host: Host,
    text: &str,
    resource: &Resource,
    config: &Config,
    files: &dyn Fn(&str) -> Option<TemplateFile>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut manifest = Manifest::written_in(text);
    let mut templates = Templates::default();
    for argument in &resource.arguments {
        let string = || match &argument.value {
            Value::Text(text) => Some(spanned(argument, text.content.clone())),
            _ => None,
        };
        let integer = || match argument.value {
            Value::Integer(n) => Some(spanned(argument, n)),
            _ => None,
        };
        match argument.key {
            "build_content" | "test_content" => {
                let role = if argument.key == "build_content" {
                    TemplateRole::Build
                } else {
                    TemplateRole::Test
                };
                match &argument.value {
                    Value::Text(embedded) => {
                        diagnostics.extend(lint_template(embedded, role.file_kind(), config));
                        let inline = Some(spanned(argument, embedded.content.clone()));
                        match role {
                            TemplateRole::Build => manifest.build_content = inline,
                            TemplateRole::Test => manifest.test_content = inline,
                        }
                    }
                    Value::File { path } => {
                        let named =
                            Some(Spanned::new(path.clone(), argument.span, argument.key_span));
                        let file = files(path);
                        match role {
                            TemplateRole::Build => {
                                (manifest.build, templates.build) = (named, file)
                            }
                            TemplateRole::Test => (manifest.test, templates.test) = (named, file),
                        }
                    }
                    _ => {}
                }
            }
            "name" => manifest.name = literal(argument).map(|v| spanned(argument, v)),
            "description" => manifest.description = literal(argument).map(|v| spanned(argument, v)),
            "base_image_type" => {
                manifest.base_image_type = literal(argument).map(|v| spanned(argument, v))
            }
            "base_image" => manifest.base_image = string(),
            "image_name" => {
                if let Some(name) = literal(argument) {
                    manifest.image_options = Some(Spanned::new(
                        bc_pipeline::ImageOptions {
                            image_name: Some(spanned(argument, name)),
                            ..Default::default()
                        },
                        argument.span,
                        argument.key_span,
                    ));
                }
            }
            "system_disk_size" => manifest.system_disk_size = integer(),
            "internet_max_bandwidth_out" => manifest.internet_max_bandwidth_out = integer(),
            "instance_type" => {
                manifest.instance_type = literal(argument).map(|v| spanned(argument, v))
            }
            "vswitch_id" => manifest.vswitch_id = string(),
            "resource_group_id" => {
                manifest.resource_group_id = literal(argument).map(|v| spanned(argument, v))
            }
            "to_region_id" => {
                manifest.to_region_ids = list(text, argument, |_, raw| Some(raw.to_owned()));
            }
            "add_account" => {
                // Only the count matters to the rules; an account that is not a literal
                // number is still one account.
                manifest.add_accounts = list(text, argument, |value, raw| {
                    Some(match value {
                        Value::Integer(n) => *n,
                        _ => raw.trim_matches('"').parse().unwrap_or(0),
                    })
                });
            }
            _ => {}
        }
    }
    diagnostics.extend(bc_pipeline::check_rules(
        &manifest,
        &templates,
        config,
        PIPELINE_RULES,
    ));
    if host == Host::Terraform
        && let Some(kind) = &manifest.base_image_type
        && kind.value == "OSS"
        && config.is_enabled(pipeline_rule("BC504"))
    {
        Diagnostic::push_new(
            &mut diagnostics,
            pipeline_rule("BC504"),
            kind.span,
            "`base_image_type` must be `IMAGE` or `IMAGE_FAMILY` in Terraform",
        )
        .note("the `alicloud_ecs_image_pipeline` resource accepts only those two and fails `terraform plan`");
    }
    diagnostics
}

/// `value`, as written at `argument`.
fn spanned<T>(argument: &Argument, value: T) -> Spanned<T> {
    Spanned::new(value, argument.span, argument.key_span)
}

/// An argument's string value when it is fully known (no interpolation).
fn literal(argument: &Argument) -> Option<String> {
    match &argument.value {
        Value::Text(text) if text.placeholders().next().is_none() => Some(text.content.clone()),
        _ => None,
    }
}

/// A list argument as the manifest rules see it: each element's value (from the element and
/// its text as written), spanned.
fn list<T>(
    text: &str,
    argument: &Argument,
    convert: impl Fn(&Value, &str) -> Option<T>,
) -> Option<Spanned<Vec<Spanned<T>>>> {
    let Value::List(items) = &argument.value else {
        return None;
    };
    let values = items
        .iter()
        .filter_map(|(value, span)| {
            let raw = match value {
                Value::Text(text) => text.content.clone(),
                _ => span.text(text).to_owned(),
            };
            Some(Spanned::new(convert(value, &raw)?, *span, *span))
        })
        .collect();
    Some(Spanned::new(values, argument.span, argument.key_span))
}

fn system(resource: &Resource) -> SystemType {
    match resource.string("system_type") {
        Some(system) if system.eq_ignore_ascii_case("windows") => SystemType::Windows,
        _ => SystemType::Linux,
    }
}

fn component(
    text: &str,
    resource: &Resource,
    config: &Config,
    files: &dyn Fn(&str) -> Option<TemplateFile>,
) -> Vec<Diagnostic> {
    let Some(argument) = resource.get("content") else {
        return Vec::new();
    };
    match &argument.value {
        Value::Text(embedded) => {
            let found = lint_component(&embedded.content, system(resource), config);
            place(found, embedded)
        }
        Value::File { path } => {
            // A missing or unreadable file is judged as a pipeline's template file would be.
            let mut manifest = Manifest::written_in(text);
            manifest.build = Some(Spanned::new(path.clone(), argument.span, argument.key_span));
            let templates = Templates {
                build: files(path),
                test: None,
            };
            bc_pipeline::check_rules(&manifest, &templates, config, &["BC520", "BC521"])
        }
        _ => Vec::new(),
    }
}

/// A component's findings: a YAML component's rules or a Dockerfile-format component's, by
/// its content (design.md §1).
fn lint_component(content: &str, system: SystemType, config: &Config) -> Vec<Diagnostic> {
    if bc_component::is_yaml_component(content) {
        let options = bc_component::Options {
            system,
            config: config.clone(),
        };
        bc_component::lint(&bc_component::parse(content), &options)
    } else {
        bc_lint::lint(&bc_syntax::parse(content, FileKind::Component), config)
    }
}

/// Lints an embedded template and places its findings in the host.
fn lint_template(embedded: &Text, kind: FileKind, config: &Config) -> Vec<Diagnostic> {
    let parse = bc_syntax::parse(&embedded.content, kind);
    let mut found = bc_lint::lint(&parse, config);
    let unknown: usize = embedded.placeholders().map(Span::len).sum();
    if unknown > 0 {
        let known = bc_syntax::render(&parse).len().saturating_sub(unknown);
        for diagnostic in found.iter_mut().filter(|d| d.code == "BC101") {
            if known > MAX_CONTENT_BYTES {
                diagnostic.note(format!(
                    "even without its {unknown} bytes of interpolations, whose values are unknown, the content has {known} bytes"
                ));
            } else {
                diagnostic.severity(Severity::Info).note(format!(
                    "the content has {known} bytes besides its interpolations; whether it fits depends on their values"
                ));
            }
        }
    }
    place(found, embedded)
}

/// Moves findings of an embedded text to the host: drops those on a placeholder (an
/// interpolated value is assumed valid), maps spans, and keeps only the fixes whose edits
/// map byte for byte onto the host text.
fn place(found: Vec<Diagnostic>, embedded: &Text) -> Vec<Diagnostic> {
    found
        .into_iter()
        .filter(|d| d.code == "BC101" || !embedded.touches_placeholder(d.span))
        .map(|mut diagnostic| {
            diagnostic.span = embedded.span(diagnostic.span);
            for label in &mut diagnostic.labels {
                label.span = embedded.span(label.span);
            }
            let fixes = std::mem::take(&mut diagnostic.fixes);
            diagnostic.fixes = fixes
                .into_iter()
                .filter_map(|fix| place_fix(fix, embedded))
                .collect();
            diagnostic
        })
        .collect()
}

fn place_fix(mut fix: Fix, embedded: &Text) -> Option<Fix> {
    for edit in &mut fix.edits {
        edit.span = embedded.exact(edit.span)?;
        edit.replacement = embedded.encode(&edit.replacement)?.into();
    }
    Some(fix)
}

/// The codes a `# bclint: ignore=…` comment on the line before `at` names.
fn ignored_codes(text: &str, at: usize) -> Vec<String> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let Some(previous) = line_start.checked_sub(1).map(|end| {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        text[start..end].trim()
    }) else {
        return Vec::new();
    };
    if !previous.starts_with('#') {
        return Vec::new();
    }
    // The comment reads as a template's own suppression comment would.
    let parse = bc_syntax::parse(previous, FileKind::Build);
    let (directives, _) = bc_lint::directives(&parse);
    directives
        .iter()
        .filter(|d| !d.file_wide)
        .flat_map(|d| d.codes.iter().map(|(code, _)| (*code).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract;

    fn lint_tf(tf: &str) -> Vec<Diagnostic> {
        let extraction = extract(Host::Terraform, tf);
        lint(
            Host::Terraform,
            tf,
            &extraction,
            &Config::default(),
            &|_| None,
        )
    }

    fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
        found.iter().map(|d| d.code).collect()
    }

    #[test]
    fn interpolations_are_assumed_valid() {
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"ENV A=\\\"${var.x}\\\"\\nENV B=${var.y}\\n\"\n}\n";
        assert_eq!(codes(&lint_tf(tf)), Vec::<&str>::new());
    }

    #[test]
    fn fixes_are_offered_only_where_exact() {
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"run a\\nRUN yum install x\"\n}\n";
        let found = lint_tf(tf);
        assert_eq!(codes(&found), ["BC301", "BC303"]);
        let edits: Vec<&[bc_lint::Edit]> = found
            .iter()
            .filter_map(|d| d.safe_fix())
            .map(|fix| &fix.edits[..])
            .collect();
        let (fixed, _) = bc_lint::apply_fixes(tf, &edits);
        assert!(
            fixed.contains("\"RUN a\\nRUN yum install -y x\""),
            "{fixed}"
        );
        // An edit across an escape is not offered: `\u0072un` is `run`.
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"\\u0072un a\"\n}\n";
        let found = lint_tf(tf);
        assert_eq!(codes(&found), ["BC301"]);
        assert!(found[0].fixes.is_empty());
        assert_eq!(found[0].span.text(tf), "\\u0072un");
    }

    #[test]
    fn argument_rules_and_terraform_base_image_types() {
        let tf = r#"resource "alicloud_ecs_image_pipeline" "a" {
  name             = "1bad name"
  base_image_type  = "OSS"
  system_disk_size = 10
  build_content    = "COPY https://example.com/x /tmp/"
}
"#;
        let found = lint_tf(tf);
        assert_eq!(codes(&found), ["BC502", "BC504", "BC505", "BC522"]);
        assert_eq!(found[1].span.text(tf), "\"OSS\"");
    }

    #[test]
    fn a_comment_before_the_argument_suppresses_for_the_whole_argument() {
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  # bclint: ignore=BC303 -- the mirror answers yes\n  build_content = \"RUN yum install x\"\n  system_disk_size = 10\n}\n";
        assert_eq!(codes(&lint_tf(tf)), ["BC505"]);
    }
}
