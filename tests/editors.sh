#!/usr/bin/env bash
# Editor integration checks: the grammars, the editor packages and the real editor clients, whose
# own tests live under editors/ and grammar/. Usage:
#   BCLINT=/path/to/bclint tests/editors.sh        everything, including the real-client LSP tests
#   tests/editors.sh --without-lsp                 skips exactly the Node protocol test and the Neovim and Emacs tests
# Stops at the first failing step. Needs node/npm, cargo, python3 and a C compiler; the tree-sitter
# CLI, `nvim`, `emacs` with eglot and `unzip` come from scripts/install-test-deps.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
editors="$repo/editors"

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

step "tree-sitter grammar: generate, corpus, queries, highlight, differential and keyword tests"
"$editors/tree-sitter/test.sh"

step "helix: languages.toml is valid TOML naming the grammar and its queries"
python3 - "$editors/helix" "$repo/grammar/tree-sitter-buildcontent/queries" <<'PY'
import sys, tomllib
from pathlib import Path
helix, queries = Path(sys.argv[1]), Path(sys.argv[2])
config = tomllib.loads((helix / "languages.toml").read_text())
grammars = {g["name"]: g for g in config["grammar"]}
assert grammars["buildcontent"]["source"]["subpath"] == "grammar/tree-sitter-buildcontent", grammars
# Manifests and YAML components keep the TOML and YAML grammars; templates use bclint's.
own_grammar = {"imagepipeline-toml": "toml", "imagecomponent-toml": "toml", "imagecomponent-yaml": "yaml"}
for language in config["language"]:
    assert language["grammar"] == own_grammar.get(language["name"], "buildcontent"), language
# Highlights and injections are shared; indents and textobjects use Helix's own capture names.
for query in ("highlights", "injections"):
    shipped = helix / "queries" / "buildcontent" / f"{query}.scm"
    assert shipped.read_text() == (queries / f"{query}.scm").read_text(), f"{shipped} differs from the grammar's"
print("ok - languages.toml and queries/buildcontent")
PY

step "vscode: build"
(cd "$editors/vscode" && npm ci --no-audit --no-fund && npm run build)
step "vscode: typecheck"
(cd "$editors/vscode" && npx tsc --noEmit)
step "vscode: unit tests"
(cd "$editors/vscode" && npm test)
step "vscode: package .vsix"
(cd "$editors/vscode" && npm run package)

step "vscode: platform .vsix with a stripped release bclint"
# The dist profile (Cargo.toml) is release without debug information and symbols.
cargo build --quiet --locked --profile dist -p bclint --manifest-path "$repo/Cargo.toml"
mkdir -p "$editors/vscode/bin"
install -m 0755 "$repo/target/dist/bclint" "$editors/vscode/bin/bclint"
(cd "$editors/vscode" && npm run package:linux-x64 && rm -r bin)
step "vscode: the .vsix holds a working bclint and the extension starts it without PATH"
(cd "$editors/vscode" && npm run test:vsix)

step "jetbrains: TextMate bundle"
"$editors/jetbrains/build-textmate-bundle.sh"

if [[ $with_lsp == 1 ]]; then
  step "vscode: LSP protocol test against $BCLINT"
  (cd "$editors/vscode" && npm run test:protocol)
  step "neovim: headless LSP test against $BCLINT ($(nvim --version | head -n1))"
  "$editors/neovim/test/run.sh"
  step "emacs: headless eglot test against $BCLINT ($(emacs --version | head -n1))"
  "$editors/emacs/test/run.sh"
else
  step "skipped (--without-lsp): vscode protocol test, neovim test, emacs test"
fi

echo
echo "=== editors: all steps passed"
