//! UTC timestamps (for signing, and the expiry of temporary credentials) and nonces.
//!
//! The gateway wants `YYYY-MM-DDTHH:MM:SSZ` with no fractional seconds, which is RFC 3339 at
//! second precision; `humantime` formats and parses exactly that for `SystemTime`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The last second `humantime` can format (9999-12-31T23:59:59Z).
const LATEST: Duration = Duration::from_secs(253_402_300_799);

/// Formats `t` as `YYYY-MM-DDTHH:MM:SSZ` in UTC. A clock outside 1970..=9999 is clamped to
/// that range because no valid request can carry such a time anyway, and the formatter
/// cannot write it.
pub fn utc_timestamp(t: SystemTime) -> String {
    let t = t.clamp(UNIX_EPOCH, UNIX_EPOCH + LATEST);
    humantime::format_rfc3339_seconds(t).to_string()
}

/// Reads `YYYY-MM-DDTHH:MM:SSZ` (the form STS and the metadata service give `Expiration` in), or
/// `None` when the text is not exactly that (other RFC 3339 forms, such as fractional seconds or
/// a `+00:00` offset, included), names a day that does not exist, or a time before 1970. A leap
/// second (`:60`), which RFC 3339 allows, reads as the second before it.
pub fn parse_utc_timestamp(text: &str) -> Option<SystemTime> {
    if text.len() != "YYYY-MM-DDTHH:MM:SSZ".len() {
        return None;
    }
    humantime::parse_rfc3339(text).ok()
}

/// A fresh signature nonce: 32 lowercase hex characters from a random UUID v4. The gateway
/// rejects a reused nonce (`SignatureNonceUsed`), so every attempt calls this again.
pub fn new_nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> String {
        utc_timestamp(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(1_704_067_200), "2024-01-01T00:00:00Z");
        assert_eq!(at(1_678_696_470), "2023-03-13T08:34:30Z");
        // A leap day and the last second of a leap year.
        assert_eq!(at(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(at(1_735_689_599), "2024-12-31T23:59:59Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn parses_what_it_formats() {
        for secs in [
            0,
            951_782_400,
            1_678_696_470,
            1_704_067_200,
            1_709_210_096,
            1_735_689_599,
            4_102_444_800,
        ] {
            let instant = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse_utc_timestamp(&utc_timestamp(instant)), Some(instant));
        }
        for bad in [
            "",
            "2030-01-01T00:00:00",
            "2030-01-01 00:00:00Z",
            "2030-13-01T00:00:00Z",
            "2030-02-30T00:00:00Z",
            "2030-01-01T24:00:00Z",
            "2030-01-01T00:00:00.5Z",
            "+030-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2030-01-01T00:00:00+00:00",
            "2030-1-01T00:00:00Z",
            "2031-02-29T00:00:00Z",
        ] {
            assert_eq!(parse_utc_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_leap_second_reads_as_the_second_before() {
        assert_eq!(
            parse_utc_timestamp("2016-12-31T23:59:60Z"),
            parse_utc_timestamp("2016-12-31T23:59:59Z")
        );
    }

    #[test]
    fn clocks_outside_the_formattable_range_are_clamped() {
        let before_1970 = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(utc_timestamp(before_1970), "1970-01-01T00:00:00Z");
        let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800 + 86_400);
        assert_eq!(utc_timestamp(year_10000), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn fractions_of_a_second_are_dropped() {
        let t = UNIX_EPOCH + Duration::from_millis(1_704_067_200_999);
        assert_eq!(utc_timestamp(t), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn nonce_is_32_hex_and_fresh() {
        let a = new_nonce();
        let b = new_nonce();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
