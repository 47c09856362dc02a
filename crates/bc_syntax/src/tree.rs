//! A stable, readable dump of a [`Parse`], used by the parser's snapshot tests and `bclint`'s
//! debugging output.

use std::fmt::Write as _;

use crate::{Body, ComponentRefKind, Item, Parse, Span};

/// Prints the tree: one line per node, spans as `start..end`, text quoted with Rust escapes.
pub fn debug_tree(parse: &Parse) -> String {
    let source = parse.source();
    let quote = |span: Span| format!("{:?}", span.text(source));
    let mut out = String::new();
    let _ = writeln!(out, "{} template", parse.kind().name());
    for item in parse.items() {
        match item {
            Item::Blank(span) => {
                let _ = writeln!(out, "  Blank {span:?}");
            }
            Item::Comment(comment) => {
                let _ = writeln!(out, "  Comment {:?} {}", comment.span, quote(comment.span));
            }
            Item::Error(span) => {
                let _ = writeln!(out, "  Error {span:?} {}", quote(*span));
            }
            Item::Command(command) => {
                let command = parse.command(command);
                let keyword = command.keyword;
                let _ = writeln!(
                    out,
                    "  Command {:?} {:?} {}",
                    command.span,
                    keyword.kind,
                    quote(keyword.span)
                );
                for word in command.args() {
                    let _ = writeln!(out, "    Word {:?} {}", word.span, quote(word.span));
                }
                for comment in command.comments() {
                    let _ = writeln!(
                        out,
                        "    Comment {:?} {}",
                        comment.span,
                        quote(comment.span)
                    );
                }
                if command.is_continued() {
                    let _ = writeln!(out, "    Lines {:?}", command.lines());
                }
                write_body(&mut out, source, &command.body);
            }
        }
    }
    if !parse.errors().is_empty() {
        let _ = writeln!(out, "errors");
        for error in parse.errors() {
            let _ = writeln!(
                out,
                "  {:?} {:?}: {}",
                error.span, error.kind, error.message
            );
        }
    }
    out
}

fn write_body(out: &mut String, source: &str, body: &Body) {
    let quote = |span: Span| format!("{:?}", span.text(source));
    match body {
        Body::Plain => {}
        Body::EnvSpace { key, value } => {
            let value = value.map_or("<none>".to_owned(), quote);
            let _ = writeln!(out, "    EnvSpace key={} value={value}", quote(key.span));
        }
        Body::Pairs(pairs) => {
            for pair in pairs {
                let value = pair.value.map_or("<none>".to_owned(), quote);
                let _ = writeln!(out, "    Pair key={} value={value}", quote(pair.key));
            }
        }
        Body::Exec(exec) => {
            let _ = writeln!(out, "    Exec {:?}", exec.span);
            for element in &exec.elements {
                let kind = if element.is_string {
                    "string"
                } else {
                    "non-string"
                };
                let _ = writeln!(out, "      {kind} {}", quote(element.span));
            }
        }
        Body::Component(call) => {
            match &call.reference {
                None => {
                    let _ = writeln!(out, "    Reference <none>");
                }
                Some(reference) => {
                    let shape = match &reference.kind {
                        ComponentRefKind::Id => "Id".to_owned(),
                        ComponentRefKind::Other => "Other".to_owned(),
                        ComponentRefKind::Arn(arn) => {
                            let part = |s: Option<Span>| s.map_or("<none>".to_owned(), quote);
                            format!(
                                "Arn service={} region={} account={} type={} name={} sep={:?} version={}",
                                part(arn.service),
                                part(arn.region),
                                part(arn.account),
                                part(arn.resource_type),
                                part(arn.name),
                                arn.separator.map(|s| s.0),
                                part(arn.version)
                            )
                        }
                    };
                    let _ = writeln!(out, "    Reference {} {shape}", quote(reference.span));
                }
            }
            for param in &call.params {
                let value = param.value.map_or("<none>".to_owned(), |v| quote(v.span));
                let _ = writeln!(out, "    Param {} {value}", quote(param.flag.span));
            }
        }
    }
}
