#!/usr/bin/python3
"""Writes the seed corpus of fuzz_template (tests/fuzz/corpus/template/):
each seed is a template, a NUL byte and JSON data. The templates are the
project's own (templates/, each with small data of the view's shape) and a
handful written here, one per feature the Mustache spec covers
(interpolation, sections, inverted sections, comments, delimiters,
standalone lines, partials with indentation, inheritance) and per syntax
error. The files are committed; run this again when templates/ changes.

Usage: python3 tests/fuzz/make_template_seeds.py
"""
import glob
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus", "template")

VIEW = {
    "title": "2022年8月<民生>实事", "projects": 3, "ahead_done": 1, "mostly_done": 1,
    "partial": True, "lists": [{"title": "市级", "rows": [{"seq": "1", "content": "A&B", "rate": "72%"}]}],
    "departments": [{"name": "市教育局", "anchor": "d1", "rate": 72.5}], "x": "<x>", "y": [1, 2],
}

OWN = {
    "interpolation": ("{{x}} {{{x}}} {{&x}} {{ lists.0.title }} {{missing}}|{{.}}", VIEW),
    "sections": ("{{#lists}}<h2>{{title}}</h2>{{#rows}}{{seq}}:{{content}}{{/rows}}{{/lists}}\n", VIEW),
    "inverted": ("{{^empty}}none{{/empty}}{{^y}}never{{/y}}{{#partial}}warn{{/partial}}", {"empty": [], "y": [0]}),
    "comments": ("a{{! a comment\nover lines }}b\n  {{! standalone }}\nc", {}),
    "delimiters": ("{{=<% %>=}}<% x %><%={{ }}=%>{{x}}\n{{= | | =}}|x|", {"x": "v"}),
    "standalone": ("| \n  {{#s}}\n  x\n  {{/s}}\n|\r\n  {{^s}}\r\n  {{/s}}\r\n", {"s": True}),
    "partials": ("<{{>a}}>\n  {{>b}}\n{{>missing}}\n", {"x": "p", "y": "q"}),
    "inheritance": ("{{<b}}{{$blk}}over {{x}}{{/blk}}{{/b}}\n{{$top}}default{{/top}}", {"x": 1}),
    "recursion": ("{{>loop}}", {}),
    "dotted": ("{{a.b.c}}{{#a}}{{b.c}}{{/a}}{{#a.b}}{{c}}{{/a.b}}", {"a": {"b": {"c": "deep"}}}),
    "numbers": ("{{n}} {{f}} {{t}} {{z}} {{o}}", {"n": 85, "f": 1.21, "t": True, "z": None, "o": {"k": [1]}}),
    "error-unclosed": ("{{#a}}\n{{#b}}\n{{/a}}", {}),
    "error-tag": ("line\n  {{x", {}),
    "error-delims": ("{{=a=}}", {}),
    "error-name": ("{{#}}{{/}}{{>}}", {}),
    "prefix-strip": ("{{$a}}\n{{/a}}{{<b}}\n{{$blk}}{{/blk}}\n{{/b}}", {}),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "seed-*")):
        os.unlink(f)
    for path in sorted(glob.glob(os.path.join(ROOT, "templates", "**", "*.mustache"), recursive=True)):
        name = os.path.basename(path).split(".")[0]
        with open(path, "rb") as f:
            text = f.read()
        with open(os.path.join(OUT, "seed-tpl-" + name), "wb") as f:
            f.write(text + b"\0" + json.dumps(VIEW, ensure_ascii=False).encode("utf-8"))
    for name, (text, data) in OWN.items():
        with open(os.path.join(OUT, "seed-" + name), "wb") as f:
            f.write(text.encode("utf-8") + b"\0" + json.dumps(data, ensure_ascii=False).encode("utf-8"))


if __name__ == "__main__":
    main()
