#!/usr/bin/env python3
"""Differential test of the tree-sitter grammar against bclint's parser (bc_syntax).

Usage: differential.py COMMAND_LINES TREE_SITTER_TREES FILE...

COMMAND_LINES is the output of `cargo run -p bc_syntax --example command_lines -- FILE...`,
TREE_SITTER_TREES that of `tree-sitter parse` over the same files in the same order. For every
file, the two must agree on each command's keyword and lines (first line, and the line of its last
character that is not a blank or a line break). Where bc_syntax reports BC001 or BC002, the tree
must have an ERROR (or MISSING) node on that line; commands on lines an ERROR node covers are not
compared, as tree-sitter's error recovery may group them differently. Lines end at LF, CR LF or a
lone CR, as bclint counts them; tree-sitter's rows end at LF only, so positions go through byte
offsets.
"""
import re
import sys
from bisect import bisect_right

NODE = re.compile(r"\((\w+) \[(\d+), (\d+)\] - \[(\d+), (\d+)\]")


def line_starts(data, breaks):
    """Byte offsets where lines start; `breaks` is the regular expression of a line break."""
    return [0] + [m.end() for m in re.finditer(breaks, data)]


def read_bc(path):
    files, current = {}, None
    for line in open(path, encoding="utf-8"):
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "file":
            current = files.setdefault(rest, {"commands": [], "errors": []})
        elif kind == "command":
            keyword, start, last = rest.split()
            current["commands"].append((keyword, int(start), int(last)))
        elif kind == "error":
            code, at = rest.split()
            current["errors"].append((code, int(at)))
    return files


def read_trees(path):
    """One list of (kind, start point, end point) per `(source_file` tree, in order."""
    trees = []
    for line in open(path, encoding="utf-8"):
        for m in NODE.finditer(line):
            kind = m.group(1)
            if kind == "source_file":
                trees.append([])
            points = tuple(int(g) for g in m.groups()[1:])
            trees[-1].append((kind, points[:2], points[2:]))
        if "(MISSING" in line:
            m = re.search(r"\(MISSING [^\[]*\[(\d+), (\d+)\] - \[(\d+), (\d+)\]", line)
            if m:
                points = tuple(int(g) for g in m.groups())
                trees[-1].append(("MISSING", points[:2], points[2:]))
    return trees


def compare(path, bc, tree):
    data = open(path, "rb").read()
    rows = line_starts(data, rb"\n")  # tree-sitter's rows
    lines = line_starts(data, rb"\r\n|\n|\r")  # bclint's lines
    offset = lambda point: rows[point[0]] + point[1]
    line_of = lambda at: bisect_right(lines, at) - 1

    def last_char(start, end):
        text = data[start:end].rstrip(b" \t\r\n")
        return start + max(len(text), 1) - 1

    problems = []
    errors = []
    ts_commands = []
    for kind, start, end in tree:
        s, e = offset(start), offset(end)
        if kind in ("ERROR", "MISSING"):
            errors.append((line_of(s), line_of(max(s, e - 1))))
        elif kind.endswith("_instruction"):
            keyword = kind[: -len("_instruction")].upper()
            ts_commands.append((keyword, line_of(s), line_of(last_char(s, e))))
    in_error = lambda line: any(first <= line <= last for first, last in errors)

    for code, at in bc["errors"]:
        if not in_error(line_of(at)):
            problems.append(f"{code} on line {line_of(at) + 1}, but no ERROR node there")
    if not bc["errors"] and errors:
        problems.append(f"ERROR nodes on lines {[f + 1 for f, _ in errors]}, but bclint reports no BC001/BC002")
    expected = [
        (keyword, line_of(start), line_of(last))
        for keyword, start, last in bc["commands"]
        if keyword != "?"
    ]
    keep = lambda c: not (in_error(c[1]) or in_error(c[2]))
    expected = [c for c in expected if keep(c)]
    actual = [c for c in ts_commands if keep(c)]
    if expected != actual:
        show = lambda cs: ", ".join(f"{k} {a + 1}-{b + 1}" for k, a, b in cs)
        problems.append(f"commands differ:\n    bclint:      {show(expected)}\n    tree-sitter: {show(actual)}")
    return problems, len(expected), bool(bc["errors"])


def main():
    bc_path, trees_path, *files = sys.argv[1:]
    bc = read_bc(bc_path)
    trees = read_trees(trees_path)
    if len(trees) != len(files):
        sys.exit(f"tree-sitter printed {len(trees)} trees for {len(files)} files (did it crash?)")
    failed = commands = with_errors = 0
    for path, tree in zip(files, trees):
        problems, count, has_errors = compare(path, bc[path], tree)
        commands += count
        with_errors += has_errors
        if problems:
            failed += 1
            print(f"{path}:")
            for problem in problems:
                print(f"  {problem}")
    passed = len(files) - failed
    print(f"differential: {len(files)} files ({with_errors} with BC001/BC002), {commands} commands compared")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
