#!/usr/bin/env python3
"""wording_compare.py PAGE.html BRIEFING.pdf - the column headers and the
section headings of the page (parsed from its HTML) and of the briefing
(read back with pdftotext -bbox-layout) are the same sets (issue 10.7).

Page: every <th scope="col"> of a <thead>; section headings are the h2
titles (without their .bl-section-sub, .bl-list-no, .bl-level-tag and
.bl-count parts), the chart titles and the h3 list and section titles.
Briefing: headings are the lines "一、X" and "（一）X"; a table's header row
is the words level with each "序号" that starts a row, grouped into cells
by overlapping x ranges (a header set on two lines is one cell).
White space is removed before comparing. Prints both sets and the
difference; exit 1 when they differ."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SKIP = {"bl-section-sub", "bl-list-no", "bl-level-tag", "bl-count"}
HEAD_CLASSES = {"bl-section-title", "bl-chart-title", "bl-lag-list-title", "bl-ind-section-title"}


def squash(s):
    return re.sub(r"\s+", "", s)


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []          # (tag, kind) kind: "head" | "col" | "skip" | None
        self.buf = None
        self.headers, self.headings = set(), set()
        self.in_thead = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = set((a.get("class") or "").split())
        kind = None
        if tag == "thead":
            self.in_thead += 1
        if self.buf is None and tag == "th" and a.get("scope") == "col" and self.in_thead:
            kind = "col"
        elif self.buf is None and cls & HEAD_CLASSES:
            kind = "head"
        elif self.buf is not None and cls & SKIP:
            kind = "skip"
        if kind in ("col", "head"):
            self.buf = []
        if tag in ("br", "img", "meta", "link", "input", "rect", "line", "circle", "path"):
            return
        self.stack.append((tag, kind))

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_thead -= 1
        while self.stack:
            t, kind = self.stack.pop()
            if kind in ("col", "head"):
                text = squash("".join(self.buf))
                (self.headers if kind == "col" else self.headings).add(text)
                self.buf = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.buf is not None and not any(k == "skip" for _, k in self.stack):
            self.buf.append(data)


def briefing(pdf):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout
    headings = set()
    for line in text.splitlines():
        m = re.match(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(.+)$", line)
        if m:
            headings.add(squash(m.group(1)))
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    xml = re.sub(r'\sxmlns="[^"]+"', "", xml, count=1)
    root = ET.fromstring(xml)
    headers = set()
    for page in root.iter("page"):
        words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                  float(w.get("yMax")), w.text or "") for w in page.iter("word")]
        for x0, y0, x1, y1, t in words:
            if t != "序号":
                continue
            h, mid = y1 - y0, (y0 + y1) / 2
            band = [w for w in words if abs((w[1] + w[3]) / 2 - mid) <= 1.1 * h and w[0] >= x0 - 1]
            band.sort()
            cells = []
            for w in band:
                if cells and w[0] < cells[-1]["x1"] - 0.5:
                    cells[-1]["words"].append(w)
                    cells[-1]["x1"] = max(cells[-1]["x1"], w[2])
                else:
                    cells.append({"x1": w[2], "words": [w]})
            for c in cells:
                ws = sorted(c["words"], key=lambda w: (round(w[1]), w[0]))
                headers.add(squash("".join(w[4] for w in ws)))
    return headers, headings


def main():
    page = Page()
    with open(sys.argv[1], encoding="utf-8") as f:
        page.feed(f.read())
    pdf_headers, pdf_headings = briefing(sys.argv[2])
    ok = True
    for what, a, b in (("column headers", page.headers, pdf_headers),
                       ("section headings", page.headings, pdf_headings)):
        print(f"{what}: page {len(a)}, briefing {len(b)}: {' | '.join(sorted(a))}")
        if a != b:
            ok = False
            print(f"  only on the page: {sorted(a - b)}")
            print(f"  only in the briefing: {sorted(b - a)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
