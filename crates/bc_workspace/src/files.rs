//! Reading source files: bounded in size, UTF-8 checked, and classified by kind.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use bc_embedded::Host;
use bc_syntax::{DecodeError, FileKind};

/// The largest file `bclint` reads. A template's wire form is at most 16 KB; a source file with
/// generous comments is still far below this, so anything bigger is not a template at all, and
/// reading it would only cost memory and time.
pub const MAX_SOURCE_BYTES: u64 = 1024 * 1024;

/// What a file is to bclint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A build/test template or a Dockerfile-format component.
    Template(FileKind),
    /// A YAML component (`Parameters` and `Tasks`), linted by `bc_component`.
    YamlComponent,
    /// An `imagepipeline.toml` manifest.
    Manifest,
    /// A Terraform or ROS file, whose image resources embed templates.
    Embedded(Host),
    /// A component manifest, `*.imagecomponent.toml`.
    ComponentManifest,
}

impl SourceKind {
    /// The kind a path implies: `*.buildcontent`, `*.testcontent`, `*.imagecomponent`,
    /// `*.imagecomponent.yaml` / `*.imagecomponent.yml`, `*.imagecomponent.toml`,
    /// `imagepipeline.toml` or `*.imagepipeline.toml`.
    ///
    /// A `*.imagecomponent` file may hold YAML all the same: [`SourceKind::of_content`] decides
    /// once its text is read. Any other `.yaml` file is not a component.
    pub fn from_path(path: &Path) -> Option<SourceKind> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".imagecomponent.toml") {
            return Some(SourceKind::ComponentManifest);
        }
        if is_manifest_name(name) {
            return Some(SourceKind::Manifest);
        }
        if let Some(host) = host_by_name(name) {
            return Some(SourceKind::Embedded(host));
        }
        if lower.ends_with(".imagecomponent.yaml") || lower.ends_with(".imagecomponent.yml") {
            return Some(SourceKind::YamlComponent);
        }
        FileKind::from_file_name(name).map(SourceKind::Template)
    }

    /// The kind of a file of kind `self` that holds `text`. A component is YAML when its first
    /// line that is neither blank nor a `#` comment is a top-level `Parameters:` or `Tasks:` key,
    /// whatever its name says (design.md §1, "component formats"): the service takes both formats
    /// in the same parameter, so a YAML component saved as `*.imagecomponent` must never be
    /// formatted, rendered or linted as Dockerfile commands.
    pub fn of_content(self, text: &str) -> SourceKind {
        match self {
            SourceKind::Template(FileKind::Component) if bc_component::is_yaml_component(text) => {
                SourceKind::YamlComponent
            }
            kind => kind,
        }
    }
    /// The kind of `path` by its name, or for a `.json`, `.yaml` or `.yml` file, by a look at
    /// its beginning: a ROS template when [`is_ros_template`] says so. Other files of those
    /// extensions are no kind, silently.
    pub fn detect(path: &Path) -> Option<SourceKind> {
        SourceKind::from_path(path).or_else(|| {
            let extension = path.extension()?.to_str()?.to_ascii_lowercase();
            (matches!(extension.as_str(), "json" | "yaml" | "yml") && is_ros_template(path))
                .then_some(SourceKind::Embedded(Host::Ros))
        })
    }
}

/// `*.tf` is Terraform; `*.ros.json`, `*.ros.yaml` and `*.ros.yml` are ROS templates.
fn host_by_name(name: &str) -> Option<Host> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tf") {
        Some(Host::Terraform)
    } else if [".ros.json", ".ros.yaml", ".ros.yml"]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
    {
        Some(Host::Ros)
    } else {
        None
    }
}

/// How much of a JSON or YAML file is read to tell whether it is a ROS template.
const ROS_SNIFF_BYTES: u64 = 4096;

/// Whether the file at `path` is a ROS template: its first [`ROS_SNIFF_BYTES`] bytes hold the
/// `ROSTemplateFormatVersion` key, which ROS requires and which templates write first. The
/// file is opened as every source is (regular files only, never `/proc`), and any failure is
/// a plain "no", so that a walk over arbitrary JSON and YAML stays cheap and silent.
pub fn is_ros_template(path: &Path) -> bool {
    let Ok((file, _)) = open_regular(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(ROS_SNIFF_BYTES as usize);
    file.take(ROS_SNIFF_BYTES).read_to_end(&mut head).is_ok()
        && memchr::memmem::find(&head, b"ROSTemplateFormatVersion").is_some()
}

/// Whether a file name is a pipeline manifest's.
pub fn is_manifest_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "imagepipeline.toml" || lower.ends_with(".imagepipeline.toml")
}

/// Why a source could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused (missing, permission denied, …).
    Io(io::Error),
    /// Not a regular file (a directory, a device such as `/dev/zero`, a FIFO).
    NotAFile,
    /// A file of the running system (under `/proc`, `/sys` or `/dev`), usually reached through a
    /// symbolic link; such files look regular but hold the environment, memory or devices.
    SystemFile {
        /// Where the path leads once symbolic links are resolved.
        resolved: PathBuf,
    },
    /// Larger than [`MAX_SOURCE_BYTES`].
    TooLarge {
        /// The size seen (at least the limit plus one).
        size: u64,
    },
    /// Not UTF-8.
    NotUtf8(DecodeError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{}", describe_io(error)),
            ReadError::NotAFile => write!(f, "not a regular file"),
            ReadError::SystemFile { resolved } => write!(
                f,
                "refusing to read `{}`: files under /proc, /sys and /dev belong to the running system",
                resolved.display()
            ),
            ReadError::TooLarge { size } => write!(
                f,
                "file too large to be a template ({} bytes; bclint reads at most {} bytes)",
                size, MAX_SOURCE_BYTES
            ),
            ReadError::NotUtf8(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Directories whose "regular files" describe the running system: they report a size of 0 and
/// read as the process's environment, memory maps or hardware.
const SYSTEM_DIRS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Opens `path` for reading if, once symbolic links are resolved, it is a regular file outside
/// `/proc`, `/sys` and `/dev`. Returns the file and its size. Opening never blocks, even if a
/// FIFO is swapped in after the check.
pub fn open_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let resolved = path.canonicalize().map_err(ReadError::Io)?;
    // The type is checked before opening: opening a device can have effects of its own.
    if !std::fs::metadata(&resolved)
        .map_err(ReadError::Io)?
        .is_file()
    {
        return Err(ReadError::NotAFile);
    }
    if SYSTEM_DIRS.iter().any(|dir| resolved.starts_with(dir)) {
        return Err(ReadError::SystemFile { resolved });
    }
    let file = open_nonblocking(&resolved).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok((file, metadata.len()))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // On a regular file the flag changes nothing; on a FIFO it makes `open` return at once.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads a source file: only regular files outside the system's directories (see
/// [`open_regular`]), at most [`MAX_SOURCE_BYTES`], and only UTF-8.
pub fn read_source(path: &Path) -> Result<String, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge { size });
    }
    // The size can change between the check and the read; the limit holds either way.
    read_limited(file, size as usize)
}

/// Reads all of `reader` (standard input) with the same limit and checks.
pub fn read_source_from(reader: impl Read) -> Result<String, ReadError> {
    read_limited(reader, 0)
}

/// Reads `reader` to its end, or one byte past [`MAX_SOURCE_BYTES`] to tell that it is too
/// large, and decodes it. `expected` is the size to reserve for.
fn read_limited(reader: impl Read, expected: usize) -> Result<String, ReadError> {
    let mut bytes = Vec::with_capacity(expected);
    reader
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    decode_owned(bytes)
}

fn decode_owned(bytes: Vec<u8>) -> Result<String, ReadError> {
    if let Err(error) = bc_syntax::decode(&bytes) {
        return Err(ReadError::NotUtf8(error));
    }
    Ok(String::from_utf8(bytes).expect("checked by decode"))
}

/// Why a fixed or formatted file was not written. In every case the file is left as it was.
#[derive(Debug)]
pub enum WriteError {
    /// The operating system refused (permission denied, disk full, …).
    Io(io::Error),
    /// Not a regular file (the target of a symlink may be anything).
    NotAFile,
    /// The file has no write permission bits: its owner marked it read-only.
    ReadOnly,
    /// The replacement could not be given the file's owner and group (only the superuser may
    /// give a file away), so writing would change them.
    Owner {
        /// The file's user id.
        uid: u32,
        /// The file's group id.
        gid: u32,
    },
    /// The file's content is no longer what was read: someone changed it meanwhile.
    Changed,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io(error) => write!(f, "{}", describe_io(error)),
            WriteError::NotAFile => write!(f, "not a regular file"),
            WriteError::ReadOnly => write!(f, "the file is read-only; it was left unchanged"),
            WriteError::Owner { uid, gid } => write!(
                f,
                "the rewritten file could not keep the owner and group {uid}:{gid}; it was left unchanged"
            ),
            WriteError::Changed => write!(
                f,
                "the file changed on disk since bclint read it; it was left unchanged (run bclint again)"
            ),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Replaces the content of `path`, which was read as `original`, with `text`.
///
/// The new content goes to a temporary file beside the file, which is renamed over it, so a
/// crash leaves either the old or the new file, never half of one. A symlink is written through:
/// its target gets the new content and the link stays a link. The temporary file gets the
/// original's mode, owner and group before the rename. A read-only file is refused
/// ([`WriteError::ReadOnly`]); so is one whose content is no longer `original`
/// ([`WriteError::Changed`]), since replacing it would lose whatever changed it: the content is
/// read again just before the rename (comparing bytes, not modification times, which can be too
/// coarse to tell two writes apart).
pub fn write_atomically(path: &Path, original: &str, text: &str) -> Result<(), WriteError> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(WriteError::NotAFile);
    }
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = target.parent().unwrap_or(Path::new("/"));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (tmp_path, mut file) = loop {
        let candidate = dir.join(format!(
            ".{name}.bclint-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => break (candidate, file),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(error) => return Err(error.into()),
        }
    };
    let result = (|| {
        // Owner and mode come before the content, so a private file is never readable by
        // others, not even while it is written. The mode comes after the owner, because
        // changing the owner clears set-user-ID and set-group-ID bits.
        keep_owner(&file, &metadata)?;
        file.set_permissions(metadata.permissions())?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if !unchanged(&target, original)? {
            return Err(WriteError::Changed);
        }
        std::fs::rename(&tmp_path, &target)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
}

/// Gives `file` the owner and group of `original`. Only the superuser may give a file away, so
/// a refusal is harmless when the ids already match (the common case: the user edits their own
/// file); otherwise replacing the file would change its owner, and the write is refused.
#[cfg(unix)]
fn keep_owner(file: &File, original: &std::fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt as _;
    let (uid, gid) = (original.uid(), original.gid());
    match std::os::unix::fs::fchown(file, Some(uid), Some(gid)) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            let created = file.metadata()?;
            if created.uid() == uid && created.gid() == gid {
                Ok(())
            } else {
                Err(WriteError::Owner { uid, gid })
            }
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: &std::fs::Metadata) -> Result<(), WriteError> {
    Ok(())
}

/// Whether the file at `path` still holds exactly `original`. At most one byte more than
/// `original` is read, which is enough to tell that something was appended.
fn unchanged(path: &Path, original: &str) -> io::Result<bool> {
    let mut now = Vec::with_capacity(original.len() + 1);
    File::open(path)?
        .take(original.len() as u64 + 1)
        .read_to_end(&mut now)?;
    Ok(now == original.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        let kind = |name: &str| SourceKind::from_path(Path::new(name));
        assert_eq!(
            kind("a/build.buildcontent"),
            Some(SourceKind::Template(FileKind::Build))
        );
        assert_eq!(
            kind("x.TESTCONTENT"),
            Some(SourceKind::Template(FileKind::Test))
        );
        assert_eq!(kind("imagepipeline.toml"), Some(SourceKind::Manifest));
        assert_eq!(kind("web.imagepipeline.toml"), Some(SourceKind::Manifest));
        assert_eq!(kind("bclint.toml"), None);
        assert_eq!(
            kind("web.imagecomponent.yaml"),
            Some(SourceKind::YamlComponent)
        );
        assert_eq!(
            kind("web.ImageComponent.YML"),
            Some(SourceKind::YamlComponent)
        );
        assert_eq!(
            kind("web.imagecomponent.toml"),
            Some(SourceKind::ComponentManifest)
        );
        assert_eq!(
            kind("web.imagecomponent"),
            Some(SourceKind::Template(FileKind::Component))
        );
        // Arbitrary YAML is not a component, nor are other `.toml` files.
        assert_eq!(kind("docker-compose.yaml"), None);
        assert_eq!(kind("web.yml"), None);
        assert_eq!(kind("Cargo.toml"), None);
    }

    #[test]
    fn components_are_told_apart_by_content() {
        let component = SourceKind::Template(FileKind::Component);
        let yaml = "# hello\n\nParameters:\n  a: {Type: String}\nTasks: []\n";
        assert_eq!(component.of_content(yaml), SourceKind::YamlComponent);
        assert_eq!(component.of_content("Tasks:\n"), SourceKind::YamlComponent);
        assert_eq!(component.of_content("RUN echo hi\n"), component);
        // `Tasks` further down, or indented, does not make YAML.
        assert_eq!(component.of_content("RUN a\nTasks:\n"), component);
        assert_eq!(component.of_content("  Tasks:\n"), component);
        // Templates are templates whatever they hold.
        let build = SourceKind::Template(FileKind::Build);
        assert_eq!(build.of_content("Tasks:\n"), build);
    }

    #[test]
    fn embedded_hosts_by_name() {
        let kind = |name: &str| SourceKind::from_path(Path::new(name));
        assert_eq!(
            kind("infra/main.tf"),
            Some(SourceKind::Embedded(Host::Terraform))
        );
        assert_eq!(kind("stack.ros.yml"), Some(SourceKind::Embedded(Host::Ros)));
        assert_eq!(kind("stack.json"), None);
    }

    #[test]
    fn json_and_yaml_are_ros_templates_by_their_key() {
        let dir = tempfile::tempdir().unwrap();
        let ros = dir.path().join("stack.yaml");
        std::fs::write(
            &ros,
            "ROSTemplateFormatVersion: '2015-09-01'\nResources: {}\n",
        )
        .unwrap();
        let other = dir.path().join("package.json");
        std::fs::write(&other, "{\"name\": \"x\"}").unwrap();
        assert_eq!(
            SourceKind::detect(&ros),
            Some(SourceKind::Embedded(Host::Ros))
        );
        assert_eq!(SourceKind::detect(&other), None);
        assert_eq!(SourceKind::detect(&dir.path().join("missing.json")), None);
    }

    #[test]
    fn read_errors() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.buildcontent");
        std::fs::write(&bad, b"RUN a\n\xff\n").unwrap();
        match read_source(&bad) {
            Err(ReadError::NotUtf8(error)) => assert_eq!(error.offset, 6),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        assert!(matches!(read_source(dir.path()), Err(ReadError::NotAFile)));
        assert!(matches!(
            read_source(&dir.path().join("missing")),
            Err(ReadError::Io(_))
        ));
        let big = dir.path().join("big.buildcontent");
        std::fs::write(&big, vec![b'#'; MAX_SOURCE_BYTES as usize + 1]).unwrap();
        assert!(matches!(read_source(&big), Err(ReadError::TooLarge { .. })));
        #[cfg(unix)]
        assert!(matches!(
            read_source(Path::new("/dev/zero")),
            Err(ReadError::NotAFile)
        ));
    }

    /// The names in `dir`, to check that no temporary file is left behind.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    fn set_mode(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn system_files_are_refused_through_links_and_named_in_the_message() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("leak.buildcontent");
        std::os::unix::fs::symlink("/proc/self/environ", &link).unwrap();
        for path in [link.as_path(), Path::new("/proc/self/environ")] {
            let error = read_source(path).unwrap_err();
            assert!(matches!(error, ReadError::SystemFile { .. }), "{error:?}");
            let message = error.to_string();
            assert!(message.contains("/proc/"), "{message}");
            assert!(!message.contains("PATH="), "{message}");
        }
        assert!(matches!(
            read_source(Path::new("/sys/kernel/mm/transparent_hugepage/enabled")),
            Err(ReadError::SystemFile { .. } | ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_a_file_and_opening_it_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.buildcontent");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            return;
        }
        assert!(matches!(read_source(&fifo), Err(ReadError::NotAFile)));
        assert!(matches!(
            open_nonblocking(&fifo).and_then(|f| f.metadata()),
            Ok(metadata) if !metadata.is_file()
        ));
    }

    #[test]
    fn atomic_write_replaces_the_content_and_keeps_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.buildcontent");
        std::fs::write(&path, "run a\n").unwrap();
        #[cfg(unix)]
        set_mode(&path, 0o640);
        write_atomically(&path, "run a\n", "RUN a\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "RUN a\n");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o640);
        assert_eq!(names(dir.path()), ["t.buildcontent"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_writes_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/t.buildcontent");
        std::fs::write(&target, "run a\n").unwrap();
        let link = dir.path().join("link.buildcontent");
        std::os::unix::fs::symlink("real/t.buildcontent", &link).unwrap();
        write_atomically(&link, "run a\n", "RUN a\n").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "RUN a\n");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_link(&link).unwrap(),
            Path::new("real/t.buildcontent")
        );
        assert_eq!(names(&dir.path().join("real")), ["t.buildcontent"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_owner_and_group() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.buildcontent");
        std::fs::write(&path, "run a\n").unwrap();
        if std::os::unix::fs::chown(&path, Some(1234), Some(1235)).is_err() {
            // Only the superuser can give a file away; the CI runs the tests as root.
            eprintln!("skipped: giving a file away needs the superuser");
            return;
        }
        write_atomically(&path, "run a\n", "RUN a\n").unwrap();
        let metadata = std::fs::metadata(&path).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (1234, 1235));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "RUN a\n");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_refuses_a_read_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.buildcontent");
        std::fs::write(&path, "run a\n").unwrap();
        set_mode(&path, 0o444);
        let error = write_atomically(&path, "run a\n", "RUN a\n").unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly), "{error:?}");
        assert_eq!(
            error.to_string(),
            "the file is read-only; it was left unchanged"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "run a\n");
        assert_eq!(mode(&path), 0o444);
        assert_eq!(names(dir.path()), ["t.buildcontent"]);
    }

    #[test]
    fn atomic_write_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.buildcontent");
        // Read as "run a\n", then a line was appended before the fix is written.
        std::fs::write(&path, "run a\nRUN b\n").unwrap();
        let error = write_atomically(&path, "run a\n", "RUN a\n").unwrap_err();
        assert!(matches!(error, WriteError::Changed), "{error:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "run a\nRUN b\n");
        // A change that keeps the length is caught as well.
        std::fs::write(&path, "run b\n").unwrap();
        let error = write_atomically(&path, "run a\n", "RUN a\n").unwrap_err();
        assert!(matches!(error, WriteError::Changed), "{error:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "run b\n");
        assert_eq!(names(dir.path()), ["t.buildcontent"]);
    }
}
