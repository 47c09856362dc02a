//! Links between a template and the components its `COMPONENT` lines call (design.md §1,
//! "component linkage"): rules BC701–BC706.
//!
//! What a called component declares comes from whoever knows it, as a [`CalledComponent`]: the
//! project index for components in the repository, the service for cloud ones. The rules see
//! only that description, so the command line, the language server and an online check report
//! the same findings at the same places.
//!
//! ```
//! use bc_component::link::{CalledComponent, CalledParameter, lint_calls};
//! use bc_component::ParameterType;
//! let template = "COMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/ssh/1.0.0 --prot 22\n";
//! let parse = bc_syntax::parse(template, bc_syntax::FileKind::Build);
//! let ssh = CalledComponent {
//!     parameters: vec![CalledParameter::new("port", Some(ParameterType::Number), None)],
//!     ..CalledComponent::new("ssh")
//! };
//! let findings = lint_calls(&parse, |_| vec![ssh.clone()], &Default::default());
//! let codes: Vec<_> = findings.iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["BC702", "BC701"]);
//! ```

mod called;
mod linker;
pub mod rules;
mod version;

pub use called::{CalledComponent, CalledParameter, ComponentFormat, ComponentType};
pub use linker::{Call, Linker};
pub use version::{Version, matches_pattern};

use bc_lint::{Config, Diagnostic};
use bc_syntax::Parse;

/// Checks every `COMPONENT` reference of a template against the components `resolve` finds by
/// ARN name or `ic-` id (every known version of that name; none when it names no known
/// component), with the rules `config` enables. Suppression comments apply as for the template's
/// own findings; the findings are sorted by position, then code. Components call no components
/// and are not checked.
pub fn lint_calls(
    parse: &Parse,
    resolve: impl FnMut(&str) -> Vec<CalledComponent>,
    config: &Config,
) -> Vec<Diagnostic> {
    let linker = Linker::new(parse, resolve);
    if linker.calls.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = Vec::new();
    for (rule, check) in rules::RULES {
        if config.is_enabled(rule) {
            check(&linker, &mut diagnostics);
        }
    }
    bc_lint::remove_suppressed(parse, &mut diagnostics);
    bc_lint::finalize(diagnostics, config)
}
