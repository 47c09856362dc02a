#!/usr/bin/env bash
# Tests of the tree-sitter grammar (grammar/tree-sitter-buildcontent): editors/tree-sitter/test.sh
# - the committed parser is what `tree-sitter generate` makes of grammar.js;
# - the corpus tests (`tree-sitter test`);
# - every query file compiles against the grammar;
# - `tree-sitter highlight` highlights a fixture as asserted in it, bash inside RUN included;
# - the differential test against bc_syntax over every template fixture of the repository;
# - the keyword lists of all grammars agree.
# Needs the tree-sitter CLI and the bash and JSON grammars that scripts/install-test-deps.sh puts
# under target/test-tools, a C compiler, python3 and cargo.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
grammar="$repo/grammar/tree-sitter-buildcontent"
tools="$repo/target/test-tools"
export PATH="$tools/tree-sitter/bin:$PATH"
if ! command -v tree-sitter >/dev/null 2>&1; then
  echo "tree-sitter CLI not found: run scripts/install-test-deps.sh" >&2
  exit 2
fi

# Nothing from the user's home: a private configuration whose parser directory holds only the
# three grammars, and compiled parsers cached under target/.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TREE_SITTER_DIR="$work/config" TREE_SITTER_LIBDIR="$tools/tree-sitter/lib"
mkdir -p "$TREE_SITTER_DIR" "$TREE_SITTER_LIBDIR" "$work/grammars"
ln -s "$grammar" "$work/grammars/tree-sitter-buildcontent"
ln -s "$tools/ts-grammars/node_modules/tree-sitter-bash" "$work/grammars/tree-sitter-bash"
cp -r "$tools/ts-grammars/node_modules/tree-sitter-json" "$work/grammars/tree-sitter-json"
# `highlight` reports only the capture names its theme lists: every name the three grammars use.
names="$(cat "$grammar"/queries/highlights.scm "$work"/grammars/tree-sitter-{bash,json}/queries/highlights.scm |
  grep -o '@[a-z][a-z._]*' | sort -u | sed 's/^@//')"
python3 - "$work" $names <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
config = {"parser-directories": [f"{work}/grammars"], "theme": {name: "red" for name in names}}
json.dump(config, open(f"{work}/config/config.json", "w"))
# The CLI finds an injected language by its injection-regex, which the JSON grammar's package
# does not declare (Helix and Neovim find it by name).
path = f"{work}/grammars/tree-sitter-json/tree-sitter.json"
package = json.load(open(path))
package["grammars"][0]["injection-regex"] = "^json$"
json.dump(package, open(path, "w"))
PY

step() {
  echo
  echo "--- tree-sitter: $1"
}

step "the committed parser matches grammar.js"
cp -r "$grammar" "$work/regenerated"
(cd "$work/regenerated" && tree-sitter generate)
diff -r "$grammar/src" "$work/regenerated/src"
echo "ok - src/ is up to date"

step "corpus tests"
(cd "$grammar" && tree-sitter test)

step "queries compile"
fixture="$here/highlight/template.buildcontent"
for query in "$grammar"/queries/*.scm "$repo"/editors/helix/queries/buildcontent/*.scm; do
  tree-sitter query --quiet --grammar-path "$grammar" "$query" "$fixture" >/dev/null
  echo "ok - ${query#"$repo"/}"
done

step "tree-sitter highlight: bash inside RUN, CMD and ENTRYPOINT, JSON in exec forms"
tree-sitter highlight --html --style minimal --scope source.buildcontent "$fixture" >"$work/highlight.html"
python3 "$here/highlight.py" "$fixture" "$work/highlight.html"

step "differential test against bc_syntax"
(cd "$repo" && git ls-files '*.buildcontent' '*.testcontent' '*.imagecomponent') | sed "s|^|$repo/|" >"$work/files"
cargo build --quiet --locked --manifest-path "$repo/Cargo.toml" -p bc_syntax --example command_lines
mapfile -t files <"$work/files"
"$repo/target/debug/examples/command_lines" "${files[@]}" >"$work/bc_syntax.txt"
# Exit 1 only says some tree has an ERROR node; differential.py judges whether it should.
status=0
tree-sitter parse --grammar-path "$grammar" --paths "$work/files" >"$work/tree-sitter.txt" || status=$?
if [[ $status -gt 1 ]]; then
  echo "tree-sitter parse failed with exit code $status" >&2
  exit 1
fi
python3 "$here/differential.py" "$work/bc_syntax.txt" "$work/tree-sitter.txt" "${files[@]}"

step "keyword lists"
python3 "$here/keywords.py" "$repo"
