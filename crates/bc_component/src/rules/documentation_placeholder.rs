//! BC308 in YAML components: the template rule's placeholder scan, over property values and
//! parameter defaults, reported once per value.

pub(crate) use bc_lint::rules::documentation_placeholder::RULE;

use bc_lint::rules::documentation_placeholder::placeholders;

use crate::checker::scalars;
use crate::{Checker, Node};

pub(crate) fn check(checker: &mut Checker<'_>) {
    let mut values: Vec<(&Node, bool)> = checker
        .property_scalars()
        .iter()
        .map(|&(_, property, node)| (node, property == "commandContent"))
        .collect();
    for parameter in checker.component.parameters() {
        if let Some(default) = parameter.default_value() {
            scalars(default, &mut |node| values.push((node, false)));
        }
    }
    for (node, shell) in values {
        let Some(value) = node.as_str() else { continue };
        let mut found = placeholders(value, shell);
        let Some(first) = found.next() else { continue };
        let more = found.count();
        let text = &value[first.clone()];
        let span = checker.value_span(node, first.start, first.end);
        let diagnostic = checker
            .report(
                &RULE,
                span,
                format!("`{text}` is a placeholder left from the documentation"),
            )
            .note("the service takes it literally, and the task fails when it runs")
            .help("replace it with the real value");
        if more > 0 {
            diagnostic.label(node.span, format!("this value has {more} more"));
        }
    }
}
