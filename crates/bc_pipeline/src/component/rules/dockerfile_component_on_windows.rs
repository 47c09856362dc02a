use bc_component::SystemType;
use bc_component::link::ComponentFormat;
use bc_lint::declare_rule;

use crate::component::checker::{ComponentChecker, ContentFile};

declare_rule! {
    /// ## What it does
    /// Checks that a component whose manifest says `system_type = "Windows"` is written in YAML:
    /// Dockerfile-format components run on Linux only.
    ///
    /// ## Why is this bad?
    /// The commands of a Dockerfile-format component (`RUN`, `ENV`, `COPY`) are run by a Linux
    /// shell; on a Windows build instance the component fails.
    ///
    /// ## Example
    /// With `iis.imagecomponent` holding `RUN Install-WindowsFeature Web-Server`:
    /// ```toml
    /// system_type = "Windows"
    /// ```
    ///
    /// ## Use instead
    /// Write the component in YAML, with `RunPowerShellCommand` tasks, and keep:
    /// ```toml
    /// system_type = "Windows"
    /// ```
    pub static RULE = {
        code: "BC533",
        name: "dockerfile-component-on-windows",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub fn check(checker: &mut ComponentChecker<'_>) {
    let Some(system_type) = &checker.manifest.system_type else {
        return;
    };
    if checker.manifest.system_type() == SystemType::Windows
        && *checker.content == ContentFile::Read(ComponentFormat::Dockerfile)
    {
        checker
            .report(
                &RULE,
                system_type.span,
                "a Dockerfile-format component cannot run on Windows",
            )
            .note("Dockerfile-format components are Linux-only")
            .help("rewrite the component in YAML with `RunPowerShellCommand` tasks");
    }
}
