#!/usr/bin/env bash
# Installs this repository's hooks with the real pre-commit framework (`pre-commit try-repo`,
# which builds them with `language: rust`, i.e. `cargo install --path .`) into a throwaway git
# repository holding a bad template, and checks that the hook fails with the expected rule code,
# then passes once the template is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root="$PWD"
pre_commit="$PWD/target/test-tools/venv/bin/pre-commit"
[ -x "$pre_commit" ] || { echo "pre-commit is missing; run scripts/install-test-deps.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# try-repo clones the committed state of the hook repository; test that state in a copy so
# uncommitted work in progress does not leak in or break the clone.
git clone --quiet "$repo_root" "$work/hooks"
# pre-commit builds the hook with `cargo install` (a release build). This test checks the hook
# wiring, not the optimiser, so keep that build cheap and in a target directory of its own that
# later runs reuse.
export CARGO_TARGET_DIR="$repo_root/target/pre-commit"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256
export CARGO_PROFILE_RELEASE_DEBUG=false
export PRE_COMMIT_HOME="$repo_root/target/test-tools/pre-commit-home"

mkdir "$work/project"
cd "$work/project"
git init --quiet
git config user.email test@example.invalid
git config user.name test
printf 'FROM IMAGE:m-123\nrun yum install -y nginx\n' > build.buildcontent
git add build.buildcontent

fail() { echo "FAIL: $*" >&2; exit 1; }

if "$pre_commit" try-repo "$work/hooks" bclint --all-files > "$work/first.log" 2>&1; then
  cat "$work/first.log"; fail "the hook passed on a template with findings"
fi
grep -q "BC201" "$work/first.log" || { cat "$work/first.log"; fail "expected BC201 in the hook output"; }
grep -q "BC301" "$work/first.log" || { cat "$work/first.log"; fail "expected BC301 in the hook output"; }
echo "ok: the bclint hook fails on a bad template and names BC201 and BC301"

if "$pre_commit" try-repo "$work/hooks" bclint-format --all-files > "$work/format.log" 2>&1; then
  cat "$work/format.log"; fail "the format hook passed on a template that needs formatting"
fi
grep -q "RUN yum install" build.buildcontent || fail "the format hook did not rewrite the keyword"
echo "ok: the bclint-format hook reformats the template and reports it"

printf 'RUN yum install -y nginx\n' > build.buildcontent
git add build.buildcontent
"$pre_commit" try-repo "$work/hooks" bclint --all-files > "$work/second.log" 2>&1 || {
  cat "$work/second.log"; fail "the hook failed on a clean template"; }
echo "ok: the bclint hook passes once the template is fixed"
