//! `textDocument/semanticTokens/full` and `/full/delta`.

use bc_syntax::{Body, Item, KeywordKind, Span};
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensEdit,
    SemanticTokensLegend,
};

use crate::convert::Text;
use crate::document::Document;

/// Token types, indexed by the `T_*` constants.
pub const TOKEN_TYPES: [SemanticTokenType; 8] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::COMMENT,
    SemanticTokenType::STRING,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::MACRO,
];
const T_KEYWORD: u32 = 0;
const T_COMMENT: u32 = 1;
const T_STRING: u32 = 2;
const T_PARAMETER: u32 = 3;
const T_VARIABLE: u32 = 4;
const T_PROPERTY: u32 = 5;
const T_NAMESPACE: u32 = 6;
const T_MACRO: u32 = 7;

/// Token modifiers, as bits.
pub const TOKEN_MODIFIERS: [SemanticTokenModifier; 2] = [
    SemanticTokenModifier::DEPRECATED,
    SemanticTokenModifier::DOCUMENTATION,
];
const M_DEPRECATED: u32 = 1;
const M_DOCUMENTATION: u32 = 2;

/// The legend advertised in the capabilities.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: TOKEN_MODIFIERS.to_vec(),
    }
}

/// The tokens of a template, encoded relative to each other, one line per token.
pub fn tokens(doc: &Document) -> Vec<SemanticToken> {
    let Some(parse) = doc.parse.as_ref() else {
        return Vec::new();
    };
    let source = &doc.text;
    let mut raw: Vec<(Span, u32, u32)> = Vec::new();
    let (directives, _) = bc_lint::directives(parse);
    for item in parse.items() {
        match item {
            Item::Comment(comment) => {
                if let Some(d) = directives.iter().find(|d| d.comment == comment.span) {
                    // `# bclint: ignore=` in documentation style, the codes as macros.
                    let mut at = comment.span.start;
                    for (_, span) in &d.codes {
                        raw.push((Span::new(at, span.start), T_COMMENT, M_DOCUMENTATION));
                        raw.push((*span, T_MACRO, 0));
                        at = span.end;
                    }
                    raw.push((Span::new(at, comment.span.end), T_COMMENT, M_DOCUMENTATION));
                } else {
                    raw.push((comment.span, T_COMMENT, 0));
                }
            }
            Item::Command(command) => {
                let command = parse.command(command);
                if command.keyword.kind != KeywordKind::Unknown {
                    let deprecated = if command.keyword.kind == KeywordKind::From {
                        M_DEPRECATED
                    } else {
                        0
                    };
                    raw.push((command.keyword.span, T_KEYWORD, deprecated));
                }
                for comment in command.comments() {
                    raw.push((comment.span, T_COMMENT, 0));
                }
                match &command.body {
                    Body::Component(call) => {
                        if let Some(reference) = &call.reference {
                            raw.push((reference.span, T_NAMESPACE, 0));
                        }
                        for param in &call.params {
                            raw.push((param.flag.span, T_PARAMETER, 0));
                            if let Some(value) = param.value {
                                raw.push((value.span, T_STRING, 0));
                            }
                        }
                    }
                    Body::EnvSpace { key, value } => {
                        raw.push((key.span, T_VARIABLE, 0));
                        if let Some(value) = value {
                            raw.push((*value, T_STRING, 0));
                        }
                    }
                    Body::Pairs(pairs) => {
                        let key_type = if command.keyword.kind == KeywordKind::Env {
                            T_VARIABLE
                        } else {
                            T_PROPERTY
                        };
                        for pair in pairs {
                            raw.push((pair.key, key_type, 0));
                            if let Some(value) = pair.value {
                                raw.push((value, T_STRING, 0));
                            }
                        }
                    }
                    Body::Exec(exec) => {
                        for element in exec.elements.iter().filter(|e| e.is_string) {
                            raw.push((element.span, T_STRING, 0));
                        }
                    }
                    Body::Plain => {
                        for word in command.args() {
                            let text = word.text(source);
                            if text.starts_with(['"', '\'']) {
                                raw.push((word.span, T_STRING, 0));
                            }
                        }
                    }
                }
            }
            Item::Blank(_) | Item::Error(_) => {}
        }
    }
    raw.sort_by_key(|(span, _, _)| (span.start, span.end));
    encode(doc.text(), &raw)
}

/// Splits multi-line spans per line (clients need not support multi-line tokens), drops overlaps
/// and empty pieces, and encodes relative positions in UTF-16.
fn encode(text: Text<'_>, raw: &[(Span, u32, u32)]) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(raw.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    let mut covered = 0usize;
    for &(span, token_type, modifiers) in raw {
        if span.start < covered || span.is_empty() {
            continue;
        }
        covered = span.end;
        let mut start = span.start;
        while start < span.end {
            let (line_start, line) = text.line_at(start);
            let line_end = (line_start + line.len()).min(span.end);
            if line_end > start {
                let piece = &text.text[start..line_end];
                let pos = text.position(start);
                let delta_line = pos.line - prev_line;
                let delta_start = if delta_line == 0 {
                    pos.character - prev_col
                } else {
                    pos.character
                };
                out.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: Text::utf16_len(piece),
                    token_type,
                    token_modifiers_bitset: modifiers,
                });
                prev_line = pos.line;
                prev_col = pos.character;
            }
            // Move to the next line's start.
            match text.line_start(text.line_of(start) + 1) {
                Some(next) if next > start => start = next,
                _ => break,
            }
        }
    }
    out
}

/// The full result with its id.
pub fn full(result_id: String, data: Vec<SemanticToken>) -> SemanticTokens {
    SemanticTokens {
        result_id: Some(result_id),
        data,
    }
}

/// One edit turning `old` into `new` (in units of the flattened integer array).
pub fn delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    if prefix == old.len() && prefix == new.len() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: ((old.len() - prefix - suffix) * 5) as u32,
        data: Some(new[prefix..new.len() - suffix].to_vec()),
    }]
}
