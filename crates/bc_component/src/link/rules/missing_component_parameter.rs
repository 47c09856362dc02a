use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::excerpt;

use crate::link::Linker;

declare_rule! {
    /// ## What it does
    /// Checks that a `COMPONENT` line passes every parameter the called component declares
    /// without a `DefaultValue`.
    ///
    /// The component is the one in the repository whose name the ARN names (its manifest's
    /// `name`, else its file name), at the latest version the ARN's version pattern matches.
    ///
    /// ## Why is this bad?
    /// The service substitutes nothing for a parameter without a value: the component's
    /// commands run with `{{ name }}` unreplaced and fail, half an hour into a paid build.
    ///
    /// ## Example
    /// With `harden-ssh.imagecomponent.yaml`:
    /// ```yaml
    /// Parameters:
    ///   port:
    ///     Type: Number
    /// Tasks:
    ///   - Name: configure
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo "Port {{ port }}" >> /etc/ssh/sshd_config
    /// ```
    /// this template does not pass `--port`:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0 --port 2222
    /// ```
    pub static RULE = {
        code: "BC702",
        name: "missing-component-parameter",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    let source = linker.source;
    for (call, component) in linker.called() {
        let passed = |name: &str| {
            call.call
                .params
                .iter()
                .any(|param| param.name(source) == Some(name))
        };
        for parameter in &component.parameters {
            if !parameter.is_required() || passed(&parameter.name) {
                continue;
            }
            let name = excerpt(&parameter.name);
            let ty = parameter.ty.map_or("", |ty| ty.as_str());
            Diagnostic::push_new(
                out,
                &RULE,
                call.reference,
                format!(
                    "component `{component}` needs parameter `--{name}`",
                    component = excerpt(&component.name)
                ),
            )
            .note("it has no `DefaultValue`, so every call must pass it")
            .help(format!(
                "add `--{name} <{value}>` after the reference",
                value = if ty.is_empty() { "value" } else { ty }
            ));
        }
    }
}
