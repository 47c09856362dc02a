use bc_syntax::Span;
use memchr::memmem;

use crate::{Checker, Diagnostic, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the whole file, comments included, for an Alibaba Cloud AccessKey ID (`LTAI`
    /// followed by 12 to 30 letters and digits) and for an AccessKey secret: a 30-character
    /// literal of letters and digits assigned to a name such as `ACCESS_KEY_SECRET`,
    /// `AccessKeySecret`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` or `--access-key-secret`. The
    /// message never repeats the key: all but its last four characters are masked.
    ///
    /// ## Why is this bad?
    /// Templates are stored by the service and shown to everyone who can read the image
    /// pipeline, and source files end up in version control. An AccessKey grants API access to
    /// the account until it is revoked.
    ///
    /// ## Example
    /// ```buildcontent
    /// RUN aliyun configure set --access-key-id LTAI5tAbCdEfGhIjKlMnOpQr --access-key-secret AbCdEfGhIjKlMnOpQrStUvWxYz0123
    /// ```
    ///
    /// ## Use instead
    /// Attach a RAM role to the build instance, or download private files with a component
    /// that uses `OSSDownload` (it needs no AccessKey):
    /// ```buildcontent
    /// RUN aliyun configure set --mode EcsRamRole --ram-role-name ImageBuilderRole --region cn-hangzhou
    /// ```
    /// Then revoke the leaked key in the RAM console.
    pub static RULE = {
        code: "BC401",
        name: "hardcoded-access-key",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

const NOTE: &str = "templates are stored by the service and readable by everyone with access to the pipeline; the key grants API access until it is revoked";
const HELP: &str = "use a RAM role on the build instance (or an `OSSDownload` component), and revoke this key";

pub fn check(checker: &mut Checker<'_>) {
    scan(checker.source, &mut checker.diagnostics);
}

/// Appends this rule's findings in `source`, any text (a template, a YAML component), to
/// `diagnostics`.
pub fn scan(source: &str, diagnostics: &mut Vec<Diagnostic>) {
    let bytes = source.as_bytes();
    for at in memmem::find_iter(bytes, b"LTAI") {
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let len = alnum_run(&bytes[at + 4..]);
        if (12..=30).contains(&len) {
            let span = Span::new(at, at + 4 + len);
            let masked = mask(span.text(source));
            Diagnostic::push_new(diagnostics, &RULE, span, format!("AccessKey ID `{masked}` is hard-coded in the template"))
                .note(NOTE)
                .help(HELP);
        }
    }
    // Names end in `secret`; find that cheaply, then look at the whole name around it.
    let mut ends: Vec<usize> = memmem::find_iter(bytes, b"ecret")
        .chain(memmem::find_iter(bytes, b"ECRET"))
        .map(|at| at + 5)
        .filter(|&end| end >= 6 && bytes[end - 6].eq_ignore_ascii_case(&b's'))
        .filter(|&end| !bytes.get(end).is_some_and(|&b| is_name_byte(b)))
        .collect();
    ends.sort_unstable();
    for end in ends {
        let start = bytes[..end].iter().rposition(|&b| !is_name_byte(b)).map_or(0, |i| i + 1);
        if !is_secret_name(&source[start..end]) {
            continue;
        }
        let mut j = end;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'=' | b':' | b'"' | b'\'') {
            j += 1;
        }
        let len = alnum_run(&bytes[j..]);
        if len == 30 && !bytes[j + len..].first().is_some_and(|&b| is_name_byte(b)) {
            let span = Span::new(j, j + len);
            let masked = mask(span.text(source));
            Diagnostic::push_new(diagnostics, &RULE, span, format!("AccessKey secret `{masked}` is hard-coded in the template"))
                .note(NOTE)
                .help(HELP);
        }
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn alnum_run(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count()
}

/// Whether a name ends in `access key secret`, ignoring case, `_` and `-`.
pub(crate) fn is_secret_name(name: &str) -> bool {
    const WANT: &[u8] = b"accesskeysecret";
    let mut want = WANT.iter().rev();
    let mut matched = 0;
    for b in name.bytes().rev().filter(|&b| b != b'_' && b != b'-') {
        match want.next() {
            Some(&w) if w == b.to_ascii_lowercase() => matched += 1,
            _ => return false,
        }
        if matched == WANT.len() {
            return true;
        }
    }
    false
}

/// Whether `name=value` is an AccessKey secret this rule reports.
pub(crate) fn is_access_key_secret(name: &str, value: &str) -> bool {
    is_secret_name(name) && value.len() == 30 && value.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// All but the last four characters replaced by `*`.
fn mask(secret: &str) -> String {
    let keep = secret.len().saturating_sub(4);
    let mut out = "*".repeat(keep);
    out.push_str(&secret[keep..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in ["ACCESS_KEY_SECRET", "AccessKeySecret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "--access-key-secret"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["SECRET", "ACCESS_KEY_ID", "KEY_SECRET", "ACCESS_KEY_SECRET_FILE"] {
            assert!(!is_secret_name(name), "{name}");
        }
        assert_eq!(mask("LTAI5tAbCdEf"), "********CdEf");
    }
}
