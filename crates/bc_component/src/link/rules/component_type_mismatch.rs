use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::{FileKind, excerpt};

use crate::link::{ComponentType, Linker};

declare_rule! {
    /// ## What it does
    /// Checks that a build template calls only Build components and a test template only Test
    /// components. A component's type is its manifest's `component_type` (`Build` without a
    /// manifest, as the service defaults).
    ///
    /// ## Why is this bad?
    /// The service refuses the pipeline with `InvalidImageComponent.NotSupported`.
    ///
    /// ## Example
    /// With `smoke-test.imagecomponent.toml` saying `component_type = "Test"`, this build
    /// template calls it:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/smoke-test/1.0.0
    /// ```
    ///
    /// ## Use instead
    /// Call it from the test template (`test` of `imagepipeline.toml`):
    /// ```testcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/smoke-test/1.0.0
    /// ```
    pub static RULE = {
        code: "BC704",
        name: "component-type-mismatch",
        severity: Error,
        api_error: Some("InvalidImageComponent.NotSupported"),
        fix: None,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    let (expected, template) = match linker.kind {
        FileKind::Build => (ComponentType::Build, "build"),
        FileKind::Test => (ComponentType::Test, "test"),
        FileKind::Component => return,
    };
    for (call, component) in linker.called() {
        if component.component_type == expected {
            continue;
        }
        Diagnostic::push_new(
            out,
            &RULE,
            call.reference,
            format!(
                "component `{name}` is a {actual} component; a {template} template can only call {expected} components",
                name = excerpt(&component.name),
                actual = component.component_type.as_str(),
                expected = expected.as_str(),
            ),
        )
        .note("the service refuses the pipeline with `InvalidImageComponent.NotSupported`")
        .help(match expected {
            ComponentType::Build => "call it from the test template, or set `component_type = \"Build\"` in its manifest",
            ComponentType::Test => "call it from the build template, or set `component_type = \"Test\"` in its manifest",
        });
    }
}
