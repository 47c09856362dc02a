use bc_lint::declare_rule;
use bc_syntax::excerpt;

use crate::Checker;
use crate::model::{Spanned, Tag};
use crate::text::{char_len, contains_url};

/// The most tags per list.
const MAX_TAGS: usize = 20;

declare_rule! {
    /// ## What it does
    /// Checks `[tags]` (the pipeline's `Tag.N`) and `[image_options.tags]` (the image's
    /// `ImageOptions.ImageTags.N`): at most 20 tags each; keys non-empty, at most 128 characters,
    /// not starting with `acs:` or `aliyun`, without `http://` or `https://`; values at most 128
    /// characters, not starting with `acs:`, without `http://` or `https://`.
    ///
    /// ## Why is this bad?
    /// CreateImagePipeline rejects a bad key with `InvalidTagKey.Malformed` and a bad value with
    /// `InvalidTagValue.Malformed`; the `acs:` and `aliyun` prefixes are reserved for Alibaba
    /// Cloud. The prefixes are matched case-sensitively, as documented. Duplicate keys
    /// (`Duplicate.TagKey`) cannot occur: TOML itself forbids them (BC500).
    ///
    /// ## Example
    /// ```toml
    /// [tags]
    /// "acs:env" = "prod"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [tags]
    /// env = "prod"
    /// ```
    pub static RULE = {
        code: "BC508",
        name: "invalid-tag",
        severity: Error,
        api_error: Some("InvalidTagKey.Malformed, InvalidTagValue.Malformed"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    if let Some(tags) = &m.tags {
        check_tags(checker, "tags", tags);
    }
    if let Some(tags) = m.image_options.as_ref().and_then(|o| o.value.tags.as_ref()) {
        check_tags(checker, "image_options.tags", tags);
    }
}

fn check_tags(checker: &mut Checker<'_>, table: &str, tags: &Spanned<Vec<Tag>>) {
    if tags.value.len() > MAX_TAGS {
        checker
            .report(
                &RULE,
                tags.value[MAX_TAGS].key.span,
                format!(
                    "`[{table}]` has {} tags; at most {MAX_TAGS} are allowed",
                    tags.value.len()
                ),
            )
            .note("CreateImagePipeline rejects more than 20 tags");
    }
    for tag in &tags.value {
        let key = tag.key.value.as_str();
        let problem = if key.is_empty() {
            Some("must not be empty".to_owned())
        } else if char_len(key) > 128 {
            Some(format!(
                "must be at most 128 characters, not {}",
                char_len(key)
            ))
        } else if key.starts_with("acs:") || key.starts_with("aliyun") {
            Some("must not start with `acs:` or `aliyun` (reserved)".to_owned())
        } else if contains_url(key) {
            Some("must not contain `http://` or `https://`".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            checker
                .report(&RULE, tag.key.span, format!("tag key {problem}"))
                .note("CreateImagePipeline rejects it with `InvalidTagKey.Malformed`");
        }
        let value = tag.value.value.as_str();
        let problem = if char_len(value) > 128 {
            Some(format!(
                "must be at most 128 characters, not {}",
                char_len(value)
            ))
        } else if value.starts_with("acs:") {
            Some("must not start with `acs:` (reserved)".to_owned())
        } else if contains_url(value) {
            Some("must not contain `http://` or `https://`".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            checker
                .report(
                    &RULE,
                    tag.value.span,
                    format!("value of tag `{key}` {problem}", key = excerpt(key)),
                )
                .note("CreateImagePipeline rejects it with `InvalidTagValue.Malformed`");
        }
    }
}
