//! `full` (code frames drawn by ariadne) and `concise` (one line per finding); the summary line
//! after them is written by the caller, which may be streaming batches of files. Both are read
//! on terminals and in CI logs, so every text from the file or its name is escaped.

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report as Frame, ReportKind, Source};
use bc_lint::Severity;

use super::frame::View;
use super::location::{Positions, portable_path};
use super::report::Report;
use crate::escape::escape_controls;

pub enum Style {
    Full,
    Concise,
}

pub fn write(out: &mut impl Write, report: &Report<'_>, style: Style) -> io::Result<()> {
    for checked in report.results {
        if checked.diagnostics.is_empty() {
            continue;
        }
        let path = portable_path(&checked.path);
        let name = escape_controls(&path);
        let positions = Positions::new(&checked.source);
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
                        escape_controls(&diagnostic.message)
                    )?;
                }
                Style::Full => frame(out, report, &name, &checked.source, &positions, diagnostic)?,
            }
        }
    }
    Ok(())
}

fn frame(
    out: &mut impl Write,
    report: &Report<'_>,
    name: &str,
    source: &str,
    positions: &Positions<'_>,
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
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
    let view = View::new(
        source,
        positions.index(),
        spans.flat_map(|span| [span.start, span.end]),
    );
    let shown = |span: bc_syntax::Span| view.offset(span.start)..view.offset(span.end);
    let span = shown(diagnostic.span);
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
        .with_message(escape_controls(&diagnostic.message))
        .with_label(
            Label::new((name, span.clone()))
                .with_message(escape_controls(&label_text))
                .with_color(color),
        );
    for label in &diagnostic.labels {
        builder = builder.with_label(
            Label::new((name, shown(label.span)))
                .with_message(escape_controls(&label.message))
                .with_color(Color::Blue),
        );
    }
    if let Some(note) = &diagnostic.note {
        builder = builder.with_note(escape_controls(note));
    }
    if let Some(help) = &diagnostic.help {
        builder = builder.with_help(escape_controls(help));
    }
    if let Some(rule) = report.rule(diagnostic.code) {
        builder = builder.with_help(format!("see {}", rule.url()));
    }
    let lines = Source::from(view.text.as_str()).with_display_line_offset(view.first_line);
    let mut buffer = Vec::new();
    builder.finish().write((name, lines), &mut buffer)?;
    let at = positions.at(diagnostic.span.start);
    let line_start = view.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let view_column = view.text[line_start..span.start].chars().count() + 1;
    let view_lines = view.text.matches('\n').count() + 1;
    if view_column == at.column && view.first_line == 0 {
        return out.write_all(&buffer);
    }
    // ariadne writes UTF-8.
    let mut text = String::from_utf8_lossy(&buffer).into_owned();
    // The heading names the column in the view's line; where the line was cut, that is not the
    // file's column.
    if view_column != at.column {
        let drawn = format!("{name}:{}:{view_column} ", at.line);
        text = text.replacen(&drawn, &format!("{name}:{}:{} ", at.line, at.column), 1);
    }
    if view.first_line > 0 {
        text = renumber(&text, view.first_line, view_lines);
    }
    out.write_all(text.as_bytes())
}

/// ariadne 0.6 numbers the lines in a frame's margin from the first line of its source, ignoring
/// the display line offset it uses in the heading; this renumbers them from `first_line` (zero
/// based) and widens the margin for the larger numbers. `view_lines` is the number of lines of
/// the source ariadne drew from, which sets the margin's width.
fn renumber(frame: &str, first_line: usize, view_lines: usize) -> String {
    // The margin is a space, the line number right-aligned to the widest, and a space.
    let width = |lines: usize| lines.to_string().len() + 2;
    let (drawn, wanted) = (width(view_lines), width(first_line + view_lines));
    let mut out = String::with_capacity(frame.len() + frame.len() / 8);
    for line in frame.split_inclusive('\n') {
        // The margin's visible characters, and the colour escapes among them.
        let (mut margin, mut colors, mut end) = (String::new(), String::new(), 0);
        let mut chars = line.char_indices().peekable();
        while margin.chars().count() < drawn
            && let Some((i, c)) = chars.next()
        {
            if c == '\x1b' {
                let stop = line[i..].find('m').map_or(line.len(), |m| i + m + 1);
                colors.push_str(&line[i..stop]);
                while chars.next_if(|&(j, _)| j < stop).is_some() {}
                end = stop;
            } else {
                margin.push(c);
                end = i + c.len_utf8();
            }
        }
        let number = margin.trim().parse::<usize>().ok();
        let replaced = if margin.chars().count() < drawn {
            None
        } else if margin.chars().all(|c| c == ' ') {
            Some(" ".repeat(wanted))
        } else if margin.chars().all(|c| c == '─') {
            Some("─".repeat(wanted))
        } else {
            number.map(|n| format!("{:>width$} ", n + first_line, width = wanted - 1))
        };
        match replaced {
            Some(margin) => {
                let visible = margin.trim_start();
                out.push_str(&margin[..margin.len() - visible.len()]);
                out.push_str(&colors);
                out.push_str(visible);
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}
