#!/usr/bin/env python3
"""Checks highlight assertions against `tree-sitter highlight --html --style minimal` output.

Usage: highlight.py FIXTURE HTML

An assertion is a comment line under a code line: `# <- NAME` for the code line's first column,
or `#` then spaces and `^` (one or more) under the columns that must have capture NAME. The
capture at a column is the innermost highlight span around it, injected languages included.
"""
import html
import re
import sys

TOKEN = re.compile(r"""<span class=['"]([^'"]+)['"]>|</span>|<[^>]+>|[^<]+""")
ASSERTION = re.compile(r"^#(?: *(<-)| *(\^+))\s+(\S+)\s*$")


def captures_per_line(markup):
    """For each line of the highlighted file, the capture (or None) of each column."""
    code = markup[markup.index("<code>") + len("<code>") : markup.index("</code>")]
    lines, current, stack = [], [], []
    for m in TOKEN.finditer(code):
        token = m.group(0)
        if m.group(1):
            # Capture names come with their dots as spaces (`class='keyword deprecated'`).
            stack.append(m.group(1).replace(" ", "."))
        elif token == "</span>":
            stack.pop()
        elif not token.startswith("<"):
            for char in html.unescape(token):
                if char == "\n":
                    lines.append(current)
                    current = []
                else:
                    current.append(stack[-1] if stack else None)
    lines.append(current)
    return lines


def main():
    fixture, markup = sys.argv[1:]
    source = open(fixture, encoding="utf-8").read().split("\n")
    captures = captures_per_line(open(markup, encoding="utf-8").read())
    failures = checked = 0
    code_line = None
    for number, line in enumerate(source):
        m = ASSERTION.match(line)
        if not m:
            code_line = number
            continue
        columns = [0] if m.group(1) else range(line.index("^"), line.index("^") + len(m.group(2)))
        for column in columns:
            checked += 1
            row = captures[code_line] if code_line < len(captures) else []
            actual = row[column] if column < len(row) else None
            if actual != m.group(3):
                failures += 1
                print(f"{fixture}:{code_line + 1}:{column + 1}: expected {m.group(3)}, found {actual}")
    print(f"highlight: {checked} assertions")
    print(f"{checked - failures} passed, {failures} failed")
    sys.exit(1 if failures or not checked else 0)


if __name__ == "__main__":
    main()
