use bc_lint::{Diagnostic, Edit, Fix, declare_rule};
use bc_syntax::{LineIndex, Span};

use crate::Checker;
use crate::model::{Spanned, TemplateRole};

declare_rule! {
    /// ## What it does
    /// Lints inline templates (`build_content`, `test_content`) with the template rules
    /// (BC0xx–BC4xx), so they get the same checks as template files. When the TOML string maps
    /// byte for byte onto the template (a literal string `'…'`/`'''…'''`, or a basic string
    /// without escapes), each finding is reported under its own code at its exact place, fixes
    /// included. Otherwise (the string uses escapes such as `\n`) the finding is reported by
    /// this rule at the string, with the template line in the message.
    ///
    /// ## Why is this bad?
    /// The inline template is sent as `BuildContent`/`TestContent`; what the template rules
    /// catch in a file, such as `InvalidImageTemplateCommand.NotSupported` for an unknown
    /// command, the service rejects inline as well.
    ///
    /// ## Example
    /// ```toml
    /// build_content = "RUN yum install -y nginx\nINSTALL nginx"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// build_content = '''
    /// RUN yum install -y nginx
    /// '''
    /// ```
    /// or move the template into `build.buildcontent` and set `build = "build.buildcontent"`.
    pub static RULE = {
        code: "BC517",
        name: "invalid-inline-template",
        severity: Error,
        api_error: Some("InvalidImageTemplateCommand.NotSupported"),
        fix: None,
    }
}

pub fn check(checker: &mut Checker<'_>) {
    let m = checker.manifest;
    for (role, content, key) in [
        (TemplateRole::Build, &m.build_content, "build_content"),
        (TemplateRole::Test, &m.test_content, "test_content"),
    ] {
        let Some(content) = content else { continue };
        let parse = bc_syntax::parse(&content.value, role.file_kind());
        let findings = bc_lint::lint(&parse, checker.config);
        let mapping = map_string(checker.source, content);
        let index = LineIndex::new(&content.value);
        for finding in findings {
            match mapping {
                Some(mapping) => {
                    let shifted = shift(finding, mapping);
                    checker.diagnostics.push(shifted);
                }
                None => {
                    let line = index.line_col(finding.span.start).line + 1;
                    let diagnostic = checker.report(
                        &RULE,
                        content.span,
                        format!(
                            "`{key}` line {line}: {} ({})",
                            finding.message, finding.code
                        ),
                    );
                    diagnostic.severity = finding.severity;
                    diagnostic.note = finding.note;
                    diagnostic.help = finding.help;
                }
            }
        }
    }
}

/// How an inline string maps onto the manifest: the offset of its first byte and whether
/// replacement text may contain line breaks.
#[derive(Debug, Clone, Copy)]
struct Mapping {
    offset: usize,
    multiline: bool,
    delimiter: char,
}

fn map_string(source: &str, content: &Spanned<String>) -> Option<Mapping> {
    let raw = source.get(content.span.range())?;
    let (open, delimiter, multiline) = if raw.starts_with("'''") {
        (3, '\'', true)
    } else if raw.starts_with("\"\"\"") {
        (3, '"', true)
    } else if raw.starts_with('\'') {
        (1, '\'', false)
    } else if raw.starts_with('"') {
        (1, '"', false)
    } else {
        return None;
    };
    let inner = raw.get(open..raw.len().checked_sub(open)?)?;
    let skip = if multiline {
        if inner.starts_with("\r\n") {
            2
        } else {
            usize::from(inner.starts_with('\n'))
        }
    } else {
        0
    };
    let inner = &inner[skip..];
    (inner == content.value).then_some(Mapping {
        offset: content.span.start + open + skip,
        multiline,
        delimiter,
    })
}

fn shift(mut diagnostic: Diagnostic, mapping: Mapping) -> Diagnostic {
    let move_span = |span: Span| Span::new(span.start + mapping.offset, span.end + mapping.offset);
    diagnostic.span = move_span(diagnostic.span);
    for label in &mut diagnostic.labels {
        label.span = move_span(label.span);
    }
    let fits = |edit: &Edit| {
        !edit.replacement.contains([mapping.delimiter, '\\'])
            && (mapping.multiline || !edit.replacement.contains(['\n', '\r']))
    };
    diagnostic.fixes = diagnostic
        .fixes
        .into_iter()
        .filter(|fix| fix.edits.iter().all(fits))
        .map(|fix| Fix {
            edits: fix
                .edits
                .into_iter()
                .map(|edit| Edit::replace(move_span(edit.span), edit.replacement))
                .collect(),
            ..fix
        })
        .collect();
    diagnostic
}
