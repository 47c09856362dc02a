//! `full` (code frames drawn by ariadne) and `concise` (one line per finding); the summary line
//! after them is written by the caller, which may be streaming batches of files.

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report as Frame, ReportKind, Source};
use bc_lint::Severity;

use super::{Positions, Report, portable_path};

pub enum Style {
    Full,
    Concise,
}

pub fn write(out: &mut impl Write, report: &Report<'_>, style: Style) -> io::Result<()> {
    for checked in report.results {
        if checked.diagnostics.is_empty() {
            continue;
        }
        let name = portable_path(&checked.path);
        let positions = Positions::new(&checked.source);
        // One line table per file: ariadne splits the whole text into lines when a `Source` is
        // made, so making one per finding cost time in the square of the file's size.
        let lines = Source::from(checked.source.as_str());
        for diagnostic in &checked.diagnostics {
            match style {
                Style::Concise => {
                    let at = positions.at(diagnostic.span.start);
                    let marker = if diagnostic.safe_fix().is_some() {
                        " [*]"
                    } else {
                        ""
                    };
                    writeln!(
                        out,
                        "{name}:{}:{}: {} {}{marker} {}",
                        at.line,
                        at.column,
                        diagnostic.code,
                        diagnostic.severity.as_str(),
                        diagnostic.message
                    )?;
                }
                Style::Full => frame(out, report, &name, &lines, diagnostic)?,
            }
        }
    }
    Ok(())
}

fn frame(
    out: &mut impl Write,
    report: &Report<'_>,
    name: &str,
    lines: &Source<&str>,
    diagnostic: &bc_lint::Diagnostic,
) -> io::Result<()> {
    let (kind, color) = match diagnostic.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Info => (ReportKind::Advice, Color::Cyan),
    };
    let config = Config::default()
        .with_color(report.color)
        .with_index_type(IndexType::Byte);
    let span = diagnostic.span.range();
    let label_text = match diagnostic.fixes.first() {
        Some(fix) if fix.applicability == bc_lint::Applicability::Safe => {
            format!("fix: {}", fix.title)
        }
        Some(fix) => format!("unsafe fix: {}", fix.title),
        None => diagnostic.message.to_string(),
    };
    let mut builder = Frame::build(kind, (name, span.clone()))
        .with_config(config)
        .with_code(format!("{} {}", diagnostic.code, diagnostic.name))
        .with_message(&diagnostic.message)
        .with_label(
            Label::new((name, span))
                .with_message(label_text)
                .with_color(color),
        );
    for label in &diagnostic.labels {
        builder = builder.with_label(
            Label::new((name, label.span.range()))
                .with_message(&label.message)
                .with_color(Color::Blue),
        );
    }
    if let Some(note) = &diagnostic.note {
        builder = builder.with_note(note);
    }
    if let Some(help) = &diagnostic.help {
        builder = builder.with_help(help);
    }
    if let Some(rule) = report.rule(diagnostic.code) {
        builder = builder.with_help(format!("see {}", rule.url()));
    }
    let mut buffer = Vec::new();
    builder.finish().write((name, lines), &mut buffer)?;
    out.write_all(&buffer)
}
