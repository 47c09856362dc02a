//! `bclint import ip-…|ic-…`: writes an existing image pipeline (manifest and templates) or
//! image component (content and manifest) into local files, so that it can be kept under
//! version control and submitted again unchanged.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use bc_aliyun::{ComponentFilter, ImageComponent, ImagePipeline, PipelineFilter};
use bc_workspace::files::{read_source, write_atomically};
use bc_workspace::submit::{Connection, connect};
use toml::{Table, Value};

use super::service::{connection, runtime};
use crate::args::ImportArgs;
use crate::exit_status::ExitStatus;

/// A file to write, and what goes in it.
struct NewFile {
    path: PathBuf,
    text: String,
}

pub fn run(args: &ImportArgs) -> ExitStatus {
    let kind = match Kind::of(&args.id) {
        Some(kind) => kind,
        None => {
            eprintln!(
                "bclint: error: `{}` is not an image pipeline ID (`ip-…`) or an image component \
                 ID (`ic-…`)",
                args.id.escape_debug()
            );
            return ExitStatus::Error;
        }
    };
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(message) => {
            eprintln!("bclint: error: {message}");
            return ExitStatus::Error;
        }
    };
    let connection = connection(&args.service);
    let files = match runtime.block_on(fetch(kind, args, &connection)) {
        Ok(files) => files,
        Err((message, status)) => {
            eprintln!("bclint: error: {message}");
            return status;
        }
    };
    runtime.shutdown_background();
    write_all(&files, args.force)
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Pipeline,
    Component,
}

impl Kind {
    /// The kind of resource `id` names: `ip-` or `ic-` and lowercase letters and digits.
    fn of(id: &str) -> Option<Kind> {
        let (kind, rest) = if let Some(rest) = id.strip_prefix("ip-") {
            (Kind::Pipeline, rest)
        } else {
            (Kind::Component, id.strip_prefix("ic-")?)
        };
        let valid = !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        valid.then_some(kind)
    }
}

/// Asks the service for the resource and returns the files that describe it.
async fn fetch(
    kind: Kind,
    args: &ImportArgs,
    connection: &Connection,
) -> Result<Vec<NewFile>, (String, ExitStatus)> {
    let failed = |error: bc_aliyun::ApiError| {
        let status = match error {
            bc_aliyun::ApiError::Api { .. } => ExitStatus::Failure,
            _ => ExitStatus::Error,
        };
        (error.to_string(), status)
    };
    let (client, _) = connect(connection, &args.region).await.map_err(failed)?;
    let not_found = |what: &str| {
        (
            format!("there is no {what} {} in region {}", args.id, args.region),
            ExitStatus::Failure,
        )
    };
    match kind {
        Kind::Pipeline => {
            let filter = PipelineFilter {
                ids: vec![args.id.clone()],
                ..PipelineFilter::default()
            };
            let found = client
                .describe_image_pipelines(&args.region, &filter)
                .await
                .map_err(failed)?;
            let pipeline = found
                .iter()
                .find(|p| p.image_pipeline_id == args.id)
                .ok_or_else(|| not_found("image pipeline"))?;
            Ok(pipeline_files(pipeline, &args.region, &args.dir))
        }
        Kind::Component => {
            let filter = ComponentFilter {
                ids: vec![args.id.clone()],
                ..ComponentFilter::default()
            };
            let found = client
                .describe_image_components(&args.region, &filter)
                .await
                .map_err(failed)?;
            let component = found
                .iter()
                .find(|c| c.image_component_id == args.id)
                .ok_or_else(|| not_found("image component"))?;
            Ok(component_files(component, &args.region, &args.dir))
        }
    }
}

/// `imagepipeline.toml`, and `build.buildcontent` / `test.testcontent` holding the contents
/// exactly as the service stores them.
fn pipeline_files(p: &ImagePipeline, region: &str, dir: &Path) -> Vec<NewFile> {
    let mut files = Vec::new();
    let mut m = Table::new();
    let put = |table: &mut Table, key: &str, value: Option<Value>| {
        if let Some(value) = value {
            table.insert(key.to_owned(), value);
        }
    };
    let text = |value: &Option<String>| value.clone().map(Value::String);
    let int = |value: Option<i64>| value.map(Value::Integer);
    let boolean = |value: Option<bool>| value.map(Value::Boolean);
    put(&mut m, "region", Some(Value::String(region.to_owned())));
    put(&mut m, "name", text(&p.name));
    put(&mut m, "description", text(&p.description));
    put(&mut m, "base_image_type", text(&p.base_image_type));
    put(&mut m, "base_image", text(&p.base_image));
    for (key, file, content) in [
        ("build", "build.buildcontent", &p.build_content),
        ("test", "test.testcontent", &p.test_content),
    ] {
        if let Some(content) = content {
            put(&mut m, key, Some(Value::String(file.to_owned())));
            files.push(NewFile {
                path: dir.join(file),
                text: content.clone(),
            });
        }
    }
    put(&mut m, "instance_type", text(&p.instance_type));
    put(&mut m, "system_disk_size", int(p.system_disk_size));
    put(
        &mut m,
        "internet_max_bandwidth_out",
        int(p.internet_max_bandwidth_out),
    );
    put(&mut m, "vswitch_id", text(&p.vswitch_id));
    put(
        &mut m,
        "delete_instance_on_failure",
        boolean(p.delete_instance_on_failure),
    );
    if !p.to_region_ids.is_empty() {
        let regions = p.to_region_ids.iter().cloned().map(Value::String);
        put(
            &mut m,
            "to_region_ids",
            Some(Value::Array(regions.collect())),
        );
    }
    if !p.add_accounts.is_empty() {
        // Account IDs are integers in the manifest; one that is not stays a string, and
        // `check` reports it.
        let accounts = p.add_accounts.iter().map(|a| {
            a.parse::<i64>()
                .map_or_else(|_| Value::String(a.clone()), Value::Integer)
        });
        put(
            &mut m,
            "add_accounts",
            Some(Value::Array(accounts.collect())),
        );
    }
    put(&mut m, "repair_mode", text(&p.repair_mode));
    put(&mut m, "resource_group_id", text(&p.resource_group_id));
    put(&mut m, "image_name", text(&p.image_name));
    put(&mut m, "image_family", text(&p.image_family));
    put(&mut m, "nvme_support", text(&p.nvme_support));
    put(&mut m, "tags", tags(&p.tags));
    if let Some(o) = &p.image_options {
        let mut t = Table::new();
        put(&mut t, "image_name", text(&o.image_name));
        put(&mut t, "image_family", text(&o.image_family));
        put(&mut t, "description", text(&o.description));
        put(&mut t, "nvme_support", text(&o.nvme_support));
        put(&mut t, "tags", tags(&o.tags));
        m.insert("image_options".into(), Value::Table(t));
    }
    if let Some(o) = &p.advanced_options {
        let mut t = Table::new();
        put(
            &mut t,
            "retain_cloud_assistant",
            boolean(o.retain_cloud_assistant),
        );
        put(&mut t, "image_name_suffix", text(&o.image_name_suffix));
        m.insert("advanced_options".into(), Value::Table(t));
    }
    if let Some(o) = &p.import_image_options {
        let mut t = Table::new();
        put(&mut t, "architecture", text(&o.architecture));
        put(&mut t, "os_type", text(&o.os_type));
        put(&mut t, "platform", text(&o.platform));
        put(&mut t, "boot_mode", text(&o.boot_mode));
        put(&mut t, "license_type", text(&o.license_type));
        put(&mut t, "nvme_support", text(&o.nvme_support));
        put(
            &mut t,
            "retain_imported_image",
            boolean(o.retain_imported_image),
        );
        let mappings: Vec<Value> = o
            .disk_device_mappings
            .iter()
            .map(|d| {
                let mut mapping = Table::new();
                put(&mut mapping, "oss_bucket", text(&d.oss_bucket));
                put(&mut mapping, "oss_object", text(&d.oss_object));
                put(&mut mapping, "format", text(&d.format));
                put(&mut mapping, "disk_image_size", int(d.disk_image_size));
                Value::Table(mapping)
            })
            .collect();
        if !mappings.is_empty() {
            t.insert("disk_device_mappings".into(), Value::Array(mappings));
        }
        m.insert("import_image_options".into(), Value::Table(t));
    }
    let header = format!(
        "# Imported from image pipeline {} ({region}) by `bclint import`.\n",
        p.image_pipeline_id
    );
    files.insert(
        0,
        NewFile {
            path: dir.join("imagepipeline.toml"),
            text: header + &toml_text(&m),
        },
    );
    files
}

/// The component's content, exactly as stored, in `<name>.imagecomponent` (or
/// `<name>.imagecomponent.yaml` for a YAML component), and its `<name>.imagecomponent.toml`.
fn component_files(c: &ImageComponent, region: &str, dir: &Path) -> Vec<NewFile> {
    let name = c
        .name
        .clone()
        .unwrap_or_else(|| c.image_component_id.clone());
    // Names may hold `:`, which not every file system takes.
    let stem: String = name
        .chars()
        .map(|ch| {
            if ch.is_alphanumeric() || "._-".contains(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let content = c.content.clone().unwrap_or_default();
    let content_file = if bc_component::is_yaml_component(&content) {
        format!("{stem}.imagecomponent.yaml")
    } else {
        format!("{stem}.imagecomponent")
    };
    let mut m = Table::new();
    let mut put = |key: &str, value: Option<&String>| {
        if let Some(value) = value {
            m.insert(key.to_owned(), Value::String(value.clone()));
        }
    };
    put("region", Some(&region.to_owned()));
    put("name", Some(&name));
    put("version", c.component_version.as_ref());
    put("component_type", c.component_type.as_ref());
    put("system_type", c.system_type.as_ref());
    put("content", Some(&content_file));
    put("description", c.description.as_ref());
    put("resource_group_id", c.resource_group_id.as_ref());
    if let Some(tags) = tags(&c.tags) {
        m.insert("tags".into(), tags);
    }
    let header = format!(
        "# Imported from image component {} ({region}) by `bclint import`.\n",
        c.image_component_id
    );
    vec![
        NewFile {
            path: dir.join(&content_file),
            text: content,
        },
        NewFile {
            path: dir.join(format!("{stem}.imagecomponent.toml")),
            text: header + &toml_text(&m),
        },
    ]
}

/// Tags as a `[tags]` table, `key = "value"` in the service's order.
fn tags(tags: &[(String, String)]) -> Option<Value> {
    (!tags.is_empty()).then(|| {
        Value::Table(
            tags.iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    })
}

fn toml_text(table: &Table) -> String {
    // Serialising a table of strings, numbers, booleans, arrays and tables cannot fail.
    toml::to_string(table).unwrap_or_default()
}

/// Writes every file, or none when one exists and `force` is not given.
fn write_all(files: &[NewFile], force: bool) -> ExitStatus {
    if !force && let Some(existing) = files.iter().find(|f| f.path.exists()) {
        eprintln!(
            "bclint: error: {} exists; nothing was written (use --force to overwrite)",
            existing.path.display()
        );
        return ExitStatus::Error;
    }
    if let Some(dir) = files.first().and_then(|f| f.path.parent())
        && let Err(error) = fs::create_dir_all(dir)
    {
        eprintln!("bclint: error: {}: {error}", dir.display());
        return ExitStatus::Error;
    }
    for file in files {
        if let Err(message) = write_one(file, force) {
            eprintln!("bclint: error: {}: {message}", file.path.display());
            return ExitStatus::Error;
        }
        println!("Wrote {}", file.path.display());
    }
    ExitStatus::Success
}

/// Creates the file, or with `force` replaces an existing one atomically.
fn write_one(file: &NewFile, force: bool) -> Result<(), String> {
    if force && file.path.exists() {
        let original = read_source(&file.path).map_err(|e| e.to_string())?;
        return write_atomically(&file.path, &original, &file.text).map_err(|e| e.to_string());
    }
    let mut out = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file.path)
        .map_err(|e| e.to_string())?;
    out.write_all(file.text.as_bytes())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pipeline_and_component_ids_are_taken() {
        assert!(matches!(Kind::of("ip-bp1abc"), Some(Kind::Pipeline)));
        assert!(matches!(Kind::of("ic-bp1abc"), Some(Kind::Component)));
        for id in [
            "ip-", "ic-", "m-bp1", "ip-ABC", "ip-a/b", "../ip-a", "ic-a b", "",
        ] {
            assert!(Kind::of(id).is_none(), "{id}");
        }
    }
}
