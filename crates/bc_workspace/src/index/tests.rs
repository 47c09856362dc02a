use std::path::{Path, PathBuf};

use bc_component::{ParameterType, SystemType};

use super::*;

const ARN: &str = "acs:ecs:cn-hangzhou:123456789012:imagecomponent";

/// A repository in a temporary directory; `write` creates files with their directories.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        Repo { _dir: dir, root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn paths(repo: &Repo, relative: &[&str]) -> Vec<PathBuf> {
    relative.iter().map(|r| repo.path(r)).collect()
}

fn names<'i>(components: &[IndexedComponent<'i>]) -> Vec<(&'i str, &'i Path)> {
    components.iter().map(|c| (c.name, c.path)).collect()
}

const YAML: &str = "Parameters:\n  version:\n    Type: String\n    DefaultValue: '1.24'\n  port:\n    Type: Number\nTasks:\n  - Name: install\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n";

#[test]
fn components_in_both_formats_with_and_without_manifests() {
    let repo = Repo::new();
    repo.write("c/plain.imagecomponent", "RUN yum install -y nginx\n");
    repo.write("c/yaml.imagecomponent", YAML);
    repo.write("c/named.imagecomponent.yml", YAML);
    repo.write(
        "c/named.imagecomponent.toml",
        "region = \"cn-hangzhou\"\nname = \"web\"\nversion = \"1.2.3\"\ncomponent_type = \"Test\"\nsystem_type = \"Windows\"\n",
    );
    let index = ProjectIndex::build(&repo.root);
    assert_eq!(index.len(), 4);

    let plain = index.components_named("plain");
    assert_eq!(
        names(&plain),
        [("plain", repo.path("c/plain.imagecomponent").as_path())]
    );
    let plain = plain[0];
    assert_eq!(plain.format, ComponentFormat::Dockerfile);
    assert_eq!(
        (
            plain.component_type,
            plain.system_type,
            plain.version,
            plain.manifest_path
        ),
        (ComponentType::Build, SystemType::Linux, None, None),
        "without a manifest, the service's defaults"
    );
    assert!(plain.parameters.is_empty());

    let yaml = index.components_named("yaml");
    assert_eq!(yaml[0].format, ComponentFormat::Yaml, "YAML by content");
    assert_eq!(
        yaml[0].parameters,
        [
            CalledParameter::new("version", Some(ParameterType::String), Some("1.24")),
            CalledParameter::new("port", Some(ParameterType::Number), None),
        ]
    );

    assert_eq!(
        index.called_components("yaml"),
        [bc_component::link::CalledComponent {
            parameters: yaml[0].parameters.to_vec(),
            ..bc_component::link::CalledComponent::new("yaml")
        }],
        "what the link rules see of it"
    );

    assert!(
        index.components_named("named").is_empty(),
        "the manifest names it"
    );
    let web = index.components_named("web");
    assert_eq!(
        names(&web),
        [("web", repo.path("c/named.imagecomponent.yml").as_path())]
    );
    let web = web[0];
    assert_eq!(web.format, ComponentFormat::Yaml, "YAML by name");
    assert_eq!(web.version, Some("1.2.3"));
    assert_eq!(web.component_type, ComponentType::Test);
    assert_eq!(web.system_type, SystemType::Windows);
    let manifest_path = repo.path("c/named.imagecomponent.toml");
    assert_eq!(web.manifest_path, Some(manifest_path.as_path()));
    let manifest = web.manifest.unwrap();
    let text = std::fs::read_to_string(&manifest_path).unwrap();
    let name = manifest.name.as_ref().unwrap();
    assert_eq!(
        name.span.text(&text),
        "\"web\"",
        "the span points at the declaration"
    );
    assert_eq!(manifest.region.as_ref().unwrap().value, "cn-hangzhou");
}

#[test]
fn several_versions_of_a_name_and_a_manifest_with_content() {
    let repo = Repo::new();
    repo.write("v1/web.imagecomponent", "RUN echo 1\n");
    repo.write(
        "v1/web.imagecomponent.toml",
        "name = \"web\"\nversion = \"1.0.0\"\n",
    );
    repo.write("v2/src/main.imagecomponent", "RUN echo 2\n");
    repo.write(
        "v2/web.imagecomponent.toml",
        "name = \"web\"\nversion = \"2.0.0\"\ncontent = \"./src/../src/main.imagecomponent\"\n",
    );
    let index = ProjectIndex::build(&repo.root);
    let web = index.components_named("web");
    let versions: Vec<_> = web.iter().map(|c| (c.version, c.path)).collect();
    assert_eq!(
        versions,
        [
            (Some("1.0.0"), repo.path("v1/web.imagecomponent").as_path()),
            (
                Some("2.0.0"),
                repo.path("v2/src/main.imagecomponent").as_path()
            ),
        ]
    );
    assert!(index.components_named("main").is_empty());
}

#[test]
fn manifests_referencing_a_template_nearest_first() {
    let repo = Repo::new();
    let template = repo.write("app/t/build.buildcontent", "RUN a\n");
    repo.write(
        "app/t/imagepipeline.toml",
        "build = \"build.buildcontent\"\n",
    );
    repo.write(
        "app/web.imagepipeline.toml",
        "build = \"t/./build.buildcontent\"\n",
    );
    repo.write(
        "imagepipeline.toml",
        "build = \"app/t/build.buildcontent\"\n",
    );
    repo.write(
        "other/imagepipeline.toml",
        "test = \"../app/t/build.buildcontent\"\n",
    );
    repo.write(
        "other/x.imagepipeline.toml",
        "build = \"build.buildcontent\"\n",
    );
    let index = ProjectIndex::build(&repo.root);
    assert_eq!(
        index.manifests_referencing(&template),
        paths(
            &repo,
            &[
                "app/t/imagepipeline.toml",
                "app/web.imagepipeline.toml",
                "imagepipeline.toml",
                "other/imagepipeline.toml",
            ]
        )
    );
    assert_eq!(
        index.dependents(&template),
        paths(
            &repo,
            &[
                "app/t/build.buildcontent",
                "app/t/imagepipeline.toml",
                "app/web.imagepipeline.toml",
                "imagepipeline.toml",
                "other/imagepipeline.toml",
            ]
        )
    );
    let manifest = repo.path("other/x.imagepipeline.toml");
    assert_eq!(
        index.dependents(&manifest),
        [manifest.as_path()],
        "a manifest: itself"
    );
}

#[test]
fn a_component_change_rechecks_the_templates_naming_it() {
    let repo = Repo::new();
    let component = repo.write("c/web.imagecomponent", "RUN echo web\n");
    let manifest = repo.write("c/web.imagecomponent.toml", "name = \"nginx\"\n");
    let user = repo.write(
        "t/a.buildcontent",
        &format!("COMPONENT {ARN}/nginx/1.0.0 --port 80\nCOMPONENT ic-abc123\n"),
    );
    repo.write("t/b.testcontent", &format!("COMPONENT {ARN}/other/1.*.*\n"));
    let mut index = ProjectIndex::build(&repo.root);
    assert_eq!(
        index.dependents(&component),
        [component.clone(), manifest.clone(), user.clone()]
    );
    assert_eq!(
        index.dependents(&manifest),
        [component.clone(), manifest.clone(), user.clone()]
    );

    // Renamed from nginx to other: the templates naming either are re-checked.
    std::fs::write(&manifest, "name = \"other\"\n").unwrap();
    let recheck = index.update(&manifest);
    assert_eq!(
        recheck,
        vec![
            component.clone(),
            manifest.clone(),
            user.clone(),
            repo.path("t/b.testcontent"),
        ]
    );
    assert!(index.components_named("nginx").is_empty());
    assert_eq!(index.components_named("other")[0].path, component);
    assert_eq!(
        index.update(&repo.path("t/b.testcontent")),
        [repo.path("t/b.testcontent")],
        "a template without manifests re-checks itself"
    );

    // The manifest deleted: the component takes its file's name again.
    std::fs::remove_file(&manifest).unwrap();
    let recheck = index.remove(&manifest);
    assert_eq!(recheck, [component.clone(), repo.path("t/b.testcontent")]);
    assert_eq!(index.components_named("web")[0].manifest_path, None);
}

#[test]
fn renaming_a_file_moves_its_links() {
    let repo = Repo::new();
    let old = repo.write("c/old.imagecomponent", "RUN echo\n");
    let user = repo.write("t.buildcontent", &format!("COMPONENT {ARN}/new/1.0.0\n"));
    let mut index = ProjectIndex::build(&repo.root);
    assert!(index.components_named("new").is_empty());

    let new = repo.path("c/new.imagecomponent");
    std::fs::rename(&old, &new).unwrap();
    assert_eq!(index.remove(&old), Vec::<PathBuf>::new());
    assert_eq!(index.update(&new), [new.clone(), user]);
    assert!(index.components_named("old").is_empty());
    assert_eq!(index.components_named("new")[0].path, new);
    assert!(!index.contains(&old));
}

#[test]
fn creating_a_template_rechecks_the_manifests_that_named_it() {
    let repo = Repo::new();
    let manifest = repo.write("imagepipeline.toml", "build = \"b.buildcontent\"\n");
    let mut index = ProjectIndex::build(&repo.root);
    let template = repo.write("b.buildcontent", "RUN a\n");
    assert_eq!(
        index.update(&template),
        [template.clone(), manifest.clone()]
    );
    std::fs::remove_file(&template).unwrap();
    assert_eq!(
        index.update(&template),
        [manifest],
        "deleted: only the manifest"
    );
}

#[test]
fn open_documents_win_over_the_disk() {
    let repo = Repo::new();
    let template = repo.write("b.buildcontent", "RUN a\n");
    let manifest = repo.write("imagepipeline.toml", "build = \"other.buildcontent\"\n");
    let mut index = ProjectIndex::build(&repo.root);
    assert!(index.manifests_referencing(&template).is_empty());

    let unsaved = "build = \"b.buildcontent\"\n".to_owned();
    assert_eq!(index.overlay(&manifest, unsaved), [manifest.as_path()]);
    assert_eq!(index.manifests_referencing(&template), [manifest.as_path()]);
    // A watcher's re-read of the unchanged disk does not undo the editor's text, nor does the
    // file's deletion.
    index.update(&manifest);
    assert_eq!(index.manifests_referencing(&template), [manifest.as_path()]);
    std::fs::remove_file(&manifest).unwrap();
    assert_eq!(index.remove(&manifest), [manifest.as_path()]);
    assert_eq!(index.manifests_referencing(&template), [manifest.as_path()]);

    // Closed: the disk (where the file is gone) counts again.
    assert_eq!(index.remove_overlay(&manifest), Vec::<PathBuf>::new());
    assert!(index.manifests_referencing(&template).is_empty());
    assert!(!index.contains(&manifest));
}

#[test]
fn a_new_unsaved_component_is_found_by_name() {
    let repo = Repo::new();
    let user = repo.write("t.buildcontent", &format!("COMPONENT {ARN}/fresh/1.0.0\n"));
    let mut index = ProjectIndex::build(&repo.root);
    let component = repo.path("fresh.imagecomponent");
    assert_eq!(
        index.overlay(&component, YAML.to_owned()),
        [component.clone(), user]
    );
    let fresh = index.components_named("fresh");
    assert_eq!(fresh[0].format, ComponentFormat::Yaml);
    assert_eq!(fresh[0].parameters.len(), 2);
}

#[test]
fn gitignored_and_hidden_files_are_skipped() {
    let repo = Repo::new();
    repo.write(".gitignore", "build/\n*.generated.buildcontent\n");
    repo.write("build/out.imagecomponent", "RUN echo\n");
    repo.write("a.generated.buildcontent", "RUN echo\n");
    repo.write(".cache/c.imagecomponent", "RUN echo\n");
    let kept = repo.write("kept.buildcontent", "RUN echo\n");
    let index = ProjectIndex::build(&repo.root);
    assert_eq!(index.len(), 1);
    assert!(index.contains(&kept));
    assert!(index.components_named("out").is_empty());
}

#[test]
fn files_outside_the_repository_are_not_indexed() {
    let repo = Repo::new();
    let outside = repo._dir.path().join("outside.imagecomponent");
    std::fs::write(&outside, "RUN echo\n").unwrap();
    let mut index = ProjectIndex::build(&repo.root);
    assert_eq!(
        index.update_with_text(&outside, "RUN echo\n"),
        Vec::<PathBuf>::new()
    );
    assert_eq!(
        index.overlay(&outside, "RUN echo\n".into()),
        Vec::<PathBuf>::new()
    );
    assert!(index.is_empty());
}

#[cfg(unix)]
#[test]
fn symbolic_links_leaving_the_repository_are_not_followed() {
    use std::os::unix::fs::symlink;
    let repo = Repo::new();
    let outside = repo._dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("far.imagecomponent"), "RUN echo\n").unwrap();
    symlink(&outside, repo.path("linked-dir")).unwrap();
    symlink(
        outside.join("far.imagecomponent"),
        repo.path("far.imagecomponent"),
    )
    .unwrap();
    symlink("/proc/self/environ", repo.path("env.imagecomponent")).unwrap();
    repo.write("real/near.imagecomponent", "RUN echo\n");
    symlink(
        "real/near.imagecomponent",
        repo.path("alias.imagecomponent"),
    )
    .unwrap();
    let mut index = ProjectIndex::build(&repo.root);
    assert!(index.components_named("far").is_empty());
    assert!(index.components_named("env").is_empty());
    assert_eq!(
        index.components_named("alias").len(),
        1,
        "a link inside is indexed"
    );
    assert_eq!(index.len(), 2);
    index.update(&repo.path("far.imagecomponent"));
    index.update(&repo.path("linked-dir/far.imagecomponent"));
    assert_eq!(index.len(), 2, "not through an update either");
}

#[test]
fn in_memory_files_and_bad_input() {
    let root = Path::new("/nonexistent-bclint-repo");
    let mut index = ProjectIndex::new(root);
    let manifest = root.join("c/x.imagecomponent.toml");
    // Broken TOML gives what could be read; wrong values fall back to the service's defaults.
    index.update_with_text(
        &manifest,
        "name = \"x\"\ncomponent_type = \"Tset\"\nsystem_type = 3\n[[[",
    );
    let component = root.join("c/x.imagecomponent");
    index.update_with_text(&component, "Tasks:\n  - [unclosed\n");
    let x = index.components_named("x");
    assert_eq!(x.len(), 1);
    assert_eq!(
        (x[0].component_type, x[0].system_type),
        (ComponentType::Build, SystemType::Linux)
    );
    assert_eq!(x[0].format, ComponentFormat::Yaml);
    index.update_with_text(&root.join("readme.md"), "not indexed");
    index.update_with_text(
        &root.join("t.buildcontent"),
        &format!("COMPONENT {ARN}/\n\u{0}"),
    );
    assert_eq!(index.len(), 3);
    assert_eq!(
        index.dependents(&root.join("unknown.txt")),
        Vec::<PathBuf>::new()
    );
}
