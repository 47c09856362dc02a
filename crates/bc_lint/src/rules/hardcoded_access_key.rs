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

const NOTE: &str = "templates and components are stored by the service and readable by everyone with access to them; the key grants API access until it is revoked";
const HELP: &str =
    "use a RAM role on the build instance (or an `OSSDownload` component), and revoke this key";

pub fn check(checker: &mut Checker<'_>) {
    scan(checker.source, &mut checker.diagnostics);
}

/// Appends this rule's findings in `source`, any text (a template, a YAML component), to
/// `diagnostics`.
pub fn scan(source: &str, diagnostics: &mut Vec<Diagnostic>) {
    for (span, what) in access_keys(source) {
        let masked = mask_access_key(span.text(source));
        Diagnostic::push_new(
            diagnostics,
            &RULE,
            span,
            format!("AccessKey {what} `{masked}` is hard-coded"),
        )
        .note(NOTE)
        .help(HELP);
    }
}

/// The AccessKey IDs (`"ID"`) and secrets (`"secret"`) in `source` that this rule reports, each
/// with its span: IDs in order, then secrets in order. The output masks them wherever it shows
/// them (frames, diffs, and messages and fixes that quote the text).
pub fn access_keys(source: &str) -> impl Iterator<Item = (Span, &'static str)> + '_ {
    let bytes = source.as_bytes();
    let ids = memmem::find_iter(bytes, b"LTAI").filter_map(move |at| {
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            return None;
        }
        let len = alnum_run(&bytes[at + 4..]);
        (12..=30)
            .contains(&len)
            .then(|| (Span::new(at, at + 4 + len), "ID"))
    });
    // Names end in `secret`; find that cheaply, then look at the whole name around it.
    let mut ends: Vec<usize> = memmem::find_iter(bytes, b"ecret")
        .chain(memmem::find_iter(bytes, b"ECRET"))
        .map(|at| at + 5)
        .filter(|&end| end >= 6 && bytes[end - 6].eq_ignore_ascii_case(&b's'))
        .filter(|&end| !bytes.get(end).is_some_and(|&b| is_name_byte(b)))
        .collect();
    ends.sort_unstable();
    let secrets = ends.into_iter().filter_map(move |end| {
        let start = bytes[..end]
            .iter()
            .rposition(|&b| !is_name_byte(b))
            .map_or(0, |i| i + 1);
        if !is_secret_name(&source[start..end]) {
            return None;
        }
        let mut j = end;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'=' | b':' | b'"' | b'\'') {
            j += 1;
        }
        let len = alnum_run(&bytes[j..]);
        (len == 30 && !bytes[j + len..].first().is_some_and(|&b| is_name_byte(b)))
            .then(|| (Span::new(j, j + len), "secret"))
    });
    ids.chain(secrets)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn alnum_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
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

/// How many characters at the end of a key stay readable, to tell keys apart.
const SHOWN: usize = 4;

/// All but the last four characters replaced by `*`, which keeps the key's length (and every
/// offset of a text it is masked in) and tells keys apart.
pub fn mask_access_key(secret: &str) -> String {
    let keep = secret.len().saturating_sub(SHOWN);
    let mut out = "*".repeat(keep);
    out.push_str(&secret[keep..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "ACCESS_KEY_SECRET",
            "AccessKeySecret",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            "--access-key-secret",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "SECRET",
            "ACCESS_KEY_ID",
            "KEY_SECRET",
            "ACCESS_KEY_SECRET_FILE",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
        assert_eq!(mask_access_key("LTAI5tAbCdEf"), "********CdEf");
    }

    #[test]
    fn finds_ids_and_secrets_in_order() {
        let text =
            "RUN x --id LTAI5tAbCdEfGhIjKlMn # AccessKeySecret=AbCdEfGhIjKlMnOpQrStUvWxYz0123 é\n";
        let found: Vec<(&str, &str)> = access_keys(text)
            .map(|(span, what)| (span.text(text), what))
            .collect();
        assert_eq!(
            found,
            [
                ("LTAI5tAbCdEfGhIjKlMn", "ID"),
                ("AbCdEfGhIjKlMnOpQrStUvWxYz0123", "secret")
            ]
        );
        assert_eq!(access_keys("RUN echo LTAI\n").count(), 0);
    }
}
