#!/usr/bin/env bash
# CLI golden tests: `bclint check` over examples/ in every output format, compared with the
# files committed in tests/golden/. Each run must exit 1 (examples/broken has findings) and
# print nothing on standard error.
#   BCLINT=/path/to/bclint tests/cli-golden.sh                    compare
#   UPDATE_GOLDEN=1 BCLINT=/path/to/bclint tests/cli-golden.sh    rewrite the golden files
# Review the rewritten files with `git diff tests/golden` before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
BCLINT="${BCLINT:-$PWD/target/debug/bclint}"
golden=tests/golden
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

# name | arguments after `bclint check`
cases=(
  "check.full.txt|--output-format full --color never examples/"
  "check.concise.txt|--output-format concise examples/"
  "check.statistics.txt|--statistics examples/"
  "check.json|--output-format json examples/"
  "check.jsonl|--output-format json-lines examples/"
  "check.github.txt|--output-format github examples/"
  "check.gitlab.json|--output-format gitlab examples/"
  "check.junit.xml|--output-format junit examples/"
  "check.checkstyle.xml|--output-format checkstyle examples/"
  "check.sarif|--output-format sarif examples/"
)

for case in "${cases[@]}"; do
  name="${case%%|*}"
  read -r -a args <<< "${case#*|}"
  actual="$work/$name"
  code=0
  "$BCLINT" check "${args[@]}" > "$actual" 2> "$work/stderr" || code=$?
  if [[ $name == *.sarif ]]; then
    # The results only: the rule catalogue in the SARIF log repeats every rule's docs, which
    # the docs tests already cover, and tests/sarif.sh validates the whole log.
    python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["runs"][0]["results"], indent=2, ensure_ascii=False))' \
      "$actual" > "$actual.results" && mv "$actual.results" "$actual"
  fi
  if [[ $code != 1 || -s "$work/stderr" ]]; then
    echo "FAIL: bclint check ${args[*]} exited $code (expected 1); standard error:" >&2
    cat "$work/stderr" >&2
    status=1
    continue
  fi
  if [[ -n "${UPDATE_GOLDEN:-}" ]]; then
    cp "$actual" "$golden/$name"
    echo "updated: $golden/$name"
  elif diff -u "$golden/$name" "$actual" > "$work/diff"; then
    echo "ok: bclint check ${args[*]}"
  else
    echo "FAIL: bclint check ${args[*]} differs from $golden/$name (UPDATE_GOLDEN=1 $0 rewrites it):" >&2
    cat "$work/diff" >&2
    status=1
  fi
done
exit $status
