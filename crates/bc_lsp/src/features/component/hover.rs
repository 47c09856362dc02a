//! Hover in a YAML component: a finding's rule docs, an action's docs on its `Action:` value,
//! a property's docs on its key under `Properties:`.

use bc_component::{Action, Output, Property};
use tower_lsp_server::ls_types::Hover;

use super::cursor::task_at;
use crate::document::Document;
use crate::features::hover::{markdown_hover, rule_markdown};
use crate::registry;

/// The hover at `offset` of a YAML component.
pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    if let Some(finding) = doc.diagnostics.iter().find(|d| d.span.touches(offset))
        && let Some(rule) = registry::find_rule(finding.code)
    {
        return Some(markdown_hover(doc, rule_markdown(rule), finding.span));
    }
    let component = doc.component.as_ref()?;
    let task = task_at(component, offset)?;
    if let (Some(node), Some(action)) = (task.action_node, task.action)
        && node.span.touches(offset)
    {
        return Some(markdown_hover(doc, action_markdown(action), node.span));
    }
    let action = task.action?;
    let entry = task
        .properties?
        .entries()?
        .iter()
        .find(|entry| entry.key.span.touches(offset))?;
    let property = action.property(entry.key.as_str()?)?;
    Some(markdown_hover(
        doc,
        property_markdown(property),
        entry.key.span,
    ))
}

/// An action's documentation: what it does, where it runs, its output and properties.
pub fn action_markdown(action: &Action) -> String {
    let mut out = format!("**{}** — {}", action.name, action.docs);
    if let Some(system) = action.system {
        out.push_str(&format!("\n\n{} only.", system.as_str()));
    }
    match action.output {
        Output::Stdout => out.push_str("\n\nOutput: `stdout` (String), as `{{ <task>.stdout }}`."),
        Output::None => out.push_str("\n\nNo output."),
        Output::Unstated => {}
    }
    if !action.properties.is_empty() {
        out.push_str("\n\nProperties:");
        for property in action.properties {
            let required = if property.required { ", required" } else { "" };
            out.push_str(&format!(
                "\n- `{}` ({}{required})",
                property.name,
                property.ty.as_str()
            ));
        }
    }
    out
}

/// A property's documentation: its type, whether it is required, its default.
pub fn property_markdown(property: &Property) -> String {
    let required = if property.required {
        "required"
    } else {
        "optional"
    };
    let mut out = format!(
        "**{}** — {}, {required}\n\n{}",
        property.name,
        property.ty.as_str(),
        property.docs
    );
    if let Some(default) = property.default {
        out.push_str(&format!("\n\nDefault: `{default}`"));
    }
    out
}
