use bc_syntax::{Body, KeywordKind, Span, excerpt, unquote};

use crate::rules::documentation_placeholder::placeholders;
use crate::rules::hardcoded_access_key::is_access_key_secret;
use crate::{Checker, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for `ENV` variables and `LABEL`s whose name says they hold a secret and whose value
    /// is a literal. A name matches when one of its parts (split at `_`, `-`, `.` and camelCase
    /// boundaries, ignoring case) is `PASSWORD`, `PASSWD`, `SECRET` or `TOKEN`, or two parts read
    /// `API KEY` or `PRIVATE KEY` — unless the last part says the value is not the secret itself
    /// (`_FILE`, `_PATH`, `_DIR`, `_URL`, `_NAME`, `_ID`, `_USER`, `_LENGTH`, `_TYPE`, …).
    /// Empty values, `$VAR`/`${VAR}` references and `{{ parameter }}` placeholders are not
    /// literals. AccessKey secrets are reported by BC401 instead.
    ///
    /// ## Why is this bad?
    /// Templates are stored by the service and readable by everyone with access to the
    /// pipeline, and `ENV` values may persist in the built image for every instance to read.
    ///
    /// ## Example
    /// ```buildcontent
    /// ENV DB_PASSWORD="s3cr3t" GITHUB_TOKEN="ghp_abc123"
    /// ```
    ///
    /// ## Use instead
    /// Fetch the secret when it is needed, e.g. from KMS Secrets Manager in a `RUN` step, or
    /// pass it to a component as a parameter from a pipeline you keep private:
    /// ```buildcontent
    /// RUN DB_PASSWORD="$(aliyun kms GetSecretValue --SecretName db-password | jq -r .SecretData)" /opt/app/init-db.sh
    /// ```
    pub static RULE = {
        code: "BC402",
        name: "secret-in-env",
        severity: Warning,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let env_and_labels = checker
        .commands_of(KeywordKind::Env)
        .chain(checker.commands_of(KeywordKind::Label));
    for command in env_and_labels {
        let what = match command.keyword.kind {
            KeywordKind::Env => "environment variable",
            KeywordKind::Label => "label",
            _ => continue,
        };
        match &command.body {
            Body::EnvSpace {
                key,
                value: Some(value),
            } => report(checker, what, key.span, *value),
            Body::Pairs(pairs) => {
                for pair in pairs {
                    if let Some(value) = pair.value {
                        report(checker, what, pair.key, value);
                    }
                }
            }
            _ => {}
        }
    }
}

fn report(checker: &mut Checker<'_>, what: &str, key: Span, value: Span) {
    let name = checker.text(key);
    let name = name.trim_matches(['"', '\'']);
    if !names_a_secret(name) {
        return;
    }
    let literal = unquote(checker.text(value));
    let literal = literal.trim();
    if literal.is_empty()
        || literal.starts_with('$')
        || literal.starts_with("{{")
        || is_access_key_secret(name, literal)
        // A documentation mask or placeholder (`"****"`, `<password>`) is BC308's finding.
        || placeholders(literal, false).next().is_some_and(|found| found.len() == literal.len())
    {
        return;
    }
    checker
        .report(&RULE, value, format!("{what} `{name}` is set to a literal secret", name = excerpt(name)))
        .note("templates are stored by the service and readable by everyone with access to the pipeline, and the value may persist in the image")
        .help("fetch the secret at build time (e.g. from KMS Secrets Manager) in the `RUN` step that needs it");
}

/// Whether a variable or label name says it holds a secret (see the rule docs).
fn names_a_secret(name: &str) -> bool {
    // Every word that makes a name secret contains `pass`, `secret`, `token` or `key`; most names
    // contain none, and one pass over the bytes for them is much cheaper than splitting the name
    // into words.
    let bytes = name.as_bytes();
    let has_at = |i: usize, word: &[u8]| {
        bytes
            .get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let hint = (0..bytes.len()).any(|i| match bytes[i].to_ascii_lowercase() {
        b'p' => has_at(i, b"pass"),
        b's' => has_at(i, b"secret"),
        b't' => has_at(i, b"token"),
        b'k' => has_at(i, b"key"),
        _ => false,
    });
    if !hint {
        return false;
    }
    const NOT_THE_SECRET: [&str; 17] = [
        "FILE", "PATH", "DIR", "URL", "URI", "NAME", "ID", "USER", "USERNAME", "LENGTH", "LEN",
        "TYPE", "ENABLED", "POLICY", "HOST", "PORT", "REQUIRED",
    ];
    let mut found = false;
    let mut previous = "";
    let mut last = "";
    for part in parts(name) {
        let is = |word: &str| part.eq_ignore_ascii_case(word);
        if is("PASSWORD")
            || is("PASSWD")
            || is("SECRET")
            || is("TOKEN")
            || (is("KEY")
                && (previous.eq_ignore_ascii_case("API")
                    || previous.eq_ignore_ascii_case("PRIVATE")))
        {
            found = true;
        }
        previous = part;
        last = part;
    }
    found
        && !NOT_THE_SECRET
            .iter()
            .any(|word| last.eq_ignore_ascii_case(word))
}

/// Splits `DB_PASSWORD`, `dbPassword` and `APIKey` into their words.
fn parts(name: &str) -> impl Iterator<Item = &str> {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            // Bytes of non-ASCII characters belong to words, so splits only happen at ASCII
            // punctuation, which are always character boundaries.
            if !b.is_ascii_alphanumeric() && b.is_ascii() {
                let part = &name[start..i];
                i += 1;
                start = i;
                if !part.is_empty() {
                    return Some(part);
                }
                continue;
            }
            let boundary = i > start
                && b.is_ascii_uppercase()
                && (bytes[i - 1].is_ascii_lowercase()
                    || (bytes[i - 1].is_ascii_uppercase()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)));
            if boundary {
                let part = &name[start..i];
                start = i;
                i += 1;
                return Some(part);
            }
            i += 1;
        }
        (start < bytes.len()).then(|| {
            let part = &name[start..];
            start = bytes.len();
            part
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "APIKey",
            "api-key",
            "GITHUB_TOKEN",
            "PRIVATE_KEY",
            "SECRET",
            "JWT_SECRET_KEY",
        ] {
            assert!(names_a_secret(name), "{name}");
        }
        for name in [
            "PASSWORD_FILE",
            "TOKEN_URL",
            "KEYWORD",
            "SECRETARY",
            "TOKENIZER",
            "KEY",
            "MONKEY",
        ] {
            assert!(!names_a_secret(name), "{name}");
        }
        assert_eq!(
            parts("myAPIKey_x").collect::<Vec<_>>(),
            ["my", "API", "Key", "x"]
        );
    }
}
