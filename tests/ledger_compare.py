#!/usr/bin/env python3
"""ledger_compare.py A.json B.json: exit 0 when the two bulletin models are
the same bar where they were read from. Deleted before comparing, and only
these: each document's "source", "stem", "format" and "encoding" (the file
read and its kind), and every "line" key at any depth (source lines of lists,
projects, entries, indicators and warnings). Prints the first differing path
otherwise (exit 1)."""
import json
import sys

LOCATION_DOC_KEYS = ("source", "stem", "format", "encoding")


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "line"}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def normalise(model):
    for doc in model.get("documents", []):
        for k in LOCATION_DOC_KEYS:
            doc.pop(k, None)
    return strip(model)


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'first' if k in a else 'second'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        a = normalise(json.load(f))
    with open(sys.argv[2], encoding="utf-8") as f:
        b = normalise(json.load(f))
    d = first_difference(a, b)
    if d:
        print(d)
        sys.exit(1)


if __name__ == "__main__":
    main()
