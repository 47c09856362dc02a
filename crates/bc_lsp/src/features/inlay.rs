//! `textDocument/inlayHint`: the wire size and command count against the service's limits, at the
//! end of the first line, e.g. `12.4 KB / 16 KB · 38 / 127 commands`.

use bc_syntax::{MAX_COMMANDS, MAX_CONTENT_BYTES};
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Position};

use crate::document::Document;

/// The size hint of a template.
pub fn hints(doc: &Document) -> Vec<InlayHint> {
    let Some(parse) = doc.parse.as_ref() else {
        return Vec::new();
    };
    let wire = bc_syntax::render(parse).len();
    let commands = parse.commands().count();
    let (_, first_line) = doc.text().line_at(0);
    let position = Position::new(0, crate::convert::Text::utf16_len(first_line));
    vec![InlayHint {
        position,
        label: InlayHintLabel::String(summary(wire, commands)),
        kind: None,
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(format!(
            "Wire form (what `bclint render` prints and submit sends): {wire} of {MAX_CONTENT_BYTES} bytes, {commands} of {MAX_COMMANDS} commands."
        ))),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }]
}

/// `12.4 KB / 16 KB · 38 / 127 commands`.
pub fn summary(wire_bytes: usize, commands: usize) -> String {
    let size = if wire_bytes < 1024 {
        format!("{wire_bytes} B")
    } else {
        format!("{:.1} KB", wire_bytes as f64 / 1024.0)
    };
    format!(
        "{size} / {} KB · {commands} / {MAX_COMMANDS} commands",
        MAX_CONTENT_BYTES / 1024
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn summary() {
        assert_eq!(
            super::summary(12_698, 38),
            "12.4 KB / 16 KB · 38 / 127 commands"
        );
        assert_eq!(super::summary(35, 2), "35 B / 16 KB · 2 / 127 commands");
    }
}
