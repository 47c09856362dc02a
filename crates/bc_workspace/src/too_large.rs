//! BC007, a file too large to be read as a source, as one finding for both front ends.
//!
//! Files over [`MAX_SOURCE_BYTES`] are never analysed (see [`crate::files`]). Reporting that as
//! an error of its own would escape the settings; as a BC007 finding it obeys `ignore`,
//! `select` and severity overrides alike in `bclint check` and in the editor.

use bc_lint::{Config, Diagnostic};
use bc_syntax::Span;

use crate::files::{MAX_SOURCE_BYTES, ReadError};

/// The BC007 finding for a source of `size` bytes, at the start of the file, with the severity
/// `config` gives it; `None` when `config` turns BC007 off or the size is within the limit.
pub fn finding(size: u64, config: &Config) -> Option<Diagnostic> {
    let rule = &bc_lint::rules::file_too_large::RULE;
    if size <= MAX_SOURCE_BYTES || !config.is_enabled(rule) {
        return None;
    }
    let message = ReadError::TooLarge { size }.to_string();
    let mut diagnostic = Diagnostic::new(rule, Span::empty(0), message);
    diagnostic.note(format!(
        "the file has at least {size} bytes; a template's wire form is at most 16,384"
    ));
    bc_lint::finalize(vec![diagnostic], config).pop()
}

#[cfg(test)]
mod tests {
    use bc_lint::{Level, Severity};

    use super::*;

    #[test]
    fn obeys_the_settings() {
        let size = MAX_SOURCE_BYTES + 1;
        let mut config = crate::registry::config();
        let default = finding(size, &config).expect("on by default");
        assert_eq!((default.code, default.severity), ("BC007", Severity::Error));
        assert!(finding(MAX_SOURCE_BYTES, &config).is_none());
        config
            .levels
            .insert("BC007".to_owned(), Level::On(Severity::Warning));
        assert_eq!(finding(size, &config).unwrap().severity, Severity::Warning);
        config.levels.insert("BC007".to_owned(), Level::Off);
        assert!(finding(size, &config).is_none());
    }
}
