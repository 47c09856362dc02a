//! The manifest's keys: one table drives parsing (unknown keys, types), completion and hover.

/// The TOML type a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// An array of strings.
    StringArray,
    /// An array of integers.
    IntegerArray,
    /// A table with the keys listed under it.
    Table,
    /// A table of free-form keys with string values (tags).
    StringTable,
    /// An array of tables (`[[…]]`) with the keys listed under it.
    TableArray,
}

impl ValueKind {
    /// How the type is named in messages.
    pub const fn describe(self) -> &'static str {
        match self {
            ValueKind::String => "a string",
            ValueKind::Integer => "an integer",
            ValueKind::Boolean => "a boolean (`true` or `false`)",
            ValueKind::StringArray => "an array of strings",
            ValueKind::IntegerArray => "an array of integers",
            ValueKind::Table => "a table",
            ValueKind::StringTable => "a table of string values",
            ValueKind::TableArray => "an array of tables (`[[…]]`)",
        }
    }
}

/// A manifest key, for the parser, completion and hover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ManifestKey {
    /// The dotted path, e.g. `image_options.image_name`; keys of
    /// `[[import_image_options.disk_device_mappings]]` elements are
    /// `import_image_options.disk_device_mappings.oss_bucket`.
    pub path: &'static str,
    /// The CreateImagePipeline parameter it maps to (`N` marks a list index), or `""` for keys
    /// that are not sent as such (`build`, `test`: their content is).
    pub api: &'static str,
    /// Its TOML type.
    pub kind: ValueKind,
    /// Whether CreateImagePipeline needs it (`base_image` is required unless the type is `OSS`).
    pub required: bool,
    /// Whether it is a deprecated form.
    pub deprecated: bool,
    /// One line for hover and completion.
    pub description: &'static str,
    /// The allowed values of an enumerated string key (empty when free-form).
    pub values: &'static [&'static str],
}

impl ManifestKey {
    /// The last segment of the path, as written in its table.
    pub fn name(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or(self.path)
    }

    /// The dotted path of the table the key lives in (`""` for the top level).
    pub fn table(&self) -> &'static str {
        self.path.rsplit_once('.').map_or("", |(table, _)| table)
    }
}

/// Finds a key by dotted path.
pub fn find_key(path: &str) -> Option<&'static ManifestKey> {
    MANIFEST_KEYS.iter().find(|key| key.path == path)
}

const fn key(
    path: &'static str,
    api: &'static str,
    kind: ValueKind,
    description: &'static str,
) -> ManifestKey {
    ManifestKey {
        path,
        api,
        kind,
        required: false,
        deprecated: false,
        description,
        values: &[],
    }
}

const fn values(mut key: ManifestKey, values: &'static [&'static str]) -> ManifestKey {
    key.values = values;
    key
}

const fn required(mut key: ManifestKey) -> ManifestKey {
    key.required = true;
    key
}

const fn deprecated(mut key: ManifestKey) -> ManifestKey {
    key.deprecated = true;
    key
}

/// The keys of a component manifest (`*.imagecomponent.toml`): the CreateImageComponent
/// parameters in snake_case, and `content`, the file holding `Content`.
pub const COMPONENT_MANIFEST_KEYS: &[ManifestKey] = &[
    key(
        "region",
        "RegionId",
        ValueKind::String,
        "Region the component is created in.",
    ),
    key(
        "name",
        "Name",
        ValueKind::String,
        "Component name: 2–128 characters; default: the file name.",
    ),
    key(
        "version",
        "ComponentVersion",
        ValueKind::String,
        "Version, `major.minor.patch`.",
    ),
    values(
        key(
            "component_type",
            "ComponentType",
            ValueKind::String,
            "`Build` (default) or `Test`.",
        ),
        COMPONENT_TYPES,
    ),
    values(
        key(
            "system_type",
            "SystemType",
            ValueKind::String,
            "`Linux` (default) or `Windows`.",
        ),
        SYSTEM_TYPES,
    ),
    key(
        "content",
        "Content",
        ValueKind::String,
        "File holding the component, relative to the manifest.",
    ),
    key(
        "description",
        "Description",
        ValueKind::String,
        "2–256 characters, not a URL.",
    ),
    key(
        "resource_group_id",
        "ResourceGroupId",
        ValueKind::String,
        "Resource group (`rg-…`).",
    ),
    key(
        "client_token",
        "ClientToken",
        ValueKind::String,
        "Idempotency token, ASCII, ≤ 64 characters.",
    ),
    key(
        "tags",
        "Tag.N",
        ValueKind::StringTable,
        "Tags, `key = \"value\"`, at most 20.",
    ),
];

/// `ComponentType` values.
pub const COMPONENT_TYPES: &[&str] = &["Build", "Test"];
/// `SystemType` values.
pub const SYSTEM_TYPES: &[&str] = &["Linux", "Windows"];

/// `BaseImageType` values.
pub const BASE_IMAGE_TYPES: &[&str] = &["IMAGE", "IMAGE_FAMILY", "OSS"];
/// `NvmeSupport` values of `ImageOptions.ImageFeatures`.
pub const IMAGE_NVME_SUPPORT: &[&str] = &["supported", "unsupported", "auto"];
/// `NvmeSupport` values of `ImportImageOptions.Features`.
pub const IMPORT_NVME_SUPPORT: &[&str] = &["supported", "unsupported"];
/// `ImportImageOptions.Architecture` values.
pub const ARCHITECTURES: &[&str] = &["x86_64", "arm64"];
/// `ImportImageOptions.OSType` values.
pub const OS_TYPES: &[&str] = &["linux", "windows"];
/// `ImportImageOptions.BootMode` values.
pub const BOOT_MODES: &[&str] = &["BIOS", "UEFI"];
/// `ImportImageOptions.LicenseType` values.
pub const LICENSE_TYPES: &[&str] = &["Auto", "Aliyun", "BYOL"];
/// `ImportImageOptions.DiskDeviceMappings.N.Format` values.
pub const DISK_FORMATS: &[&str] = &["RAW", "VHD", "QCOW2"];
/// `ImportImageOptions.Platform` values; the Windows ones start with `Windows` or `Other Windows`.
pub const PLATFORMS: &[&str] = &[
    "Aliyun",
    "Anolis",
    "CentOS",
    "Ubuntu",
    "CoreOS",
    "SUSE",
    "Debian",
    "OpenSUSE",
    "FreeBSD",
    "RedHat",
    "Kylin",
    "UOS",
    "Fedora",
    "Fedora CoreOS",
    "CentOS Stream",
    "AlmaLinux",
    "Rocky Linux",
    "Gentoo",
    "Customized Linux",
    "Others Linux",
    "Windows Server 2022",
    "Windows Server 2019",
    "Windows Server 2016",
    "Windows Server 2012",
    "Windows Server 2008",
    "Windows Server 2003",
    "Other Windows",
];
/// `RepairMode` values: the documented one first, then the ones only the SDK lists.
pub const REPAIR_MODES: &[&str] = &["Standard", "All", "Customized"];
/// `AdvancedOptions.ImageNameSuffix` values.
pub const IMAGE_NAME_SUFFIXES: &[&str] = &["disable"];

use ValueKind::{Boolean, Integer, IntegerArray, StringArray, StringTable, Table, TableArray};
const STRING: ValueKind = ValueKind::String;

/// Every key of `imagepipeline.toml`, top level first, then each table's keys.
pub const MANIFEST_KEYS: &[ManifestKey] = &[
    required(key(
        "region",
        "RegionId",
        STRING,
        "Region the pipeline is created in, e.g. `cn-hangzhou`.",
    )),
    key(
        "name",
        "Name",
        STRING,
        "Pipeline name: 2–128 characters, starts with a letter or Chinese character; letters, digits, `:`, `_`, `-`, `.`.",
    ),
    key(
        "description",
        "Description",
        STRING,
        "Pipeline description: 2–256 characters, not starting with `http://` or `https://`.",
    ),
    required(values(
        key(
            "base_image_type",
            "BaseImageType",
            STRING,
            "What `base_image` is: an image ID, an image family, or an OSS import.",
        ),
        BASE_IMAGE_TYPES,
    )),
    key(
        "base_image",
        "BaseImage",
        STRING,
        "The base image ID (`IMAGE`) or image family (`IMAGE_FAMILY`); leave out for `OSS`.",
    ),
    key(
        "build",
        "BuildContent",
        STRING,
        "Path of the build template (`*.buildcontent`), relative to this manifest; its wire form is sent.",
    ),
    key(
        "build_content",
        "BuildContent",
        STRING,
        "The build template inline, instead of `build`; its wire form is sent.",
    ),
    key(
        "test",
        "TestContent",
        STRING,
        "Path of the test template (`*.testcontent`), relative to this manifest; its wire form is sent.",
    ),
    key(
        "test_content",
        "TestContent",
        STRING,
        "The test template inline, instead of `test`; its wire form is sent.",
    ),
    key(
        "instance_type",
        "InstanceType",
        STRING,
        "Instance type of the build instance, e.g. `ecs.g6.large`; default: the smallest available.",
    ),
    key(
        "system_disk_size",
        "SystemDiskSize",
        Integer,
        "System disk size of the build instance in GiB, 20–500 (default 40).",
    ),
    key(
        "internet_max_bandwidth_out",
        "InternetMaxBandwidthOut",
        Integer,
        "Public bandwidth of the build instance in Mbit/s, 0–100 (default 0: no Internet access).",
    ),
    key(
        "vswitch_id",
        "VSwitchId",
        STRING,
        "vSwitch of the build instance (`vsw-…`); default: a new VPC and vSwitch.",
    ),
    key(
        "delete_instance_on_failure",
        "DeleteInstanceOnFailure",
        Boolean,
        "Release the build instance when the build fails (default `true`).",
    ),
    key(
        "to_region_ids",
        "ToRegionId.N",
        StringArray,
        "Regions to copy the new image to (at most 20).",
    ),
    key(
        "add_accounts",
        "AddAccount.N",
        IntegerArray,
        "Alibaba Cloud account IDs to share the new image with (at most 20).",
    ),
    values(
        key(
            "repair_mode",
            "RepairMode",
            STRING,
            "Repair the base image before building; `Standard` checks cloud-init, DHCP, virtio, grub, fstab, …",
        ),
        REPAIR_MODES,
    ),
    key(
        "resource_group_id",
        "ResourceGroupId",
        STRING,
        "Resource group of the pipeline (`rg-…`).",
    ),
    key(
        "client_token",
        "ClientToken",
        STRING,
        "Idempotency token: ASCII, at most 64 characters; default: a fresh token per submit.",
    ),
    deprecated(key(
        "image_name",
        "ImageName",
        STRING,
        "Deprecated: use `image_options.image_name`.",
    )),
    deprecated(key(
        "image_family",
        "ImageFamily",
        STRING,
        "Deprecated: use `image_options.image_family`.",
    )),
    deprecated(values(
        key(
            "nvme_support",
            "NvmeSupport",
            STRING,
            "Deprecated: use `image_options.nvme_support`.",
        ),
        IMAGE_NVME_SUPPORT,
    )),
    key(
        "tags",
        "Tag.N",
        StringTable,
        "Tags of the pipeline, `key = \"value\"` (at most 20).",
    ),
    key(
        "image_options",
        "ImageOptions",
        Table,
        "Attributes of the image the pipeline creates.",
    ),
    key(
        "image_options.image_name",
        "ImageOptions.ImageName",
        STRING,
        "Image name prefix: 2–64 characters; the name is `{prefix}_{ExecutionId}` unless the suffix is disabled.",
    ),
    key(
        "image_options.image_family",
        "ImageOptions.ImageFamily",
        STRING,
        "Image family: 2–128 characters, starts with a letter; letters, digits, `:`, `_`, `-`.",
    ),
    key(
        "image_options.description",
        "ImageOptions.Description",
        STRING,
        "Image description: 2–256 characters, not starting with `http://` or `https://`.",
    ),
    values(
        key(
            "image_options.nvme_support",
            "ImageOptions.ImageFeatures.NvmeSupport",
            STRING,
            "Whether the image supports NVMe; `auto` detects it before the build.",
        ),
        IMAGE_NVME_SUPPORT,
    ),
    key(
        "image_options.tags",
        "ImageOptions.ImageTags.N",
        StringTable,
        "Tags of the created image, `key = \"value\"` (at most 20).",
    ),
    key(
        "advanced_options",
        "AdvancedOptions",
        Table,
        "Advanced build options.",
    ),
    key(
        "advanced_options.retain_cloud_assistant",
        "AdvancedOptions.RetainCloudAssistant",
        Boolean,
        "Keep the Cloud Assistant agent installed during the build (default `false`).",
    ),
    values(
        key(
            "advanced_options.image_name_suffix",
            "AdvancedOptions.ImageNameSuffix",
            STRING,
            "`disable` turns off the `_{ExecutionId}` suffix of the image name.",
        ),
        IMAGE_NAME_SUFFIXES,
    ),
    key(
        "import_image_options",
        "ImportImageOptions",
        Table,
        "How to import the OSS object; required when `base_image_type = \"OSS\"`.",
    ),
    values(
        key(
            "import_image_options.architecture",
            "ImportImageOptions.Architecture",
            STRING,
            "Architecture of the imported image (default `x86_64`).",
        ),
        ARCHITECTURES,
    ),
    values(
        key(
            "import_image_options.os_type",
            "ImportImageOptions.OSType",
            STRING,
            "Operating system type of the imported image (default `linux`).",
        ),
        OS_TYPES,
    ),
    values(
        key(
            "import_image_options.platform",
            "ImportImageOptions.Platform",
            STRING,
            "Distribution of the imported image (default `Others Linux` / `Other Windows`).",
        ),
        PLATFORMS,
    ),
    values(
        key(
            "import_image_options.boot_mode",
            "ImportImageOptions.BootMode",
            STRING,
            "Boot mode of the imported image (default `BIOS`; `UEFI` for `arm64`).",
        ),
        BOOT_MODES,
    ),
    values(
        key(
            "import_image_options.license_type",
            "ImportImageOptions.LicenseType",
            STRING,
            "License used to activate the imported OS (default `Auto`).",
        ),
        LICENSE_TYPES,
    ),
    values(
        key(
            "import_image_options.nvme_support",
            "ImportImageOptions.Features.NvmeSupport",
            STRING,
            "Whether the imported image supports NVMe (default `unsupported`).",
        ),
        IMPORT_NVME_SUPPORT,
    ),
    key(
        "import_image_options.retain_imported_image",
        "ImportImageOptions.RetainImportedImage",
        Boolean,
        "Keep the intermediate imported image (invitational preview).",
    ),
    key(
        "import_image_options.disk_device_mappings",
        "ImportImageOptions.DiskDeviceMappings.N",
        TableArray,
        "Disk images to import, 1–17; the first is the system disk.",
    ),
    key(
        "import_image_options.disk_device_mappings.oss_bucket",
        "ImportImageOptions.DiskDeviceMappings.N.OSSBucket",
        STRING,
        "OSS bucket holding the disk image.",
    ),
    key(
        "import_image_options.disk_device_mappings.oss_object",
        "ImportImageOptions.DiskDeviceMappings.N.OSSObject",
        STRING,
        "OSS object name of the disk image (not a URL).",
    ),
    values(
        key(
            "import_image_options.disk_device_mappings.format",
            "ImportImageOptions.DiskDeviceMappings.N.Format",
            STRING,
            "Format of the disk image; leave out to detect it.",
        ),
        DISK_FORMATS,
    ),
    key(
        "import_image_options.disk_device_mappings.disk_image_size",
        "ImportImageOptions.DiskDeviceMappings.N.DiskImageSize",
        Integer,
        "Size of the disk in GiB, 1–2048; at least the size of the image file.",
    ),
];
