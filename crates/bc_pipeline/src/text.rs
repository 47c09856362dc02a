//! Character-level checks shared by the rules that validate names, descriptions and tags.

/// Whether `c` is a Chinese (CJK unified ideograph) character.
pub(crate) fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}')
}

/// Whether `s` starts with `http://` or `https://` (any case).
pub(crate) fn starts_with_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether `s` contains `http://` or `https://` (any case).
pub(crate) fn contains_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("http://") || lower.contains("https://")
}

/// Length in characters, as the API counts it.
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// What is wrong with a name-like value: length `min..=max` characters, first character a
/// letter or Chinese character, others letters, digits, Chinese characters or one of `extra`.
pub(crate) fn name_problem(value: &str, min: usize, max: usize, extra: &str) -> Option<String> {
    let len = char_len(value);
    if starts_with_url(value) {
        return Some("must not start with `http://` or `https://`".to_owned());
    }
    if len < min || len > max {
        return Some(format!("must be {min}–{max} characters long, not {len}"));
    }
    let first = value.chars().next()?;
    if !(first.is_ascii_alphabetic() || is_chinese(first)) {
        return Some(format!(
            "must start with a letter or a Chinese character, not `{first}`"
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || is_chinese(c) || extra.contains(c)))
    {
        let allowed: Vec<String> = extra.chars().map(|c| format!("`{c}`")).collect();
        return Some(format!(
            "must not contain `{}`: only letters, digits, Chinese characters and {} are allowed",
            bad.escape_debug(),
            allowed.join(", ")
        ));
    }
    None
}

/// What is wrong with a description: 2–256 characters, not starting with a URL.
pub(crate) fn description_problem(value: &str) -> Option<String> {
    let len = char_len(value);
    if starts_with_url(value) {
        Some("must not start with `http://` or `https://`".to_owned())
    } else if !(2..=256).contains(&len) {
        Some(format!("must be 2–256 characters long, not {len}"))
    } else {
        None
    }
}

/// The allowed value `value` differs from only in case, if any.
pub(crate) fn case_match(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .copied()
}

/// `a`, `b` or `c` for messages.
pub(crate) fn one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// The TOML basic string for `value`.
pub(crate) fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
