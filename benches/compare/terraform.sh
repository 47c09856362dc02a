#!/usr/bin/env bash
# `bclint check` over a Terraform repository: 1,000 `.tf` files of about 1.5 KB, 10 % of them
# with an `alicloud_ecs_image_pipeline` whose `build_content` is a heredoc (with an
# interpolation and a finding) and an `alicloud_ecs_image_component`, the rest networks,
# instances and buckets. Mean wall time from hyperfine, peak RSS from GNU time.
# Usage: benches/compare/terraform.sh   (from the repository root; needs hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || apt-get install -y hyperfine
command -v /usr/bin/time >/dev/null || apt-get install -y time
cargo build -q --release -p bclint
corpus=target/bench-corpus/terraform
rm -rf "$corpus"
mkdir -p "$corpus/.git"
for i in $(seq 0 999); do
  dir="$corpus/module-$((i / 50))"
  mkdir -p "$dir"
  {
    printf 'variable "region_%d" {\n  type    = string\n  default = "cn-hangzhou"\n}\n\n' "$i"
    printf 'resource "alicloud_vpc" "vpc_%d" {\n  vpc_name   = "vpc-%d"\n  cidr_block = "172.16.0.0/12"\n}\n\n' "$i" "$i"
    printf 'resource "alicloud_vswitch" "vsw_%d" {\n  vpc_id     = alicloud_vpc.vpc_%d.id\n  cidr_block = "172.16.0.0/21"\n  zone_id    = "cn-hangzhou-h"\n}\n\n' "$i" "$i"
    printf 'resource "alicloud_instance" "web_%d" {\n  instance_type   = "ecs.g7.large"\n  image_id        = "m-bp1g7004ksh0oeuc1234"\n  vswitch_id      = alicloud_vswitch.vsw_%d.id\n  tags            = { team = "platform", index = "%d" }\n}\n\n' "$i" "$i" "$i"
    printf 'resource "alicloud_oss_bucket" "logs_%d" {\n  bucket = "logs-%d"\n}\n' "$i" "$i"
    if (( i % 10 == 0 )); then
      printf '\nresource "alicloud_ecs_image_component" "c_%d" {\n  component_type = "Build"\n  content        = <<-EOT\n    RUN echo component %d\n    RUN systemctl enable sshd\n  EOT\n}\n' "$i" "$i"
      printf '\nresource "alicloud_ecs_image_pipeline" "p_%d" {\n  name                       = "web-%d"\n  base_image_type            = "IMAGE"\n  base_image                 = "m-bp1g7004ksh0oeuc1234"\n  internet_max_bandwidth_out = 10\n  build_content              = <<-EOT\n    COMPONENT ${alicloud_ecs_image_component.c_%d.id}\n    ENV REGION="${var.region_%d}"\n    RUN yum install nginx\n    RUN systemctl enable nginx\n  EOT\n}\n' "$i" "$i" "$i" "$i"
    fi
  } > "$dir/main-$i.tf"
done
check=(target/release/bclint check --no-config --exit-zero --output-format concise "$corpus")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "findings: $("${check[@]}" | grep -c ': BC')"
hyperfine -N --warmup 3 --min-runs 10 "${check[*]}"
/usr/bin/time -f "peak RSS %M KB" "${check[@]}" >/dev/null
