use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::excerpt;

use crate::ParameterType;
use crate::link::Linker;

declare_rule! {
    /// ## What it does
    /// Checks that a value passed on a `COMPONENT` line is of the type the called component
    /// declares for it: a `Number` parameter takes an integer or decimal number (`22`, `-1`,
    /// `2.5`), a `Boolean` one `true` or `false` in any case.
    ///
    /// ## Why is this bad?
    /// The component's commands receive text they were not written for (`PermitRootLogin
    /// {{ allow_root }}` with `allow_root` = `yes`), which fails or misconfigures the image late
    /// in the build.
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
    /// this template passes a word where a number is declared:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0 --port ssh
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0 --port 2222
    /// ```
    pub static RULE = {
        code: "BC703",
        name: "invalid-component-parameter-value",
        severity: Error,
        api_error: None,
        fix: None,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    let source = linker.source;
    for (call, component) in linker.called() {
        for param in &call.call.params {
            let (Some(name), Some(value)) = (param.name(source), param.value) else {
                continue;
            };
            let Some(ty) = component.parameter(name).and_then(|parameter| parameter.ty) else {
                continue;
            };
            let text = value.value(source);
            if ty.accepts(&text) {
                continue;
            }
            let expected = match ty {
                ParameterType::Number => "a number (an integer or a decimal)",
                ParameterType::Boolean => "`true` or `false`",
                ParameterType::String => continue,
            };
            Diagnostic::push_new(
                out,
                &RULE,
                value.span,
                format!(
                    "`{text}` is not a {ty} value for `--{name}`",
                    text = excerpt(&text),
                    ty = ty.as_str(),
                    name = excerpt(name)
                ),
            )
            .note(format!(
                "component `{component}` declares `{name}` as {ty}",
                component = excerpt(&component.name),
                name = excerpt(name),
                ty = ty.as_str()
            ))
            .help(format!("pass {expected}"));
        }
    }
}
