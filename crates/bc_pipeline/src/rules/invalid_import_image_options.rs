use bc_lint::{Severity, declare_rule};

use crate::Checker;
use crate::keys::{
    ARCHITECTURES, BOOT_MODES, DISK_FORMATS, IMPORT_NVME_SUPPORT, LICENSE_TYPES, OS_TYPES,
    PLATFORMS,
};
use crate::text::{char_len, starts_with_url};

/// The most disk images (1 system disk and 16 data disks).
const MAX_DISKS: usize = 17;

declare_rule! {
    /// ## What it does
    /// Checks `[import_image_options]`, used when the base image is imported from OSS:
    ///
    /// - `architecture` (`x86_64`, `arm64`), `os_type` (`linux`, `windows`), `platform` (the
    ///   list in the API reference, e.g. `Aliyun`, `Ubuntu`, `Windows Server 2022`),
    ///   `boot_mode` (`BIOS`, `UEFI`), `license_type` (`Auto`, `Aliyun`, `BYOL`),
    ///   `nvme_support` (`supported`, `unsupported`): exact values.
    /// - `[[import_image_options.disk_device_mappings]]`: 1–17 of them when importing, each with
    ///   an `oss_bucket` (3–63 characters of lowercase letters, digits and `-`, not starting or
    ///   ending with `-`), an `oss_object` (at most 1023 characters, a name in the bucket, not a
    ///   URL and not starting with `/`), a `format` of `RAW`, `VHD` or `QCOW2` (or none, to
    ///   detect it) and a `disk_image_size` of 1–2048 GiB.
    /// - Warnings: `arm64` with `BIOS` boot mode (explicit or by default: the API recommends
    ///   `UEFI`), and a Windows `platform` with `os_type = "linux"` or the reverse.
    ///
    /// ## Why is this bad?
    /// The service rejects bad values with `InvalidParameter.ImportImageOptionsArchitecture`
    /// (and `…OSType`, `…Platform`, `…BootMode`, `…LicenseType`, `…FeaturesNvmeSupport`,
    /// `…DiskDeviceMappingsFormat`, `…DiskDeviceMappingsOSSBucket`,
    /// `…DiskDeviceMappingsOSSObject`), more than 17 disks with
    /// `InvalidImportImageOptionsDiskDeviceMappings.LengthLimitExceeded`, a size out of range
    /// with `InvalidOperation.DiskImageSizeExceeded`, and missing pieces with
    /// `MissingParameter.ImageOptionsDiskDeviceMappings`,
    /// `MissingParameter.ImportImageOptionsDiskDeviceMappingsOSSBucket` and
    /// `MissingParameter.ImportImageOptionsDiskDeviceMappingsOSSObject`. The reference gives
    /// only the 63-character maximum for bucket names; the 3-character minimum is OSS's own rule.
    ///
    /// ## Example
    /// ```toml
    /// [import_image_options]
    /// architecture = "aarch64"
    /// os_type = "Linux"
    ///
    /// [[import_image_options.disk_device_mappings]]
    /// oss_bucket = "My_Bucket"
    /// oss_object = "https://my-bucket.oss-cn-hangzhou.aliyuncs.com/base.qcow2"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [import_image_options]
    /// architecture = "arm64"
    /// boot_mode = "UEFI"
    /// os_type = "linux"
    ///
    /// [[import_image_options.disk_device_mappings]]
    /// oss_bucket = "my-bucket"
    /// oss_object = "base.qcow2"
    /// ```
    ///
    /// ## Fix safety
    /// Correcting the case of an enumerated value (`Linux` → `linux`) is safe.
    pub static RULE = {
        code: "BC511",
        name: "invalid-import-image-options",
        severity: Error,
        api_error: Some("InvalidParameter.ImportImageOptions<Field>, InvalidImportImageOptionsDiskDeviceMappings.LengthLimitExceeded, InvalidOperation.DiskImageSizeExceeded, MissingParameter.ImageOptionsDiskDeviceMappings"),
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    let Some(options) = &m.import_image_options else {
        return;
    };
    let header = options.key;
    let o = &options.value;
    let p = "import_image_options";
    let api = "InvalidParameter.ImportImageOptions";
    let enums = [
        (
            &o.architecture,
            "architecture",
            ARCHITECTURES,
            "Architecture",
        ),
        (&o.os_type, "os_type", OS_TYPES, "OSType"),
        (&o.platform, "platform", PLATFORMS, "Platform"),
        (&o.boot_mode, "boot_mode", BOOT_MODES, "BootMode"),
        (
            &o.license_type,
            "license_type",
            LICENSE_TYPES,
            "LicenseType",
        ),
        (
            &o.nvme_support,
            "nvme_support",
            IMPORT_NVME_SUPPORT,
            "FeaturesNvmeSupport",
        ),
    ];
    let mut valid = [true; 6];
    for (i, (value, key, allowed, suffix)) in enums.into_iter().enumerate() {
        if let Some(value) = value {
            valid[i] = checker.check_enum(
                &RULE,
                &format!("{p}.{key}"),
                value,
                allowed,
                &format!("{api}{suffix}"),
            );
        }
    }
    let importing = m.base_image_type.as_ref().is_some_and(|k| k.value == "OSS");

    // arm64 wants UEFI.
    if valid[0]
        && let Some(arch) = &o.architecture
        && arch.value == "arm64"
    {
        match &o.boot_mode {
            Some(mode) if mode.value == "BIOS" => {
                checker
                    .report(&RULE, mode.span, "`arm64` images boot with UEFI, not BIOS")
                    .severity(Severity::Warning)
                    .label(arch.span, "architecture set here")
                    .help("set `boot_mode = \"UEFI\"`");
            }
            None => {
                checker
                    .report(
                        &RULE,
                        arch.span,
                        "`arm64` images boot with UEFI, but `boot_mode` defaults to `BIOS`",
                    )
                    .severity(Severity::Warning)
                    .help("add `boot_mode = \"UEFI\"` to `[import_image_options]`");
            }
            Some(_) => {}
        }
    }
    // Platform and OS type must agree.
    if valid[1]
        && valid[2]
        && let (Some(os), Some(platform)) = (&o.os_type, &o.platform)
    {
        let windows_platform = platform.value.contains("Windows");
        if windows_platform != (os.value == "windows") {
            checker
                .report(
                    &RULE,
                    platform.span,
                    format!(
                        "platform `{}` does not match `os_type = \"{}\"`",
                        platform.value, os.value
                    ),
                )
                .severity(Severity::Warning)
                .label(os.span, "OS type set here");
        }
    }

    let mappings = o.disk_device_mappings.as_ref();
    let count = mappings.map_or(0, |m| m.value.len());
    if importing && count == 0 {
        checker.report(&RULE, mappings.map_or(header, |m| m.span), "importing from OSS needs at least one `[[import_image_options.disk_device_mappings]]`")
            .note("CreateImagePipeline fails with `MissingParameter.ImageOptionsDiskDeviceMappings`")
            .help("add `[[import_image_options.disk_device_mappings]]` with `oss_bucket` and `oss_object`; the first one is the system disk");
    }
    let Some(mappings) = mappings else { return };
    if count > MAX_DISKS {
        checker.report(
            &RULE,
            mappings.value[MAX_DISKS].span,
            format!("{count} disk device mappings; at most {MAX_DISKS} are allowed (1 system disk and 16 data disks)"),
        )
        .note("CreateImagePipeline rejects it with `InvalidImportImageOptionsDiskDeviceMappings.LengthLimitExceeded`");
    }
    for (index, mapping) in mappings.value.iter().enumerate() {
        let n = index + 1;
        let d = &mapping.value;
        match &d.oss_bucket {
            None => {
                checker.report(&RULE, mapping.span, format!("disk device mapping {n} has no `oss_bucket`"))
                    .note("CreateImagePipeline fails with `MissingParameter.ImportImageOptionsDiskDeviceMappingsOSSBucket`");
            }
            Some(bucket) => {
                if let Some(problem) = bucket_problem(&bucket.value) {
                    checker.report(&RULE, bucket.span, format!("`oss_bucket` {problem}"))
                        .note("CreateImagePipeline rejects it with `InvalidParameter.ImportImageOptionsDiskDeviceMappingsOSSBucket`");
                }
            }
        }
        match &d.oss_object {
            None => {
                checker.report(&RULE, mapping.span, format!("disk device mapping {n} has no `oss_object`"))
                    .note("CreateImagePipeline fails with `MissingParameter.ImportImageOptionsDiskDeviceMappingsOSSObject`");
            }
            Some(object) => {
                let problem = if starts_with_url(&object.value) {
                    Some("must be the object's name in the bucket, not a URL".to_owned())
                } else if object.value.is_empty() {
                    Some("must not be empty".to_owned())
                } else if object.value.starts_with(['/', '\\']) {
                    Some("must not start with `/` or `\\`".to_owned())
                } else if char_len(&object.value) > 1023 {
                    Some(format!(
                        "must be at most 1023 characters, not {}",
                        char_len(&object.value)
                    ))
                } else {
                    None
                };
                if let Some(problem) = problem {
                    checker.report(&RULE, object.span, format!("`oss_object` {problem}"))
                        .note("CreateImagePipeline rejects it with `InvalidParameter.ImportImageOptionsDiskDeviceMappingsOSSObject`");
                }
            }
        }
        if let Some(format) = &d.format {
            checker.check_enum(
                &RULE,
                "format",
                format,
                DISK_FORMATS,
                "InvalidParameter.ImportImageOptionsDiskDeviceMappingsFormat",
            );
        }
        if let Some(size) = &d.disk_image_size
            && !(1..=2048).contains(&size.value)
        {
            checker
                .report(
                    &RULE,
                    size.span,
                    format!("`disk_image_size` must be 1–2048 GiB, not {}", size.value),
                )
                .note(
                    "CreateImagePipeline rejects it with `InvalidOperation.DiskImageSizeExceeded`",
                );
        }
    }
}

/// What is wrong with an OSS bucket name.
fn bucket_problem(bucket: &str) -> Option<String> {
    if !(3..=63).contains(&bucket.len()) {
        Some(format!(
            "must be 3–63 characters long, not {}",
            char_len(bucket)
        ))
    } else if let Some(bad) = bucket
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        Some(format!(
            "must not contain `{}`: only lowercase letters, digits and `-` are allowed",
            bad.escape_debug()
        ))
    } else if bucket.starts_with('-') || bucket.ends_with('-') {
        Some("must not start or end with `-`".to_owned())
    } else {
        None
    }
}
