//! The parser: spans, model, robustness.

use bc_pipeline::{TemplateRole, parse_manifest, referenced_templates};
use proptest::prelude::*;

#[test]
fn values_keep_their_spans() {
    let text =
        "region = \"cn-hangzhou\"\nto_region_ids = [\"cn-beijing\"]\n[tags]\nenv = \"prod\"\n";
    let manifest = parse_manifest(text).manifest.unwrap();
    let region = manifest.region.unwrap();
    assert_eq!(region.span.text(text), "\"cn-hangzhou\"");
    assert_eq!(region.key.text(text), "region");
    let regions = manifest.to_region_ids.unwrap();
    assert_eq!(regions.value[0].span.text(text), "\"cn-beijing\"");
    let tags = manifest.tags.unwrap();
    assert_eq!(tags.span.text(text), "[tags]");
    assert_eq!(tags.value[0].key.span.text(text), "env");
    assert_eq!(tags.value[0].value.span.text(text), "\"prod\"");
}

#[test]
fn unknown_keys_point_at_the_key() {
    let text = "region = \"cn-hangzhou\"\n[image_options]\nimage_nmae = \"x\"\n";
    let parsed = parse_manifest(text);
    assert_eq!(parsed.diagnostics.len(), 1);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.code, "BC500");
    assert_eq!(d.span.text(text), "image_nmae");
    assert_eq!(d.help.as_deref(), Some("did you mean `image_name`?"));
}

#[test]
fn syntax_errors_give_no_manifest() {
    let parsed = parse_manifest("region = \n");
    assert!(parsed.manifest.is_none());
    assert_eq!(parsed.diagnostics[0].code, "BC500");
}

#[test]
fn referenced_templates_lists_build_and_test() {
    let text = "build = \"b.buildcontent\"\ntest = \"t.testcontent\"\nregion = ";
    let refs = referenced_templates(text);
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[0].0, TemplateRole::Build);
    assert_eq!(refs[0].1, "b.buildcontent");
    assert_eq!(refs[0].2.text(text), "\"b.buildcontent\"");
    assert_eq!(refs[1].0, TemplateRole::Test);
}

#[test]
fn manifest_keys_cover_every_model_field() {
    use bc_pipeline::{MANIFEST_KEYS, find_key};
    assert!(find_key("import_image_options.disk_device_mappings.oss_bucket").is_some());
    assert!(MANIFEST_KEYS.iter().all(|k| !k.description.is_empty()));
    let required: Vec<&str> = MANIFEST_KEYS
        .iter()
        .filter(|k| k.required)
        .map(|k| k.path)
        .collect();
    assert_eq!(required, ["region", "base_image_type"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics(text in "\\PC*") {
        let parsed = parse_manifest(&text);
        for d in &parsed.diagnostics {
            prop_assert!(d.span.end <= text.len() && d.span.start <= d.span.end);
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let _ = referenced_templates(&text);
        let _ = bc_pipeline::lint_manifest(&text, &Default::default(), &Default::default());
    }

    #[test]
    fn toml_like_input_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("region = \"cn-hangzhou\"".to_owned()),
                Just("[image_options]".to_owned()),
                Just("[[import_image_options.disk_device_mappings]]".to_owned()),
                Just("[tags]".to_owned()),
                Just("build_content = '''".to_owned()),
                Just("'''".to_owned()),
                Just("image_name = \"x\"".to_owned()),
                "[a-z_]{1,20} = (\"[^\"\\\\]{0,10}\"|[0-9]{1,25}|true|\\[1, \"a\"\\])",
            ],
            0..12,
        )
    ) {
        let text = lines.join("\n");
        let _ = bc_pipeline::lint_manifest(&text, &Default::default(), &Default::default());
        let _ = bc_pipeline::fix_manifest(&text, &Default::default(), &Default::default(), true);
    }
}

#[test]
fn hand_built_manifests_validate_without_panicking() {
    use bc_pipeline::{ImageOptions, Manifest, Spanned, Templates, validate};
    use bc_syntax::Span;
    let at = Span::new(100, 120);
    // Private fields (the source text) keep struct literals out; start from the default.
    let mut manifest = Manifest::default();
    manifest.region = Some(Spanned::new("cn-hangzhou".to_owned(), at, at));
    manifest.image_name = Some(Spanned::new("web".to_owned(), at, at));
    manifest.build_content = Some(Spanned::new("run echo".to_owned(), at, at));
    manifest.image_options = Some(Spanned::new(ImageOptions::default(), at, at));
    let codes: Vec<&str> = validate(&manifest, &Templates::default())
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&"BC501") && codes.contains(&"BC513") && codes.contains(&"BC517"));
}
