#!/usr/bin/env python3
"""report.py RESULTS.tsv LOAD_BEFORE LOAD_AFTER SEED VERSIONS: the Markdown
report of a bench run (measurements, ratios, targets of issue 4).

RESULTS.tsv rows: N, tool, median seconds, runs, peak RSS MiB, tree PSS MiB
(or -), pages, bytes, load when the runs began, and "ok" or "failed" (the tool
wrote no PDF; the seconds are then how long it ran before giving up).
"""
import subprocess
import sys
import time

NAMES = {"bulletin": "bulletin pdf", "weasyprint": "WeasyPrint (HTML)",
         "chromium": "Chromium --print-to-pdf (HTML)"}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), "?")
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return nproc, cpu


def time_ratio(by, n, tool):
    """(value, text, exact) of tool's time over bulletin's; a failed peer
    gives a lower bound: it had not finished when it gave up."""
    a, b = by.get((n, tool)), by.get((n, "bulletin"))
    if not a or not b or b[9] != "ok" or float(b[2]) == 0:
        return None, "–", True
    v = float(a[2]) / float(b[2])
    if a[9] == "ok":
        return v, f"{v:.1f}×", True
    return v, f"≥ {v:.1f}× (no PDF)", False


def size_ratio(by, n, tool):
    a, b = by.get((n, tool)), by.get((n, "bulletin"))
    if not a or not b or a[9] != "ok" or b[9] != "ok":
        return None, "– (no PDF)" if a and a[9] != "ok" else "–"
    v = int(a[7]) / int(b[7])
    return v, f"{v:.2f}×"


def main():
    path, before, after, seed, versions = sys.argv[1:6]
    rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
    by = {(r[0], r[1]): r for r in rows}
    ns = list(dict.fromkeys(r[0] for r in rows))
    nproc, cpu = machine()
    out = []
    p = out.append
    p(f"Machine: {nproc} cores, {cpu}; load average {before} before, {after} "
      f"after; generator seed {seed}. The load column is the 1-minute load "
      f"average when that renderer's runs began.")
    p("")
    p(f"Versions: {versions}; run on {time.strftime('%Y-%m-%d %H:%M')}.")
    p("")
    p("| N | renderer | median wall (s) | runs | peak RSS (MiB) | pages | PDF bytes | load |")
    p("|--:|---|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        rss = r[4] + (f" (tree PSS {r[5]})" if r[5] != "-" else "")
        if r[9] == "ok":
            wall, pages, size = f"{float(r[2]):.3f}", r[6], f"{int(r[7]):,}"
        else:
            wall, pages, size = f"no PDF (gave up after {float(r[2]):.1f})", "–", "–"
        p(f"| {int(r[0]):,} | {NAMES.get(r[1], r[1])} | {wall} | {r[3]} | {rss} "
          f"| {pages} | {size} | {r[8]} |")
    p("")
    p("| N | WeasyPrint / bulletin (time) | Chromium / bulletin (time) "
      "| Chromium / bulletin (size) |")
    p("|--:|--:|--:|--:|")
    checks = []
    for n in ns:
        k = int(n)
        w, ws, _ = time_ratio(by, n, "weasyprint")
        c, cs, _ = time_ratio(by, n, "chromium")
        s, ss = size_ratio(by, n, "chromium")
        p(f"| {k:,} | {ws} | {cs} | {ss} |")
        if w is not None:
            need = 50 if k <= 130 else 25
            checks.append((f"N={k:,}: ≥{need}× faster than WeasyPrint",
                           "yes" if w >= need else "**no**", ws))
        if c is not None and k >= 1000:
            checks.append((f"N={k:,}: ≥5× faster than Chromium",
                           "yes" if c >= 5 else "**no**", cs))
        b = by.get((n, "bulletin"))
        if b and k >= 10000:
            checks.append((f"N={k:,}: peak RSS < 150 MiB",
                           "yes" if float(b[4]) < 150 else "**no**", f"{b[4]} MiB"))
            if s is not None:
                checks.append((f"N={k:,}: PDF ≤ ¼ of Chromium's",
                               "yes" if s >= 4 else "**no**", f"Chromium/bulletin {ss}"))
            elif by.get((n, "chromium")):
                checks.append((f"N={k:,}: PDF ≤ ¼ of Chromium's",
                               "not measurable", "Chromium wrote no PDF"))
    p("")
    p("| target | measured | holds |")
    p("|---|--:|:-:|")
    for name, verdict, val in checks:
        p(f"| {name} | {val} | {verdict} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
