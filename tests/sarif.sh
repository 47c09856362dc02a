#!/usr/bin/env bash
# Validates bclint's SARIF output with Microsoft's SARIF Multitool (the validator behind the
# SARIF spec): the JSON schema plus the SARIF rules GitHub code scanning relies on. The
# Multitool exits 0 even when it finds problems, so its own SARIF log is checked for results.
set -euo pipefail
cd "$(dirname "$0")/.."
BCLINT="${BCLINT:-$PWD/target/debug/bclint}"
tools="$PWD/target/test-tools/node"
multitool="$tools/node_modules/.bin/sarif-multitool"
[ -x "$multitool" ] || { echo "sarif-multitool is missing; run scripts/install-test-deps.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
# Relative paths (the CI case) and absolute paths both have to be valid.
"$BCLINT" check --output-format sarif examples/ > "$work/relative.sarif" || true
"$BCLINT" check --output-format sarif "$PWD/examples/broken" > "$work/absolute.sarif" || true
for log in "$work/relative.sarif" "$work/absolute.sarif"; do
  results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$log")
  [ "$results" -gt 0 ] || { echo "FAIL: $log has no results to validate" >&2; status=1; }
  "$multitool" validate "$log" --output "$work/validation.sarif" > "$work/multitool.out" 2>&1 || {
    cat "$work/multitool.out" >&2; status=1; continue; }
  problems=$(python3 - "$work/validation.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
bad = [r for run in log["runs"] for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]
for r in bad:
    print(r.get("ruleId"), r.get("message"))
print(len(bad))
PY
)
  count=$(printf '%s\n' "$problems" | tail -n1)
  if [ "$count" != "0" ]; then
    echo "FAIL: $log is not valid SARIF 2.1.0:" >&2
    printf '%s\n' "$problems" >&2
    status=1
  else
    echo "ok: $(basename "$log") ($results results) is valid SARIF 2.1.0"
  fi
  rm -f "$work/validation.sarif"
done
exit $status
