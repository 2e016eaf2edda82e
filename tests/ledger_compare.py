#!/usr/bin/env python3
"""ledger_compare.py A.json B.json [A.json B.json ...]: exit 0 when each
pair of bulletin models is the same bar where it was read from. Deleted before comparing, and only
these: each document's "source", "stem", "format" and "encoding" (the file
read and its kind), and every "line" key at any depth (source lines of lists,
projects, entries, indicators and warnings). Prints each pair's first differing path
otherwise (exit 1), and how many pairs were the same."""
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


def load(path):
    with open(path, encoding="utf-8") as f:
        return normalise(json.load(f))


def main():
    pairs = list(zip(sys.argv[1::2], sys.argv[2::2]))
    if not pairs or len(sys.argv) % 2 != 1:
        sys.exit("usage: ledger_compare.py A.json B.json [A.json B.json ...]")
    same = 0
    for a, b in pairs:
        d = first_difference(load(a), load(b))
        if d:
            print(f"{a}: {d}")
        else:
            same += 1
    print(f"{same} of {len(pairs)} models the same")
    sys.exit(0 if same == len(pairs) else 1)


if __name__ == "__main__":
    main()
