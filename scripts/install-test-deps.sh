#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, on a fresh Debian machine:
# Neovim and Emacs with eglot (headless LSP client tests), pre-commit (hook test) in a virtualenv,
# Microsoft's SARIF Multitool (SARIF validation), and the tree-sitter CLI with the bash and JSON
# grammars (tree-sitter grammar tests). Tools go under target/test-tools so nothing global changes
# except the Debian packages. Node.js, npm and a C compiler come with the machine.
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

# Emacs 28 on Debian 12 has no eglot built in; elpa-eglot is the packaged one. unzip unpacks the
# VS Code extension in its test.
if ! command -v emacs >/dev/null 2>&1 || ! compgen -G '/usr/share/emacs/site-lisp/elpa/eglot-*' >/dev/null ||
  ! command -v unzip >/dev/null 2>&1; then
  echo "==> installing emacs-nox, elpa-eglot and unzip (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq emacs-nox elpa-eglot unzip >/dev/null
fi

# The CLI from crates.io (its npm package downloads a prebuilt binary, which cannot be fetched
# here). About four minutes of CPU to compile; kept in target/test-tools once built.
tree_sitter_version=0.27.1
# Compiling the CLI takes minutes on two cores, so it is built once per machine into a cache
# outside the checkout (CI clones afresh each run) and linked into target/test-tools.
tree_sitter_root="${BCLINT_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bclint-test-tools}/tree-sitter-cli-$tree_sitter_version"
if [ "$("$tree_sitter_root/bin/tree-sitter" --version 2>/dev/null)" != "tree-sitter $tree_sitter_version" ]; then
  echo "==> installing tree-sitter-cli $tree_sitter_version (crates.io)"
  mkdir -p "$tree_sitter_root"
  cargo install --quiet --locked --force tree-sitter-cli --version "$tree_sitter_version" --root "$tree_sitter_root"
fi
rm -rf "$tools/tree-sitter"
ln -s "$tree_sitter_root" "$tools/tree-sitter"

# Grammars injected into templates (bash in RUN, JSON in exec forms), for `tree-sitter highlight`.
# Only their sources are used: no native build.
if [ ! -f "$tools/ts-grammars/node_modules/tree-sitter-bash/src/parser.c" ] || [ ! -f "$tools/ts-grammars/node_modules/tree-sitter-json/src/parser.c" ]; then
  echo "==> installing the tree-sitter bash and JSON grammars (npm)"
  mkdir -p "$tools/ts-grammars"
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$tools/ts-grammars" 'tree-sitter-bash@0.25.1' 'tree-sitter-json@0.24.8'
fi
