//! Version patterns as the service resolves them: `*` stands for any number in its part, and the
//! highest matching version is used (`1.0.*` with 1.0.1, 1.0.2 and 1.0.3 is 1.0.3).

/// A `major.minor.patch` version as numbers.
pub fn parse(version: &str) -> Option<[u64; 3]> {
    let mut parts = version.split('.').map(|part| part.parse::<u64>().ok());
    let version = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(version)
}

/// Whether `version` matches `pattern` (each part a number or `*`).
pub fn matches(pattern: &str, version: [u64; 3]) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .zip(version)
            .all(|(part, number)| *part == "*" || part.parse::<u64>() == Ok(number))
}

/// The highest of `versions` matching `pattern`, as an index into `versions`.
pub fn latest_matching<'v>(
    pattern: &str,
    versions: impl IntoIterator<Item = &'v str>,
) -> Option<usize> {
    versions
        .into_iter()
        .enumerate()
        .filter_map(|(at, version)| Some((parse(version)?, at)))
        .filter(|(version, _)| matches(pattern, *version))
        .max()
        .map(|(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_match_wins_numerically() {
        let versions = ["1.0.1", "1.0.10", "1.0.2", "2.0.0", "bad"];
        assert_eq!(latest_matching("1.0.*", versions), Some(1));
        assert_eq!(latest_matching("*.*.*", versions), Some(3));
        assert_eq!(latest_matching("1.*.*", versions), Some(1));
        assert_eq!(latest_matching("1.0.2", versions), Some(2));
        assert_eq!(latest_matching("3.*.*", versions), None);
        assert_eq!(latest_matching("1.0", versions), None);
    }
}
