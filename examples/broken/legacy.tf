# The legacy template of legacy.buildcontent, kept in Terraform (for demos):
# `bclint check examples/broken/legacy.tf` reports each finding at its line here.

resource "alicloud_ecs_image_pipeline" "legacy" {
  name            = "legacy"
  base_image_type = "OSS"
  base_image      = "m-bp67acfmxazb4p1234"
  build_content   = <<-EOT
    # yum would wait for a confirmation nobody gives.
    ENV GREETING="${var.greeting}"
    WORKDIR /opt/web
    RUN yum install nginx
  EOT
}
