#!/usr/bin/env bash
# Editor integration checks. Usage:
#   BCLINT=/path/to/bclint editors/ci.sh           everything, including the two real-client LSP tests
#   editors/ci.sh --without-lsp                    skips exactly the Node protocol test and the Neovim test
# Stops at the first failing step. Needs node/npm; the Neovim test needs `nvim` (Debian: apt-get install neovim).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

with_lsp=1
case "${1:-}" in
  --without-lsp) with_lsp=0 ;;
  "") ;;
  *) echo "usage: $0 [--without-lsp]" >&2; exit 2 ;;
esac
if [[ $with_lsp == 1 && -z "${BCLINT:-}" ]]; then
  echo "BCLINT is not set: BCLINT=/path/to/bclint $0 (or $0 --without-lsp)" >&2
  exit 2
fi
if [[ $with_lsp == 1 ]]; then
  BCLINT="$(cd "$(dirname "$BCLINT")" && pwd)/$(basename "$BCLINT")" # the steps below change directory
  export BCLINT
fi

step() {
  echo
  echo "=== editors: $1"
}

step "grammar tests (vscode-tmgrammar-test)"
(cd "$repo/grammar" && npm ci --no-audit --no-fund && npm test)

step "vscode: build"
(cd "$here/vscode" && npm ci --no-audit --no-fund && npm run build)
step "vscode: typecheck"
(cd "$here/vscode" && npx tsc --noEmit)
step "vscode: unit tests"
(cd "$here/vscode" && npm test)
step "vscode: package .vsix"
(cd "$here/vscode" && npm run package)

step "jetbrains: TextMate bundle"
"$here/jetbrains/build-textmate-bundle.sh"

if [[ $with_lsp == 1 ]]; then
  step "vscode: LSP protocol test against $BCLINT"
  (cd "$here/vscode" && npm run test:protocol)
  step "neovim: headless LSP test against $BCLINT ($(nvim --version | head -n1))"
  "$here/neovim/test/run.sh"
else
  step "skipped (--without-lsp): vscode protocol test, neovim test"
fi

echo
echo "=== editors: all steps passed"
