//! End-to-end tests of templates embedded in Terraform and ROS files: `bclint check` finds
//! them, reports at the host file's line and column, fixes only what maps exactly, reads
//! `file("…")` under the repository rules, and `bclint fmt` leaves host files alone.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn bclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bclint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("bclint runs")
}

/// `bclint check --output-format concise` in `dir`: the exit code and the finding lines.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend(args);
    let output = bclint(dir, &all);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr, "", "nothing on standard error");
    let lines = stdout
        .lines()
        .filter(|line| line.contains(": BC"))
        .map(str::to_owned)
        .collect();
    (output.status.code().unwrap(), lines)
}

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

/// A real-shaped Terraform file: the heredoc's `yum install` is on line 12.
const MAIN_TF: &str = r#"terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud" }
  }
}

resource "alicloud_ecs_image_pipeline" "web" {
  name            = "web-base"
  base_image_type = "IMAGE"
  base_image      = "m-bp1g7004ksh0oeuc1234"
  build_content   = <<-EOT
    RUN yum install nginx
    ENV A="${var.x}"
    ENV B=${var.y}
  EOT
  internet_max_bandwidth_out = 10
}
"#;

#[test]
fn a_heredoc_finding_lands_on_the_tf_line_and_column_and_interpolations_are_valid() {
    let dir = repository();
    fs::write(dir.path().join("main.tf"), MAIN_TF).unwrap();
    let (code, lines) = check(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        ["main.tf:12:9: BC303 warning [*] `yum install` runs without `-y`"]
    );
}

#[test]
fn fix_edits_the_tf_file_in_place() {
    let dir = repository();
    let tf = dir.path().join("main.tf");
    fs::write(&tf, MAIN_TF).unwrap();
    let (code, lines) = check(dir.path(), &["--fix", "main.tf"]);
    assert_eq!((code, lines), (0, vec![]));
    let fixed = fs::read_to_string(&tf).unwrap();
    assert_eq!(
        fixed,
        MAIN_TF.replace("yum install nginx", "yum install -y nginx")
    );
}

#[test]
fn a_quoted_string_with_escapes_maps_and_fixes_only_where_exact() {
    let dir = repository();
    let tf = dir.path().join("main.tf");
    let text = "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"ENV A=\\\"\\u00e9\\\"\\nrun echo \\\"${var.x}\\\"\\n\"\n}\n";
    fs::write(&tf, text).unwrap();
    let (code, lines) = check(dir.path(), &["main.tf"]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        ["main.tf:2:38: BC301 warning [*] `run` should be written `RUN`"]
    );
    check(dir.path(), &["--fix", "main.tf"]);
    let fixed = fs::read_to_string(&tf).unwrap();
    assert_eq!(fixed, text.replace("\\nrun", "\\nRUN"));
}

#[test]
fn a_file_reference_is_linted_once_in_its_resource_context() {
    let dir = repository();
    fs::write(
        dir.path().join("main.tf"),
        "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = file(\"build.buildcontent\")\n}\n",
    )
    .unwrap();
    fs::write(dir.path().join("build.buildcontent"), "RUN yum install x\n").unwrap();
    let expected = ["build.buildcontent:1:5: BC303 warning [*] `yum install` runs without `-y`"];
    assert_eq!(check(dir.path(), &["main.tf"]).1, expected);
    // Walked, the file is an input of its own and is not reported twice.
    assert_eq!(check(dir.path(), &["."]).1, expected);
}

#[test]
fn a_file_reference_outside_the_repository_or_to_the_system_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::write(
        dir.path().join("outside.buildcontent"),
        "RUN yum install x\n",
    )
    .unwrap();
    fs::write(
        repo.join("main.tf"),
        "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = file(\"../outside.buildcontent\")\n}\nresource \"alicloud_ecs_image_pipeline\" \"b\" {\n  build_content = file(\"/proc/self/environ\")\n}\n",
    )
    .unwrap();
    let (code, lines) = check(&repo, &["main.tf"]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = lines.iter().map(|l| l.split(' ').nth(1).unwrap()).collect();
    assert_eq!(codes, ["BC521", "BC521"], "{lines:?}");
    assert!(lines.iter().all(|l| !l.contains("PATH=")), "{lines:?}");
}

/// The same template as `MAIN_TF`'s, in ROS YAML and JSON.
const ROS_YAML: &str = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Web:\n    Type: ALIYUN::ECS::ImagePipeline\n    Properties:\n      BaseImageType: IMAGE\n      BaseImage: m-bp1g7004ksh0oeuc1234\n      InternetMaxBandwidthOut: 10\n      BuildContent:\n        Fn::Sub: |\n          RUN yum install nginx\n          ENV A=\"${X}\"\n          ENV B=${Y}\n";
const ROS_JSON: &str = r#"{
  "ROSTemplateFormatVersion": "2015-09-01",
  "Resources": {
    "Web": {
      "Type": "ALIYUN::ECS::ImagePipeline",
      "Properties": {
        "BaseImageType": "IMAGE",
        "BaseImage": "m-bp1g7004ksh0oeuc1234",
        "InternetMaxBandwidthOut": 10,
        "BuildContent": {"Fn::Sub": "RUN yum install nginx\nENV A=\"${X}\"\nENV B=${Y}\n"}
      }
    }
  }
}
"#;

#[test]
fn ros_yaml_and_json_give_the_same_findings_as_terraform() {
    let dir = repository();
    fs::write(dir.path().join("stack.ros.yaml"), ROS_YAML).unwrap();
    fs::write(dir.path().join("stack.json"), ROS_JSON).unwrap();
    // Not a ROS template: a walk passes it by silently.
    fs::write(
        dir.path().join("package.json"),
        "{\"name\": \"x\", \"broken\": ",
    )
    .unwrap();
    let (code, lines) = check(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "stack.json:10:42: BC303 warning [*] `yum install` runs without `-y`",
            "stack.ros.yaml:11:15: BC303 warning [*] `yum install` runs without `-y`",
        ]
    );
}

#[test]
fn suppressions_inside_the_template_and_before_the_argument() {
    let dir = repository();
    fs::write(
        dir.path().join("main.tf"),
        r#"resource "alicloud_ecs_image_pipeline" "a" {
  build_content = <<EOT
# bclint: ignore=BC303 -- the mirror answers yes
RUN yum install x
RUN yum install y
EOT
}
resource "alicloud_ecs_image_pipeline" "b" {
  # bclint: ignore=BC303,BC505 -- both on purpose
  build_content = "RUN yum install z"
  system_disk_size = 10
}
"#,
    )
    .unwrap();
    let (_, lines) = check(dir.path(), &["main.tf"]);
    assert_eq!(
        lines,
        [
            "main.tf:5:5: BC303 warning [*] `yum install` runs without `-y`",
            "main.tf:11:22: BC505 error `system_disk_size` must be 20–500 GiB, not 10",
        ]
    );
}

#[test]
fn syntax_errors_are_one_finding_and_files_without_resources_are_not_parsed() {
    let dir = repository();
    fs::write(
        dir.path().join("broken.tf"),
        "resource \"alicloud_ecs_image_pipeline\" \"a\" {\n  build_content = \"RUN a\n}\n",
    )
    .unwrap();
    // Broken too, but without image resources: not bclint's business.
    fs::write(
        dir.path().join("other.tf"),
        "resource \"alicloud_vpc\" {{{\n",
    )
    .unwrap();
    fs::write(dir.path().join("big.tf"), "#".repeat(2 * 1024 * 1024)).unwrap();
    let (code, lines) = check(dir.path(), &["."]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = lines.iter().map(|l| l.split(' ').nth(1).unwrap()).collect();
    assert_eq!(codes, ["BC007", "BC500"], "{lines:?}");
    assert!(lines[1].starts_with("broken.tf:2:"), "{lines:?}");
    assert!(lines[1].contains("Terraform syntax error"), "{lines:?}");
}

#[test]
fn fmt_never_rewrites_terraform_or_ros_files() {
    let dir = repository();
    let tf = dir.path().join("main.tf");
    let ros = dir.path().join("stack.ros.yaml");
    fs::write(&tf, MAIN_TF.replace("RUN yum", "run   yum")).unwrap();
    fs::write(&ros, ROS_YAML.replace("RUN yum", "run   yum")).unwrap();
    for args in [&["fmt", "."][..], &["fmt", "main.tf", "stack.ros.yaml"]] {
        let output = bclint(dir.path(), args);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
    }
    let output = bclint(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        fs::read_to_string(&tf).unwrap(),
        MAIN_TF.replace("RUN yum", "run   yum")
    );
    assert_eq!(
        fs::read_to_string(&ros).unwrap(),
        ROS_YAML.replace("RUN yum", "run   yum")
    );
}
