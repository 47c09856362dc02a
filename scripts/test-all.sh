#!/usr/bin/env bash
# The whole test suite: the Rust workspace (parser, linter, CLI, language server, submit against
# a loopback ECS fake), then the suites under tests/ that run the built binary with other tools
# (tests/run.sh): CLI golden tests over examples/, SARIF validation with Microsoft's SARIF
# Multitool, the pre-commit hook test, the grammar tests, the VS Code extension build, tests
# and package, and the real-client LSP tests (Node protocol client, headless Neovim and Emacs).
# Prerequisites a fresh machine lacks are installed by scripts/install-test-deps.sh (which
# .ci/run calls).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s\n' "$*"; }

section "cargo test --workspace"
cargo test --workspace --locked

section "build bclint for the suites under tests/"
cargo build --locked -p bclint
BCLINT="$PWD/target/debug/bclint" tests/run.sh

printf '\nAll test suites passed.\n'
