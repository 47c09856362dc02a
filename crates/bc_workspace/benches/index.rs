//! Building the project index over a generated repository of 1,000 components (half
//! Dockerfile-format, half YAML, every other one with a component manifest) and 1,000 templates
//! (each naming two components; one pipeline manifest per ten templates), and keeping it current
//! after one edit. Run with `cargo bench -p bc_workspace --bench index`; the figures are recorded
//! in BENCHMARKS.md (design.md §5: built in at most 100 ms).

use std::path::{Path, PathBuf};

use bc_workspace::index::ProjectIndex;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const COMPONENTS: usize = 1000;
const TEMPLATES: usize = 1000;

/// Writes the repository into `root` and returns the path of one template to edit.
fn generate(root: &Path) -> PathBuf {
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    for i in 0..COMPONENTS {
        let dir = root.join(format!("components/group{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        if i % 2 == 0 {
            let text = format!(
                "# Installs package {i}.\nRUN yum install -y package{i}\nENV PACKAGE_HOME=/opt/package{i}\nWORKDIR /opt/package{i}\nRUN ./configure && make && make install\n"
            );
            std::fs::write(dir.join(format!("c{i}.imagecomponent")), text).unwrap();
        } else {
            let text = format!(
                "Parameters:\n  version:\n    Type: String\n    DefaultValue: \"1.{i}\"\n  port:\n    Type: Number\nTasks:\n  - Name: install\n    Action: RunShellCommand\n    Properties:\n      commandContent: yum install -y package{i}-{{{{ version }}}}\n  - Name: open\n    Action: RunShellCommand\n    Properties:\n      commandContent: firewall-cmd --add-port={{{{ port }}}}/tcp\n"
            );
            std::fs::write(dir.join(format!("c{i}.imagecomponent.yaml")), text).unwrap();
        }
        if i % 4 < 2 {
            let text = format!(
                "region = \"cn-hangzhou\"\nname = \"component-{i}\"\nversion = \"1.0.{i}\"\ncomponent_type = \"Build\"\n"
            );
            std::fs::write(dir.join(format!("c{i}.imagecomponent.toml")), text).unwrap();
        }
    }
    for i in 0..TEMPLATES {
        let dir = root.join(format!("pipelines/p{}", i / 10));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (i % COMPONENTS, (i * 7 + 3) % COMPONENTS);
        let text = format!(
            "# Web server image {i}.\nRUN yum update -y\nCOMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/component-{a}/1.0.*\nCOMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/c{b}/1.*.* --port 8080\nRUN systemctl enable nginx\n"
        );
        std::fs::write(dir.join(format!("t{i}.buildcontent")), text).unwrap();
        if i % 10 == 0 {
            let manifest = format!(
                "region = \"cn-hangzhou\"\nbase_image_type = \"IMAGE\"\nbase_image = \"aliyun_3_x64_20G_alibase_20240819.vhd\"\nbuild = \"t{i}.buildcontent\"\n"
            );
            std::fs::write(dir.join("imagepipeline.toml"), manifest).unwrap();
        }
    }
    root.join("pipelines/p0/t0.buildcontent")
}

#[divan::bench(sample_count = 20)]
fn build(bencher: Bencher<'_, '_>) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    bencher.bench(|| ProjectIndex::build(black_box(dir.path())));
}

#[divan::bench(sample_count = 100)]
fn one_edit(bencher: Bencher<'_, '_>) {
    let dir = tempfile::tempdir().unwrap();
    let template = generate(dir.path());
    let mut index = ProjectIndex::build(dir.path());
    let texts = [
        "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/component-4/1.0.*\n",
        "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/component-5/1.0.*\n",
    ];
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        index.overlay(&template, texts[turn % 2].to_owned())
    });
}

/// The link pass of `check` over the whole repository: every template parsed and its
/// `COMPONENT` lines checked against the index (BC701–BC706).
#[divan::bench(sample_count = 20)]
fn link_every_template(bencher: Bencher<'_, '_>) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let index = ProjectIndex::build(dir.path());
    let templates = templates(dir.path());
    let config = bc_lint::Config::default();
    bencher.bench(|| {
        templates
            .iter()
            .map(|text| {
                let parse = bc_syntax::parse(text, bc_syntax::FileKind::Build);
                index.lint_calls(&parse, &config).len()
            })
            .sum::<usize>()
    });
}

/// One edit of a component: the index re-reads it and the templates that call it (its
/// dependents, and only those) are linked again.
#[divan::bench(sample_count = 100)]
fn component_edit_relinks_dependents(bencher: Bencher<'_, '_>) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let mut index = ProjectIndex::build(dir.path());
    let component = dir.path().join("components/group1/c1.imagecomponent.yaml");
    let original = std::fs::read_to_string(&component).unwrap();
    let texts = [original.replace("port:", "prot:"), original];
    let config = bc_lint::Config::default();
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        let dependents = index.overlay(&component, texts[turn % 2].clone());
        dependents
            .iter()
            .filter(|path| path.extension().is_some_and(|ext| ext == "buildcontent"))
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                let parse = bc_syntax::parse(&text, bc_syntax::FileKind::Build);
                index.lint_calls(&parse, &config).len()
            })
            .sum::<usize>()
    });
}

/// The text of every template of the generated repository.
fn templates(root: &Path) -> Vec<String> {
    (0..TEMPLATES)
        .map(|i| {
            let path = root.join(format!("pipelines/p{}/t{i}.buildcontent", i / 10));
            std::fs::read_to_string(path).unwrap()
        })
        .collect()
}
