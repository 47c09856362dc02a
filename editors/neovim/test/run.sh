#!/usr/bin/env bash
# Headless Neovim against the real server: BCLINT=/path/to/bclint editors/neovim/test/run.sh
set -euo pipefail
if [[ -z "${BCLINT:-}" ]]; then
  echo "not ok - BCLINT is not set: run as BCLINT=/path/to/bclint $0" >&2
  exit 1
fi
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BCLINT BCLINT_NVIM_PLUGIN="$here/../bclint.lua" BCLINT_TEST_DIR="$work"
export BCLINT_GRAMMAR_DIR="$here/../../../grammar/tree-sitter-buildcontent"
# --clean -u NONE: no user config, so only bclint.lua decides filetypes and the client.
nvim --headless --clean -u NONE -c "luafile $here/lsp_test.lua"
