#!/usr/bin/env python3
"""split_check.py DIR INDEX.html MODEL.json LIMIT - the pages of a split
bulletin (issue 10.8): every page in DIR under LIMIT bytes; every link of
every page resolves (the file exists in DIR, the #fragment is an id in it);
every project of the model (parse JSON) is a row (th scope=row, id
list-L-pK) on exactly one page, the index holding none; the part pages
reach each other through previous/next from the index's first link. Prints
what it found; exit 1 on any failure."""
import json
import os
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.rows, self.next, self.prev = set(), [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            if a.get("rel") == "next":
                self.next = a["href"]
            if a.get("rel") == "prev":
                self.prev = a["href"]
        if tag == "th" and a.get("scope") == "row" and re.match(r"list-\d+-p\d+$", a.get("id", "")):
            self.rows.append(a["id"])


def main():
    d, index, model, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    pages = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".html"):
            p = Page()
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[f] = (p, os.path.getsize(os.path.join(d, f)))
    fails = []
    big = max(pages, key=lambda f: pages[f][1])
    print(f"{len(pages)} pages, largest {big} {pages[big][1]} bytes (limit {limit})")
    for f, (p, size) in pages.items():
        if size >= limit:
            fails.append(f"{f}: {size} bytes")
    links = 0
    for f, (p, _) in pages.items():
        for h in p.hrefs:
            target, _, frag = h.partition("#")
            target = target or f
            links += 1
            if target not in pages:
                fails.append(f"{f}: link {h}: no page {target}")
            elif frag and frag not in pages[target][0].ids:
                fails.append(f"{f}: link {h}: no id {frag} in {target}")
    print(f"{links} links checked")
    with open(model, encoding="utf-8") as fh:
        m = json.load(fh)
    want = [f"list-{li}-p{k}" for doc in m["documents"]
            for li, l in enumerate(doc["lists"], 1) for k in range(1, len(l["projects"]) + 1)]
    got = [r for f, (p, _) in pages.items() for r in p.rows]
    print(f"projects: {len(want)} in the model, {len(got)} rows on the pages, "
          f"{len(set(got))} distinct")
    if sorted(got) != sorted(want):
        fails.append(f"rows differ from the model's projects (missing "
                     f"{sorted(set(want) - set(got))[:3]}, extra or repeated "
                     f"{[r for r in set(got) if got.count(r) > 1][:3] or sorted(set(got) - set(want))[:3]})")
    if pages[index][0].rows:
        fails.append(f"{index} holds project rows")
    # the chain of next links from the first part (the one part without a
    # previous one) visits every part once; the index links to it first
    firsts = [f for f, (p, _) in pages.items() if f != index and p.prev is None]
    first = firsts[0] if len(firsts) == 1 else None
    linked = next((h for h in pages[index][0].hrefs if not h.startswith("#")), "")
    if linked.partition("#")[0] != first:
        fails.append(f"the index's first part link {linked} is not the first part {firsts}")
    seen, f = [], first
    while f and f in pages and f not in seen:
        seen.append(f)
        f = pages[f][0].next
    if len(seen) != len(pages) - 1:
        fails.append(f"next links reach {len(seen)} of {len(pages) - 1} parts")
    print(f"next links from {first}: {len(seen)} parts")
    for x in fails[:10]:
        print("FAIL:", x)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
