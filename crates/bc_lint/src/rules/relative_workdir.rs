use bc_syntax::{KeywordKind, excerpt};

use crate::rules::documentation_placeholder::placeholders;
use crate::{Checker, Edit, Fix, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for a `WORKDIR` with a relative path (not starting with `/`) when no earlier
    /// `WORKDIR` has set an absolute directory. Paths starting with a variable (`$HOME`,
    /// `${APP_DIR}`) are not reported, and count as absolute for later `WORKDIR`s.
    ///
    /// ## Why is this bad?
    /// The directory the build starts in is not documented, so a relative `WORKDIR` resolves to
    /// a place you cannot know; later `RUN` and `COPY` commands then read and write elsewhere
    /// than intended.
    ///
    /// ## Example
    /// ```buildcontent
    /// WORKDIR app
    /// RUN ./install.sh
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// WORKDIR /opt/app
    /// RUN ./install.sh
    /// ```
    ///
    /// ## Fix safety
    /// Prefixing the path with `/` is unsafe: the intended parent directory may be another one.
    pub static RULE = {
        code: "BC302",
        name: "relative-workdir",
        severity: Warning,
        api_error: None,
        fix: Sometimes,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let mut absolute_seen = false;
    for command in checker.commands_of(KeywordKind::Workdir) {
        let Some(word) = command.args().first() else {
            continue;
        };
        let raw = checker.text(word.span);
        let path = raw.trim_start_matches(['"', '\'']);
        if path.starts_with(['/', '$']) {
            absolute_seen = true;
            continue;
        }
        // `WORKDIR <path1>/<path2>` is a placeholder from the documentation, which BC308
        // reports; whether the real path is relative is not known yet.
        if absolute_seen || placeholders(raw, false).next().is_some() {
            continue;
        }
        let quote = raw.len() - path.len();
        let diagnostic = checker
            .report(&RULE, word.span, format!("`WORKDIR {raw}` is relative, and no earlier `WORKDIR` is absolute", raw = excerpt(raw)))
            .note("the directory the build starts in is not documented, so a relative path resolves to an unknown place");
        if path.starts_with('~') {
            diagnostic.help("write the home directory out, e.g. `/root`");
        } else {
            diagnostic.fix(Fix::unsafe_(
                format!(
                    "Use `/{path}`",
                    path = excerpt(path.trim_end_matches(['"', '\'']))
                ),
                vec![Edit::insert(word.span.start + quote, "/")],
            ));
        }
    }
}
