# The web base image kept in Terraform (provider aliyun/alicloud).
# `bclint check examples/terraform` lints every template below at its line in this file.

variable "app_version" {
  type    = string
  default = "2.4.1"
}

resource "alicloud_ecs_image_component" "harden_ssh" {
  image_component_name = "harden-ssh"
  component_type       = "Build"
  system_type          = "Linux"
  # A heredoc: Terraform strips the common indentation of `<<-`, and so does bclint.
  content = <<-EOT
    RUN sed -i 's/^#\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config
    RUN systemctl restart sshd
  EOT
}

resource "alicloud_ecs_image_pipeline" "web" {
  name                       = "web-base"
  description                = "Web base image: nginx on Alibaba Cloud Linux"
  base_image_type            = "IMAGE_FAMILY"
  base_image                 = "acs:alibaba_cloud_linux_3_2104_lts_x64"
  instance_type              = "ecs.g7.large"
  system_disk_size           = 40
  internet_max_bandwidth_out = 10
  to_region_id               = ["cn-shanghai", "cn-beijing"]
  # `${…}` is the value Terraform fills in: bclint takes it as valid and checks the rest.
  build_content = <<-EOT
    COMPONENT ${alicloud_ecs_image_component.harden_ssh.id}
    ENV APP_VERSION="${var.app_version}"
    RUN yum install -y nginx && systemctl enable nginx
  EOT
}

resource "alicloud_ecs_image_pipeline" "web_from_file" {
  name            = "web-base-file"
  base_image_type = "IMAGE"
  base_image      = "m-bp1g7004ksh0oeuc1234"
  # A template file beside this one, linted as this pipeline's build template.
  build_content = file("${path.module}/templates/web.buildcontent")
}

resource "alicloud_ecs_image_pipeline" "web_literal_path" {
  name            = "web-base-literal"
  base_image_type = "IMAGE"
  base_image      = "m-bp1g7004ksh0oeuc1234"
  build_content   = file("templates/web.buildcontent")
}
