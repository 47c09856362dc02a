//! Terraform and ROS files: the files their image resources name with `file("…")`, read as a
//! manifest's templates are, and their findings.

use std::path::Path;

use bc_embedded::{Extraction, Host, Resource, ResourceKind, Value, extract};
use bc_lint::{Config, Diagnostic};
use bc_pipeline::{TemplateFile, TemplateRole};

use crate::manifest::{ResolvedTemplate, load_template};
use crate::repository;

/// A file an image resource names, as read.
#[derive(Debug, Clone)]
pub struct Referenced {
    /// The resource that names it.
    pub resource: Resource,
    /// What was found, for the rules about the file (BC520, BC521).
    pub file: TemplateFile,
    /// Where it is and its text, when it could be read.
    pub template: ResolvedTemplate,
}

/// What [`lint_host`] found.
#[derive(Debug, Clone, Default)]
pub struct HostFindings {
    /// The findings in the host file.
    pub diagnostics: Vec<Diagnostic>,
    /// The files its resources name.
    pub referenced: Vec<Referenced>,
}

/// Lints `text`, the Terraform or ROS file at `path`: its embedded templates, its resources'
/// arguments, and whether the files they name can be read (inside the repository unless
/// `allow_outside_repository`; `open` as for [`crate::manifest::load_templates`]). A file
/// without image resources is not parsed and has no findings.
pub fn lint_host(
    path: &Path,
    host: Host,
    text: &str,
    config: &Config,
    allow_outside_repository: bool,
    open: &dyn Fn(&Path) -> Option<String>,
) -> HostFindings {
    let extraction = extract(host, text);
    if extraction == Extraction::default() {
        return HostFindings::default();
    }
    let referenced = load_referenced(path, &extraction, allow_outside_repository, open);
    let files = |written: &str| {
        referenced
            .iter()
            .find(|r| r.template.written == written)
            .map(|r| r.file.clone())
    };
    let diagnostics = bc_embedded::lint(host, text, &extraction, config, &files);
    HostFindings {
        diagnostics,
        referenced,
    }
}

impl Referenced {
    /// The findings in the file itself, linted as its resource uses it, when it was read.
    pub fn lint(&self, config: &Config) -> Option<Vec<Diagnostic>> {
        let source = self.template.source.as_deref()?;
        Some(bc_embedded::lint_referenced(&self.resource, source, config))
    }
}

fn load_referenced(
    path: &Path,
    extraction: &Extraction,
    allow_outside_repository: bool,
    open: &dyn Fn(&Path) -> Option<String>,
) -> Vec<Referenced> {
    let root = repository::root(repository::parent(path));
    let mut referenced = Vec::new();
    for resource in &extraction.resources {
        for argument in &resource.arguments {
            let Value::File { path: written } = &argument.value else {
                continue;
            };
            let role = match (resource.kind, argument.key) {
                (ResourceKind::Pipeline, "test_content") => TemplateRole::Test,
                _ => TemplateRole::Build,
            };
            let (file, template) = load_template(
                path,
                &root,
                role,
                written.clone(),
                allow_outside_repository,
                open,
            );
            referenced.push(Referenced {
                resource: resource.clone(),
                file,
                template,
            });
        }
    }
    referenced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_file_is_read_and_linted_in_its_resource_context() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join("build.buildcontent"), "RUN yum install x\n").unwrap();
        let tf_path = dir.path().join("main.tf");
        let tf = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = file(\"build.buildcontent\")\n  test_content_x = file(\"../outside\")\n}\nresource \"alicloud_ecs_image_component\" \"c\" {\n  content = file(\"../outside.imagecomponent\")\n}\n";
        let found = lint_host(
            &tf_path,
            Host::Terraform,
            tf,
            &Config::default(),
            false,
            &|_| None,
        );
        let codes: Vec<_> = found.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["BC521"],
            "the component's file is outside the repository"
        );
        assert_eq!(found.referenced.len(), 2);
        let inside = found.referenced[0].lint(&Config::default()).unwrap();
        assert_eq!(inside.iter().map(|d| d.code).collect::<Vec<_>>(), ["BC303"]);
        assert_eq!(found.referenced[1].lint(&Config::default()), None);
    }
}
