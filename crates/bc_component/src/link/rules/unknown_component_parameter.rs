use bc_lint::{Diagnostic, Edit, Fix, declare_rule};
use bc_syntax::excerpt;

use crate::checker::suggest;
use crate::link::Linker;

declare_rule! {
    /// ## What it does
    /// Checks for a `--name value` parameter on a `COMPONENT` line that the called component does
    /// not declare in its `Parameters`, and suggests the declared name it most likely means.
    ///
    /// The component is the one in the repository whose name the ARN names (its manifest's
    /// `name`, else its file name), at the latest version the ARN's version pattern matches.
    ///
    /// ## Why is this bad?
    /// A misspelt parameter is not passed: the component runs with its default, or the build
    /// fails half an hour in because a required parameter is missing.
    ///
    /// ## Example
    /// With `harden-ssh.imagecomponent.yaml`:
    /// ```yaml
    /// Parameters:
    ///   port:
    ///     Type: Number
    ///     DefaultValue: 22
    /// Tasks:
    ///   - Name: configure
    ///     Action: RunShellCommand
    ///     Properties:
    ///       commandContent: echo "Port {{ port }}" >> /etc/ssh/sshd_config
    /// ```
    /// this template misspells `--port`:
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0 --prot 2222
    /// ```
    ///
    /// ## Use instead
    /// ```buildcontent
    /// COMPONENT acs:ecs:cn-hangzhou:123456789:imagecomponent/harden-ssh/1.0.0 --port 2222
    /// ```
    ///
    /// ## Fix safety
    /// Renaming the parameter to the suggested one is unsafe: another declared parameter may be
    /// the one meant.
    pub static RULE = {
        code: "BC701",
        name: "unknown-component-parameter",
        severity: Error,
        api_error: None,
        fix: Sometimes,
    }
}

pub(crate) fn check(linker: &Linker<'_>, out: &mut Vec<Diagnostic>) {
    let source = linker.source;
    for (call, component) in linker.called() {
        let passed: Vec<&str> = call
            .call
            .params
            .iter()
            .filter_map(|param| param.name(source))
            .collect();
        for param in &call.call.params {
            // A flag without `--` or without a name is BC105's.
            let Some(name) = param.name(source).filter(|name| !name.is_empty()) else {
                continue;
            };
            if component.parameter(name).is_some() {
                continue;
            }
            let diagnostic = Diagnostic::push_new(
                out,
                &RULE,
                param.flag.span,
                format!(
                    "component `{component}` has no parameter `{name}`",
                    component = excerpt(&component.name),
                    name = excerpt(name)
                ),
            );
            let declared = component.parameters.iter().map(|p| p.name.as_str());
            let unpassed = declared.clone().filter(|name| !passed.contains(name));
            if let Some(suggestion) = suggest(name, unpassed) {
                diagnostic
                    .help(format!("did you mean `--{suggestion}`?"))
                    .fix(Fix::unsafe_(
                        format!("Rename to `--{suggestion}`"),
                        vec![Edit::replace(param.flag.span, format!("--{suggestion}"))],
                    ));
            } else if component.parameters.is_empty() {
                diagnostic.note("the component declares no parameters");
            } else {
                let mut declared: Vec<&str> = declared.collect();
                declared.sort_unstable();
                diagnostic.note(format!("it declares `--{}`", declared.join("`, `--")));
            }
        }
    }
}
