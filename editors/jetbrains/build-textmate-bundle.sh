#!/usr/bin/env bash
# Builds textmate/bclint, a VS Code-style TextMate bundle for JetBrains' "TextMate Bundles" settings,
# from the sources of truth: the grammar in grammar/ and the language configuration of the VS Code
# extension. The output is git-ignored; run this again after either changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/textmate/bclint"

rm -rf "$out"
mkdir -p "$out/syntaxes"
cp "$repo/grammar/buildcontent.tmLanguage.json" "$out/syntaxes/"
cp "$repo/editors/vscode/language-configuration.json" "$out/"

# Only the parts of a VS Code manifest that JetBrains reads: languages, file patterns, grammars.
cat > "$out/package.json" <<'JSON'
{
  "name": "bclint-textmate",
  "displayName": "ECS Image Builder templates (bclint)",
  "version": "0.1.0",
  "contributes": {
    "languages": [
      { "id": "buildcontent", "aliases": ["BuildContent"], "extensions": [".buildcontent"], "configuration": "./language-configuration.json" },
      { "id": "testcontent", "aliases": ["TestContent"], "extensions": [".testcontent"], "configuration": "./language-configuration.json" },
      { "id": "imagecomponent", "aliases": ["Image Component"], "extensions": [".imagecomponent"], "configuration": "./language-configuration.json" }
    ],
    "grammars": [
      { "language": "buildcontent", "scopeName": "source.buildcontent", "path": "./syntaxes/buildcontent.tmLanguage.json" },
      { "language": "testcontent", "scopeName": "source.buildcontent", "path": "./syntaxes/buildcontent.tmLanguage.json" },
      { "language": "imagecomponent", "scopeName": "source.buildcontent", "path": "./syntaxes/buildcontent.tmLanguage.json" }
    ]
  }
}
JSON
echo "TextMate bundle written to $out"
