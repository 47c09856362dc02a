//! Parsing and linting a YAML component never panics, and every span, label and fix edit lies
//! on character boundaries inside the text.
#![no_main]

use bc_component::{Options, SystemType, is_yaml_component, lint, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = is_yaml_component(text);
    let component = parse(text);
    for system in [SystemType::Linux, SystemType::Windows] {
        let options = Options {
            system,
            ..Options::default()
        };
        for diagnostic in lint(&component, &options) {
            let spans = std::iter::once(diagnostic.span)
                .chain(diagnostic.labels.iter().map(|label| label.span))
                .chain(
                    diagnostic
                        .fixes
                        .iter()
                        .flat_map(|fix| fix.edits.iter().map(|edit| edit.span)),
                );
            for span in spans {
                assert!(
                    text.get(span.range()).is_some(),
                    "{} {span:?}",
                    diagnostic.code
                );
            }
        }
    }
});
