//! The typed `imagepipeline.toml` model. Every value keeps the byte span it was written at, so
//! diagnostics point into the TOML text.

use bc_syntax::{FileKind, Parse, Span};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// The span of the value in the manifest (for a `[table]`, its header; for an element of a
    /// `[[array]]`, that element's header).
    pub span: Span,
    /// The span of the key it was written under (for list elements: the element itself).
    pub key: Span,
}

impl<T> Spanned<T> {
    /// A value at `span`, written under the key at `key`.
    pub fn new(value: T, span: Span, key: Span) -> Spanned<T> {
        Spanned { value, span, key }
    }
}

/// A `key = "value"` pair of `[tags]` or `[image_options.tags]`, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag key (as a string; `key` and `span` both point at the TOML key).
    pub key: Spanned<String>,
    /// The tag value.
    pub value: Spanned<String>,
}

/// `[image_options]`: `ImageOptions.*`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageOptions {
    /// `ImageOptions.ImageName`.
    pub image_name: Option<Spanned<String>>,
    /// `ImageOptions.ImageFamily`.
    pub image_family: Option<Spanned<String>>,
    /// `ImageOptions.Description`.
    pub description: Option<Spanned<String>>,
    /// `ImageOptions.ImageFeatures.NvmeSupport`.
    pub nvme_support: Option<Spanned<String>>,
    /// `ImageOptions.ImageTags.N.*`.
    pub tags: Option<Spanned<Vec<Tag>>>,
}

/// `[advanced_options]`: `AdvancedOptions.*`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdvancedOptions {
    /// `AdvancedOptions.RetainCloudAssistant`.
    pub retain_cloud_assistant: Option<Spanned<bool>>,
    /// `AdvancedOptions.ImageNameSuffix`.
    pub image_name_suffix: Option<Spanned<String>>,
}

/// One `[[import_image_options.disk_device_mappings]]`: `ImportImageOptions.DiskDeviceMappings.N.*`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiskDeviceMapping {
    /// `OSSBucket`.
    pub oss_bucket: Option<Spanned<String>>,
    /// `OSSObject`.
    pub oss_object: Option<Spanned<String>>,
    /// `Format`.
    pub format: Option<Spanned<String>>,
    /// `DiskImageSize` (GiB).
    pub disk_image_size: Option<Spanned<i64>>,
}

/// `[import_image_options]`: `ImportImageOptions.*`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportImageOptions {
    /// `Architecture`.
    pub architecture: Option<Spanned<String>>,
    /// `OSType`.
    pub os_type: Option<Spanned<String>>,
    /// `Platform`.
    pub platform: Option<Spanned<String>>,
    /// `BootMode`.
    pub boot_mode: Option<Spanned<String>>,
    /// `LicenseType`.
    pub license_type: Option<Spanned<String>>,
    /// `Features.NvmeSupport`.
    pub nvme_support: Option<Spanned<String>>,
    /// `RetainImportedImage`.
    pub retain_imported_image: Option<Spanned<bool>>,
    /// `DiskDeviceMappings.N`.
    pub disk_device_mappings: Option<Spanned<Vec<Spanned<DiskDeviceMapping>>>>,
}

/// A parsed `imagepipeline.toml`. Keys that were present but had the wrong type are `None` here
/// (and reported as BC500); [`Manifest::was_written`] tells them apart from absent keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manifest {
    /// `RegionId` (required).
    pub region: Option<Spanned<String>>,
    /// `Name`.
    pub name: Option<Spanned<String>>,
    /// `Description`.
    pub description: Option<Spanned<String>>,
    /// `BaseImageType` (required): `IMAGE`, `IMAGE_FAMILY` or `OSS`, as written.
    pub base_image_type: Option<Spanned<String>>,
    /// `BaseImage`.
    pub base_image: Option<Spanned<String>>,
    /// Path of the build template, relative to the manifest, as written.
    pub build: Option<Spanned<String>>,
    /// Inline build template (source form; the wire form is sent).
    pub build_content: Option<Spanned<String>>,
    /// Path of the test template, relative to the manifest, as written.
    pub test: Option<Spanned<String>>,
    /// Inline test template (source form; the wire form is sent).
    pub test_content: Option<Spanned<String>>,
    /// `InstanceType`.
    pub instance_type: Option<Spanned<String>>,
    /// `SystemDiskSize` (GiB).
    pub system_disk_size: Option<Spanned<i64>>,
    /// `InternetMaxBandwidthOut` (Mbit/s).
    pub internet_max_bandwidth_out: Option<Spanned<i64>>,
    /// `VSwitchId`.
    pub vswitch_id: Option<Spanned<String>>,
    /// `DeleteInstanceOnFailure`.
    pub delete_instance_on_failure: Option<Spanned<bool>>,
    /// `ToRegionId.N`.
    pub to_region_ids: Option<Spanned<Vec<Spanned<String>>>>,
    /// `AddAccount.N`.
    pub add_accounts: Option<Spanned<Vec<Spanned<i64>>>>,
    /// `RepairMode`.
    pub repair_mode: Option<Spanned<String>>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<Spanned<String>>,
    /// `ClientToken`.
    pub client_token: Option<Spanned<String>>,
    /// Deprecated `ImageName` (use `image_options.image_name`).
    pub image_name: Option<Spanned<String>>,
    /// Deprecated `ImageFamily` (use `image_options.image_family`).
    pub image_family: Option<Spanned<String>>,
    /// Deprecated `NvmeSupport` (use `image_options.nvme_support`).
    pub nvme_support: Option<Spanned<String>>,
    /// `Tag.N.*`, in file order.
    pub tags: Option<Spanned<Vec<Tag>>>,
    /// `ImageOptions.*`.
    pub image_options: Option<Spanned<ImageOptions>>,
    /// `AdvancedOptions.*`.
    pub advanced_options: Option<Spanned<AdvancedOptions>>,
    /// `ImportImageOptions.*`.
    pub import_image_options: Option<Spanned<ImportImageOptions>>,
    /// The manifest text the spans index into.
    pub(crate) source: String,
    /// Dotted paths of keys that were written but rejected (wrong type).
    pub(crate) rejected: Vec<String>,
}

impl Manifest {
    /// An empty manifest whose values the caller fills in from another file that declares a
    /// pipeline (a Terraform or ROS resource), `source`, which its spans index into.
    pub fn written_in(source: &str) -> Manifest {
        Manifest {
            source: source.to_owned(),
            ..Manifest::default()
        }
    }

    /// The manifest text the spans index into.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the key at dotted `path` (e.g. `region`, `image_options.image_name`) was written,
    /// including keys dropped because their value had the wrong type.
    pub fn was_written(&self, path: &str) -> bool {
        self.rejected.iter().any(|p| p == path) || self.is_set(path)
    }

    fn is_set(&self, path: &str) -> bool {
        match path {
            "region" => self.region.is_some(),
            "base_image_type" => self.base_image_type.is_some(),
            "base_image" => self.base_image.is_some(),
            "build" => self.build.is_some(),
            "build_content" => self.build_content.is_some(),
            "test" => self.test.is_some(),
            "test_content" => self.test_content.is_some(),
            "import_image_options" => self.import_image_options.is_some(),
            _ => false,
        }
    }
}

/// Which template a manifest key refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateRole {
    /// `build` / `build_content`: `BuildContent`.
    Build,
    /// `test` / `test_content`: `TestContent`.
    Test,
}

impl TemplateRole {
    /// The manifest key naming the template file (`build`, `test`).
    pub const fn key(self) -> &'static str {
        match self {
            TemplateRole::Build => "build",
            TemplateRole::Test => "test",
        }
    }

    /// The kind of file expected for this role.
    pub const fn file_kind(self) -> FileKind {
        match self {
            TemplateRole::Build => FileKind::Build,
            TemplateRole::Test => FileKind::Test,
        }
    }
}

/// What the caller found at a template path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateStatus {
    /// Nothing exists at the path.
    Missing,
    /// The path exists but is a directory or another non-file.
    NotAFile,
    /// The file is larger than the caller is willing to read.
    TooLarge,
    /// The path leaves the repository and the caller did not read it, because the settings do
    /// not allow that.
    OutsideRepository,
    /// The file is not UTF-8; `offset` is the first bad byte.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file was read and parsed.
    Loaded {
        /// The parsed template.
        parse: Parse,
    },
}

/// A template file referenced by the manifest, as loaded by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// The path to show in messages (usually relative to the working directory).
    pub path_display: String,
    /// The kind implied by the file's extension, if any.
    pub kind: Option<FileKind>,
    /// What was found.
    pub status: TemplateStatus,
    /// Whether the path leaves the manifest's repository root (e.g. through `../`).
    pub outside_root: bool,
}

/// The templates the manifest refers to, loaded by the caller (see [`crate::referenced_templates`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Templates {
    /// The file `build` names, if the caller loaded it.
    pub build: Option<TemplateFile>,
    /// The file `test` names, if the caller loaded it.
    pub test: Option<TemplateFile>,
}

impl Templates {
    /// The file for `role`.
    pub fn get(&self, role: TemplateRole) -> Option<&TemplateFile> {
        match role {
            TemplateRole::Build => self.build.as_ref(),
            TemplateRole::Test => self.test.as_ref(),
        }
    }
}
