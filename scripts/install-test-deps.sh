#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, on a fresh Debian machine:
# Neovim (headless LSP client test), pre-commit (hook test) in a virtualenv, and Microsoft's SARIF
# Multitool (SARIF validation). Tools go under target/test-tools so nothing global changes
# except the Debian package. Node.js and npm come with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$PWD/target/test-tools"
mkdir -p "$tools"

if ! command -v nvim >/dev/null 2>&1; then
  echo "==> installing neovim (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq neovim >/dev/null
fi

if [ ! -x "$tools/venv/bin/pre-commit" ]; then
  echo "==> installing pre-commit (PyPI)"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit==4.7.0'
fi

if [ ! -x "$tools/node/node_modules/.bin/sarif-multitool" ]; then
  echo "==> installing @microsoft/sarif-multitool (npm)"
  mkdir -p "$tools/node"
  npm install --silent --no-audit --no-fund --prefix "$tools/node" '@microsoft/sarif-multitool@5.7.0'
fi
# npm may skip the package's postinstall script that marks the native binary executable.
chmod u+x "$tools"/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
