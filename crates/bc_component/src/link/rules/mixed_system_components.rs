use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::excerpt;

use crate::link::Linker;

declare_rule! {
    /// ## What it does
    /// Checks that one template does not call both Linux and Windows components. A component's
    /// system is its manifest's `system_type` (Linux without a manifest); a Dockerfile-format
    /// component is always Linux.
    ///
    /// ## Why is this bad?
    /// A pipeline builds one image on one operating system: the components of the other system
    /// cannot run on it, and the build fails when it reaches them.
    ///
    /// ## Example
    /// With `install-iis.imagecomponent.toml` saying `system_type = "Windows"`:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/install-iis/1.0.0
    /// ```
    ///
    /// ## Use instead
    /// Build the Windows image from its own pipeline and template:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/install-iis/1.0.0
    /// ```
    pub static RULE = {
        code: "BC705",
        name: "mixed-system-components",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    let mut called = linker.called();
    let Some((first, first_component)) = called.next() else {
        return;
    };
    let system = first_component.effective_system();
    // One finding per template, at the first call of the other system: the rest follow from it.
    let Some((other, other_component)) =
        called.find(|(_, component)| component.effective_system() != system)
    else {
        return;
    };
    Diagnostic::push_new(
        out,
        &RULE,
        other.reference,
        format!(
            "component `{other}` is for {other_system}, but this template also calls {system} components",
            other = excerpt(&other_component.name),
            other_system = other_component.effective_system().as_str(),
            system = system.as_str(),
        ),
    )
    .label(
        first.reference,
        format!(
            "`{name}` is for {system}",
            name = excerpt(&first_component.name),
            system = system.as_str()
        ),
    )
    .note("a pipeline builds one image on one operating system")
    .help("call the components of each system from its own template and pipeline");
}
