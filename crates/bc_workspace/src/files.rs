//! Reading source files: bounded in size, UTF-8 checked, and classified by kind.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use bc_syntax::{DecodeError, FileKind};

/// The largest file `bclint` reads. A template's wire form is at most 16 KB; a source file with
/// generous comments is still far below this, so anything bigger is not a template at all, and
/// reading it would only cost memory and time.
pub const MAX_SOURCE_BYTES: u64 = 1024 * 1024;

/// What a file is to bclint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A build/test template or a component.
    Template(FileKind),
    /// An `imagepipeline.toml` manifest.
    Manifest,
}

impl SourceKind {
    /// The kind a path implies: `*.buildcontent`, `*.testcontent`, `*.imagecomponent`,
    /// `imagepipeline.toml` or `*.imagepipeline.toml`.
    pub fn from_path(path: &Path) -> Option<SourceKind> {
        let name = path.file_name()?.to_str()?;
        if is_manifest_name(name) {
            return Some(SourceKind::Manifest);
        }
        FileKind::from_file_name(name).map(SourceKind::Template)
    }
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

/// Writes `text` to `path` atomically: a temporary file in the same directory, with the original
/// file's permissions, renamed over the original. A crash leaves either the old or the new file,
/// never half of one.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = std::fs::metadata(path).map(|m| m.permissions()).ok();
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
            Err(error) => return Err(error),
        }
    };
    let result = (|| {
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(&tmp_path, permissions)?;
        }
        std::fs::rename(&tmp_path, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
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
    fn atomic_write_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.buildcontent");
        std::fs::write(&path, "run a\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, "RUN a\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "RUN a\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
