//! Component versions and the ARN's version patterns: `*` per part, the latest matching version
//! wins (reference/imagebuilder.md §4).

/// A `major.minor.patch` version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub [u64; 3]);

impl Version {
    /// Parses `major.minor.patch`, each part a non-negative integer.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = [0; 3];
        let mut written = text.split('.');
        for part in &mut parts {
            *part = number(written.next()?)?;
        }
        written.next().is_none().then_some(Version(parts))
    }
}

/// Whether `version` matches the ARN's version `pattern` (`1.*.*`). A pattern that is not three
/// parts of digits or `*` matches every version: BC103 reports it, and one finding is enough.
pub fn matches_pattern(pattern: &str, version: &Version) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|part| *part == "*" || number(part).is_some())
    {
        return true;
    }
    parts
        .iter()
        .zip(version.0)
        .all(|(part, value)| *part == "*" || number(part) == Some(value))
}

fn number(part: &str) -> Option<u64> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_per_part() {
        let v = Version::parse("1.2.3").unwrap();
        for pattern in ["1.2.3", "1.*.*", "*.*.*", "*.2.*", "1.2.*", "01.2.3", "1.2"] {
            assert!(matches_pattern(pattern, &v), "{pattern}");
        }
        for pattern in ["2.*.*", "1.3.*", "*.*.4"] {
            assert!(!matches_pattern(pattern, &v), "{pattern}");
        }
    }

    #[test]
    fn versions_parse_three_numbers_and_order_numerically() {
        assert_eq!(Version::parse("1.10.0"), Some(Version([1, 10, 0])));
        assert!(Version::parse("1.10.0") > Version::parse("1.9.9"));
        for bad in ["1.0", "1.0.0.0", "1.x.0", "", "1..0", "-1.0.0"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }
}
