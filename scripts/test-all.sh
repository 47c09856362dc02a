#!/usr/bin/env bash
# The whole test suite: the Rust workspace (parser, linter, CLI, language server, submit against
# a loopback ECS fake), then everything that needs Node.js, Neovim or Python tools: the TextMate
# grammar tests, the VS Code extension build/tests/package, the real-client LSP tests (Node
# protocol client and headless Neovim), SARIF validation with Microsoft's SARIF Multitool, and
# the pre-commit hook test. Prerequisites a fresh machine lacks are installed by
# scripts/install-test-deps.sh (which .ci/run calls).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s\n' "$*"; }

section "cargo test --workspace"
cargo test --workspace --locked

section "build bclint for the client tests"
cargo build --locked -p bclint
BCLINT="$PWD/target/debug/bclint"
export BCLINT

section "grammar, VS Code extension and real LSP clients"
editors/ci.sh

section "SARIF 2.1.0 validation"
scripts/validate-sarif.sh

section "pre-commit hooks"
scripts/test-pre-commit.sh

printf '\nAll test suites passed.\n'
