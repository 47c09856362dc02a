//! Reading `imagepipeline.toml` into a [`Manifest`]: TOML errors, unknown keys and wrong types
//! become BC500 diagnostics at their exact location.

use std::ops::Range;

use bc_lint::{Diagnostic, Edit, Fix};
use bc_syntax::{Span, excerpt};
use toml::de::{DeTable, DeValue};

use crate::keys::{MANIFEST_KEYS, ManifestKey, ValueKind};
use crate::model::{
    AdvancedOptions, DiskDeviceMapping, ImageOptions, ImportImageOptions, Manifest, Spanned, Tag,
    TemplateRole,
};
use crate::rules::manifest_syntax::RULE as SYNTAX;

type TomlValue<'i> = toml::Spanned<DeValue<'i>>;
type TomlKey<'i> = toml::Spanned<std::borrow::Cow<'i, str>>;

/// The result of [`parse_manifest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestParse {
    /// The manifest, unless the text is not valid TOML.
    pub manifest: Option<Manifest>,
    /// TOML errors, unknown keys and values of the wrong type (all BC500).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a manifest. Never fails: TOML syntax errors give no manifest, unknown keys and values of
/// the wrong type are reported and left out of it.
pub fn parse_manifest(text: &str) -> ManifestParse {
    let (manifest, diagnostics) = read(
        text,
        MANIFEST_KEYS,
        "CreateImagePipeline",
        |reader, root| reader.manifest(root),
    );
    ManifestParse {
        manifest,
        diagnostics,
    }
}

/// Reads a manifest of any kind: `build` makes the model from the TOML root with a [`Reader`]
/// over `keys` (parameters of the `api` call). TOML syntax errors give no model.
pub(crate) fn read<T>(
    text: &str,
    keys: &'static [ManifestKey],
    api: &'static str,
    build: impl FnOnce(&mut Reader<'_>, &DeTable<'_>) -> T,
) -> (Option<T>, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader::new(text, keys, api);
    if !errors.is_empty() {
        for error in &errors {
            let span = error
                .span()
                .map_or(Span::empty(0), |range| reader.span(range));
            reader
                .report(span, format!("invalid TOML: {}", error.message()))
                .note("the manifest must be valid TOML before it can be checked");
        }
        return (None, reader.diagnostics);
    }
    let model = build(&mut reader, root.get_ref());
    (Some(model), reader.diagnostics)
}

/// The template files a manifest names (`build`, `test`), with the path as written and the span
/// of its string, so the caller can load them before calling [`crate::validate`]. Works on broken
/// TOML as far as it can be read.
pub fn referenced_templates(text: &str) -> Vec<(TemplateRole, String, Span)> {
    let (root, _) = DeTable::parse_recoverable(text);
    let mut out = Vec::new();
    for role in [TemplateRole::Build, TemplateRole::Test] {
        if let Some(value) = root.get_ref().get(role.key())
            && let DeValue::String(path) = value.get_ref()
        {
            out.push((role, path.to_string(), clamp(text, value.span())));
        }
    }
    out
}

fn clamp(text: &str, range: Range<usize>) -> Span {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

/// Reads a manifest's TOML into typed values, reporting what does not fit the key table.
pub(crate) struct Reader<'t> {
    text: &'t str,
    /// The keys this kind of manifest knows.
    keys: &'static [ManifestKey],
    /// The API call the keys are parameters of, for messages.
    api: &'static str,
    pub(crate) diagnostics: Vec<Diagnostic>,
    rejected: Vec<String>,
}

impl<'t> Reader<'t> {
    pub(crate) fn new(text: &'t str, keys: &'static [ManifestKey], api: &'static str) -> Self {
        Reader {
            text,
            keys,
            api,
            diagnostics: Vec::new(),
            rejected: Vec::new(),
        }
    }

    fn key(&self, path: &str) -> Option<&'static ManifestKey> {
        self.keys.iter().find(|key| key.path == path)
    }
}

impl Reader<'_> {
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        clamp(self.text, range)
    }

    pub(crate) fn report(
        &mut self,
        span: Span,
        message: impl Into<bc_lint::CowStr>,
    ) -> &mut Diagnostic {
        Diagnostic::push_new(&mut self.diagnostics, &SYNTAX, span, message)
    }

    fn manifest(&mut self, root: &DeTable<'_>) -> Manifest {
        self.check_keys(root, "");
        let s = |r: &mut Self, path| r.string(root, path);
        let mut m = Manifest {
            region: s(self, "region"),
            name: s(self, "name"),
            description: s(self, "description"),
            base_image_type: s(self, "base_image_type"),
            base_image: s(self, "base_image"),
            build: s(self, "build"),
            build_content: s(self, "build_content"),
            test: s(self, "test"),
            test_content: s(self, "test_content"),
            instance_type: s(self, "instance_type"),
            system_disk_size: self.integer(root, "system_disk_size"),
            internet_max_bandwidth_out: self.integer(root, "internet_max_bandwidth_out"),
            vswitch_id: s(self, "vswitch_id"),
            delete_instance_on_failure: self.boolean(root, "delete_instance_on_failure"),
            to_region_ids: self.string_array(root, "to_region_ids"),
            add_accounts: self.integer_array(root, "add_accounts"),
            repair_mode: s(self, "repair_mode"),
            resource_group_id: s(self, "resource_group_id"),
            client_token: s(self, "client_token"),
            image_name: s(self, "image_name"),
            image_family: s(self, "image_family"),
            nvme_support: s(self, "nvme_support"),
            tags: self.tags(root, "tags"),
            ..Manifest::default()
        };
        m.image_options = self.table(root, "image_options", |r, t| ImageOptions {
            image_name: r.string(t, "image_options.image_name"),
            image_family: r.string(t, "image_options.image_family"),
            description: r.string(t, "image_options.description"),
            nvme_support: r.string(t, "image_options.nvme_support"),
            tags: r.tags(t, "image_options.tags"),
        });
        m.advanced_options = self.table(root, "advanced_options", |r, t| AdvancedOptions {
            retain_cloud_assistant: r.boolean(t, "advanced_options.retain_cloud_assistant"),
            image_name_suffix: r.string(t, "advanced_options.image_name_suffix"),
        });
        m.import_image_options = self.table(root, "import_image_options", |r, t| {
            let p = "import_image_options";
            ImportImageOptions {
                architecture: r.string(t, &format!("{p}.architecture")),
                os_type: r.string(t, &format!("{p}.os_type")),
                platform: r.string(t, &format!("{p}.platform")),
                boot_mode: r.string(t, &format!("{p}.boot_mode")),
                license_type: r.string(t, &format!("{p}.license_type")),
                nvme_support: r.string(t, &format!("{p}.nvme_support")),
                retain_imported_image: r.boolean(t, &format!("{p}.retain_imported_image")),
                disk_device_mappings: r.disk_device_mappings(t),
            }
        });
        m.source = self.text.to_owned();
        m.rejected = std::mem::take(&mut self.rejected);
        m
    }

    /// Reports keys of `table` (at dotted `table_path`) that the manifest does not know.
    pub(crate) fn check_keys(&mut self, table: &DeTable<'_>, table_path: &str) {
        let (keys, api) = (self.keys, self.api);
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            let quoted = excerpt(name);
            let path = join(table_path, name);
            if self.key(&path).is_some() {
                continue;
            }
            let span = self.span(key.span());
            let where_ = if table_path.is_empty() {
                "at the top level".to_owned()
            } else {
                format!("in `[{table_path}]`")
            };
            let suggestion = suggest(self.keys, table_path, name);
            let elsewhere = self
                .keys
                .iter()
                .filter(|k| k.name() == name && k.table() != table_path)
                .map(|k| k.table())
                .next();
            let diagnostic = self.report(span, format!("unknown key `{quoted}` {where_}"));
            if let Some(table) = elsewhere {
                let table = if table.is_empty() {
                    "at the top level".to_owned()
                } else {
                    format!("under `[{table}]`")
                };
                diagnostic.help(format!("`{quoted}` belongs {table}"));
            } else if let Some(key) = suggestion {
                diagnostic
                    .help(format!("did you mean `{}`?", key.name()))
                    .fix(Fix::unsafe_(
                        format!("Rename to `{}`", key.name()),
                        vec![Edit::replace(span, key.name())],
                    ));
            } else {
                let known: Vec<&str> = keys
                    .iter()
                    .filter(|k| k.table() == table_path)
                    .map(|k| k.name())
                    .collect();
                diagnostic.help(format!("known keys here: {}", known.join(", ")));
            }
            diagnostic.note(format!(
                "{api} has no such parameter; the key would be ignored"
            ));
        }
    }

    /// The entry for dotted `path` in `table`, if written.
    fn entry<'a, 'i>(
        &self,
        table: &'a DeTable<'i>,
        path: &str,
    ) -> Option<(&'a TomlKey<'i>, &'a TomlValue<'i>)> {
        let name = path.rsplit('.').next().unwrap_or(path);
        table.get_key_value(name)
    }

    fn wrong_type(&mut self, path: &str, key: &TomlKey<'_>, value: &TomlValue<'_>) {
        let kind = self.key(path).map_or(ValueKind::String, |k| k.kind);
        let subject = format!("`{}`", excerpt(key.get_ref()));
        self.wrong_type_at(path, kind, &subject, value);
    }

    /// Reports that `value` (of the key at `path`, described as `subject`) is not `expected`.
    fn wrong_type_at(
        &mut self,
        path: &str,
        expected: ValueKind,
        subject: &str,
        value: &TomlValue<'_>,
    ) {
        self.rejected.push(path.to_owned());
        let span = self.span(value.span());
        let raw = span.text(self.text);
        let found = describe(value.get_ref());
        let fix = match (expected, value.get_ref()) {
            (ValueKind::Integer, DeValue::String(s))
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 18 =>
            {
                Some(Fix::safe(
                    "Remove the quotes",
                    vec![Edit::replace(span, s.to_string())],
                ))
            }
            (ValueKind::Boolean, DeValue::String(s)) if s == "true" || s == "false" => {
                Some(Fix::safe(
                    "Remove the quotes",
                    vec![Edit::replace(span, s.to_string())],
                ))
            }
            (ValueKind::String, DeValue::Integer(_) | DeValue::Boolean(_)) => Some(Fix::safe(
                "Quote the value",
                vec![Edit::replace(span, format!("\"{raw}\""))],
            )),
            (ValueKind::StringArray, DeValue::String(_))
            | (ValueKind::IntegerArray, DeValue::Integer(_)) => Some(Fix::safe(
                "Make it a one-element array",
                vec![Edit::replace(span, format!("[{raw}]"))],
            )),
            _ => None,
        };
        let key = self.key(path);
        let diagnostic = self.report(
            span,
            format!("{subject} must be {}, not {found}", expected.describe()),
        );
        if let Some(fix) = fix {
            diagnostic.fix(fix);
        }
        if let Some(key) = key {
            diagnostic.note(key.description);
        }
    }

    pub(crate) fn string(&mut self, table: &DeTable<'_>, path: &str) -> Option<Spanned<String>> {
        let (key, value) = self.entry(table, path)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(
                s.to_string(),
                self.span(value.span()),
                self.span(key.span()),
            )),
            _ => {
                self.wrong_type(path, key, value);
                None
            }
        }
    }

    fn integer(&mut self, table: &DeTable<'_>, path: &str) -> Option<Spanned<i64>> {
        let (key, value) = self.entry(table, path)?;
        let n = self.read_i64(path, &format!("`{}`", key.get_ref()), value)?;
        Some(Spanned::new(
            n,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }

    fn read_i64(&mut self, path: &str, subject: &str, value: &TomlValue<'_>) -> Option<i64> {
        match value.get_ref() {
            DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.rejected.push(path.to_owned());
                    let span = self.span(value.span());
                    self.report(span, format!("{subject} is out of range"));
                    None
                }
            },
            _ => {
                self.wrong_type_at(path, ValueKind::Integer, subject, value);
                None
            }
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, path: &str) -> Option<Spanned<bool>> {
        let (key, value) = self.entry(table, path)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(
                *b,
                self.span(value.span()),
                self.span(key.span()),
            )),
            _ => {
                self.wrong_type(path, key, value);
                None
            }
        }
    }

    fn array<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        path: &str,
    ) -> Option<(&'a TomlKey<'i>, &'a TomlValue<'i>, &'a [TomlValue<'i>])> {
        let (key, value) = self.entry(table, path)?;
        match value.get_ref() {
            DeValue::Array(items) => Some((key, value, items)),
            _ => {
                self.wrong_type(path, key, value);
                None
            }
        }
    }

    fn string_array(
        &mut self,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<Spanned<Vec<Spanned<String>>>> {
        let (key, value, items) = self.array(table, path)?;
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => {
                    let span = self.span(item.span());
                    out.push(Spanned::new(s.to_string(), span, span));
                }
                _ => self.wrong_type_at(
                    path,
                    ValueKind::String,
                    &format!("each entry of `{}`", excerpt(key.get_ref())),
                    item,
                ),
            }
        }
        Some(Spanned::new(
            out,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }

    fn integer_array(
        &mut self,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<Spanned<Vec<Spanned<i64>>>> {
        let (key, value, items) = self.array(table, path)?;
        let mut out = Vec::new();
        for item in items {
            let subject = format!("each entry of `{}`", key.get_ref());
            if let Some(n) = self.read_i64(path, &subject, item) {
                let span = self.span(item.span());
                out.push(Spanned::new(n, span, span));
            }
        }
        Some(Spanned::new(
            out,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }

    pub(crate) fn tags(&mut self, table: &DeTable<'_>, path: &str) -> Option<Spanned<Vec<Tag>>> {
        let (key, value) = self.entry(table, path)?;
        let DeValue::Table(tags) = value.get_ref() else {
            self.wrong_type(path, key, value);
            return None;
        };
        let mut out = Vec::new();
        for (tag_key, tag_value) in tags.iter() {
            match tag_value.get_ref() {
                DeValue::String(s) => {
                    let key_span = self.span(tag_key.span());
                    out.push(Tag {
                        key: Spanned::new(tag_key.get_ref().to_string(), key_span, key_span),
                        value: Spanned::new(s.to_string(), self.span(tag_value.span()), key_span),
                    });
                }
                _ => self.wrong_type_at(
                    path,
                    ValueKind::String,
                    &format!("tag `{}`", tag_key.get_ref()),
                    tag_value,
                ),
            }
        }
        Some(Spanned::new(
            out,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }

    fn table<T>(
        &mut self,
        table: &DeTable<'_>,
        path: &str,
        read: impl FnOnce(&mut Self, &DeTable<'_>) -> T,
    ) -> Option<Spanned<T>> {
        let (key, value) = self.entry(table, path)?;
        let DeValue::Table(inner) = value.get_ref() else {
            self.wrong_type(path, key, value);
            return None;
        };
        self.check_keys(inner, path);
        let read = read(self, inner);
        Some(Spanned::new(
            read,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }

    fn disk_device_mappings(
        &mut self,
        table: &DeTable<'_>,
    ) -> Option<Spanned<Vec<Spanned<DiskDeviceMapping>>>> {
        let path = "import_image_options.disk_device_mappings";
        let (key, value, items) = self.array(table, path)?;
        let mut out = Vec::new();
        for item in items {
            let DeValue::Table(t) = item.get_ref() else {
                let subject = format!("each entry of `{}`", key.get_ref());
                self.wrong_type_at(path, ValueKind::Table, &subject, item);
                continue;
            };
            self.check_keys(t, path);
            let mapping = DiskDeviceMapping {
                oss_bucket: self.string(t, &format!("{path}.oss_bucket")),
                oss_object: self.string(t, &format!("{path}.oss_object")),
                format: self.string(t, &format!("{path}.format")),
                disk_image_size: self.integer(t, &format!("{path}.disk_image_size")),
            };
            let span = self.span(item.span());
            out.push(Spanned::new(mapping, span, span));
        }
        Some(Spanned::new(
            out,
            self.span(value.span()),
            self.span(key.span()),
        ))
    }
}

fn join(table: &str, name: &str) -> String {
    if table.is_empty() {
        name.to_owned()
    } else {
        format!("{table}.{name}")
    }
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The known key of `table_path` that `written` most likely meant: the same name modulo case and
/// separators, the API's name for it (`InstanceType`), or a close spelling.
fn suggest(
    keys: &'static [ManifestKey],
    table_path: &str,
    written: &str,
) -> Option<&'static ManifestKey> {
    let normal = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | '.'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = normal(written);
    let candidates = keys.iter().filter(|k| k.table() == table_path);
    let api_tail = |k: &ManifestKey| {
        let api = k.api.trim_end_matches(".N");
        api.rsplit('.').next().unwrap_or(api)
    };
    if let Some(key) = candidates
        .clone()
        .find(|k| normal(k.name()) == wanted || normal(api_tail(k)) == wanted)
    {
        return Some(key);
    }
    candidates
        .map(|k| (bc_lint::edit_distance(&wanted, &normal(k.name())), k))
        .filter(|(distance, k)| *distance <= 2.max(k.name().len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}
