#!/usr/bin/env python3
"""Checks that every description of the language has the same command keywords.

Usage: keywords.py REPO

The sources: bclint's parser (KeywordKind::as_str in crates/bc_syntax/src/ast.rs), the EBNF
(grammar/buildcontent.ebnf), the TextMate grammar (the keyword alternatives of its command
rules), the tree-sitter grammar (its generated src/grammar.json, which is what editors load) and
the Emacs mode (bclint-keywords). Prints each source's list and fails when any differs from the
parser's.
"""
import json
import re
import sys
from pathlib import Path


def parser(repo):
    text = (repo / "crates/bc_syntax/src/ast.rs").read_text()
    body = text[text.index("pub const fn as_str(self)") :]
    body = body[: body.index("\n    }\n")]
    return set(re.findall(r'KeywordKind::\w+ => "([A-Z]+)"', body))


def ebnf(repo):
    text = (repo / "grammar/buildcontent.ebnf").read_text()
    return set(re.findall(r'^\w+ command\s*=\s*"([A-Z]+)"', text, re.M))


def textmate(repo):
    grammar = json.loads((repo / "grammar/buildcontent.tmLanguage.json").read_text())
    words = set()
    for name, rule in grammar["repository"].items():
        if name.startswith("command-") and name != "command-unknown":
            alternatives = re.search(r"\(([A-Z|]+)\)", rule["begin"]).group(1)
            words.update(alternatives.split("|"))
    return words


def tree_sitter(repo):
    grammar = json.loads((repo / "grammar/tree-sitter-buildcontent/src/grammar.json").read_text())
    words = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ALIAS" and not node.get("named") and node["content"].get("type") == "PATTERN":
                words.add(node["value"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(grammar["rules"])
    return words


def emacs(repo):
    text = (repo / "editors/emacs/bclint.el").read_text()
    body = re.search(r"\(defconst bclint-keywords\s+'\(([^)]*)\)", text).group(1)
    return set(re.findall(r'"([A-Z]+)"', body))


def main():
    repo = Path(sys.argv[1])
    expected = parser(repo)
    failed = 0
    for name, read in [("EBNF", ebnf), ("TextMate", textmate), ("tree-sitter", tree_sitter), ("Emacs", emacs)]:
        words = read(repo)
        if words == expected:
            print(f"ok - {name} keywords agree with bc_syntax ({len(words)})")
        else:
            failed += 1
            print(f"not ok - {name} keywords differ from bc_syntax: missing {sorted(expected - words)}, extra {sorted(words - expected)}")
    print(f"{4 - failed} passed, {failed} failed")
    sys.exit(1 if failed or not expected else 0)


if __name__ == "__main__":
    main()
