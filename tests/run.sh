#!/usr/bin/env bash
# The suites that run the built bclint with other tools: CLI golden tests over examples/, SARIF
# validation with Microsoft's SARIF Multitool, the pre-commit hooks with the real pre-commit,
# and the grammars, editor packages and real editor clients (VS Code's LSP client, Neovim,
# Emacs with eglot). scripts/test-all.sh runs them after the Rust tests;
# scripts/install-test-deps.sh installs the tools they need.
#   BCLINT=/path/to/bclint tests/run.sh     (default: target/debug/bclint, which must be built)
set -euo pipefail
# The suites change directory, so BCLINT is made absolute first.
if [ -n "${BCLINT:-}" ]; then
  BCLINT="$(cd "$(dirname "$BCLINT")" && pwd)/$(basename "$BCLINT")"
fi
cd "$(dirname "$0")/.."
BCLINT="${BCLINT:-$PWD/target/debug/bclint}"
[ -x "$BCLINT" ] || { echo "no bclint at $BCLINT; run cargo build -p bclint or set BCLINT" >&2; exit 2; }
export BCLINT

section() { printf '\n==> %s\n' "$*"; }

section "CLI golden tests over examples/"
tests/cli-golden.sh

section "SARIF 2.1.0 validation"
tests/sarif.sh

section "pre-commit hooks"
tests/pre-commit.sh

section "grammars, editor packages and real LSP clients"
tests/editors.sh
