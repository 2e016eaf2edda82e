#!/usr/bin/env python3
"""The written 通报 (issue 9.5) read back: the figures stated in the page's
paragraphs (the report's, and each list's when there are several) parsed
from the text and compared with the summary of `bulletin parse`.

tongbao_check.py MODEL.json DOC_INDEX PAGE.html [PDFTEXT...]
  MODEL.json  the output of `bulletin parse` (documents in its order)
  DOC_INDEX   which document of it the page shows
  PDFTEXT     pdftotext outputs of the briefing: each must hold every
              paragraph of the page (white space aside)
Prints one line per check that fails and exits 1 then; prints the checks
made and the paragraphs otherwise.
"""
import html
import json
import re
import sys

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def plain(fragment):
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(page):
    """(the report's paragraph, [each list's paragraph])."""
    doc = re.search(r'<section class="bl-tongbao[^"]*"[^>]*>\s*<p class="bl-tongbao-text">(.*?)</p>',
                    page, re.S)
    every = re.findall(r'<p class="bl-tongbao-text">(.*?)</p>', page, re.S)
    if not doc:
        return None, []
    return plain(doc.group(1)), [plain(p) for p in every[1:]]


def num(pattern, text, default=0):
    m = re.search(pattern, text)
    return int(m.group(1)) if m else default


def figures(t):
    """What the paragraph states, as numbers."""
    f = {}
    m = re.match(r"(?:截至[^，]*，)?.*?(\d+)项(?:（[^）]*）)?(中，|，)", t)
    f["projects"] = int(m.group(1)) if m else None
    m = re.search(r"已完成（含提前完成）(\d+)项，占([\d.]+)%", t)
    f["ahead_done"] = int(m.group(1)) if m else 0
    f["share"] = float(m.group(2)) if m else None
    f["mostly_done"] = num(r"；基本完成(\d+)项", t)
    f["on_schedule"] = num(r"；按序时推进(\d+)项", t)
    f["partial"] = num(r"；部分完成(\d+)项", t)
    f["not_done"] = num(r"；未完成(\d+)项", t)
    f["behind_status"] = num(r"；进度滞后(\d+)项", t)
    m = re.search(r"平均完成率([\d.]+)%", t)
    f["rate_mean"] = float(m.group(1)) if m else None
    f["lagging"] = num(r"列入督办清单(\d+)项", t)
    m = re.search(r"列入督办清单\d+项（(.*?)）(?:，|。)", t)
    f["named"] = re.findall(r"第(\S+?)项", m.group(1)) if m else []
    if "均为进度滞后项目" in t:
        f["behind"] = f["lagging"]
    else:
        f["behind"] = num(r"其中进度滞后(\d+)项", t, num(r"^.*。进度滞后(\d+)项。", t))
    m = re.search(r"与上[月期](?:（[^）]*）)?相比，(.*?)。", t)
    f["compare"] = None
    if m:
        c = m.group(1)
        f["compare"] = {
            "newly_done": num(r"新增完成(\d+)项", c),
            "newly_lagging": num(r"新列入督办清单(\d+)项", c),
            "recovered": num(r"退出督办清单(\d+)项", c),
            "stalled": num(r"(\d+)项进展无变化", c),
            "added": num(r"新增项目(\d+)项", c),
            "removed": num(r"减少项目(\d+)项", c),
        }
    return f


def expected(lists, changes, list_index):
    """The same figures from the model's summaries (all lists, or one)."""
    e = dict.fromkeys(["projects", "ahead_done", "mostly_done", "on_schedule", "partial",
                       "not_done", "behind_status", "unknown", "behind", "lagging"], 0)
    rated = 0
    rate_sum = 0.0
    named = []
    for i, l in enumerate(lists):
        s = l["summary"]
        c = s["status_counts"]
        e["projects"] += s["projects"]
        e["ahead_done"] += c["ahead"] + c["done"]
        for k in ("mostly_done", "on_schedule", "partial", "not_done", "unknown"):
            e[k] += c[k]
        e["behind_status"] += c["behind"]
        e["behind"] += s["behind"]
        e["lagging"] += s["lagging"]
        rated += s["rated"]
        rate_sum += (s["rate_mean"] or 0) * s["rated"]
        named += [p["seq"] for p in l["projects"] if p["lagging"]]
    # the share is stated with the done count, which is left out at 0
    e["share"] = 100.0 * e["ahead_done"] / e["projects"] if e["ahead_done"] else None
    e["rate_mean"] = rate_sum / rated if rated else None
    e["named"] = named[:10]
    e["compare"] = None
    if changes:
        e["compare"] = {}
        for k in ("newly_done", "newly_lagging", "recovered", "stalled", "added", "removed"):
            items = changes[k]
            if list_index is not None:
                title = lists[0]["title"]
                items = [it for it in items if it["list"] == title]
            e["compare"][k] = len(items)
    return e


def compare(got, want, what, rate_tolerance):
    unknown = want.pop("unknown")
    for k, v in want.items():
        g = got[k]
        if k in ("share", "rate_mean"):
            ok = (g is None) == (v is None) and (v is None or abs(g - v) <= rate_tolerance)
        elif k == "named":
            ok = [re.sub(r"[\uff10-\uff19]", lambda m: chr(ord(m.group()) - 0xFEE0), x) for x in g] == \
                [re.sub(r"[\uff10-\uff19]", lambda m: chr(ord(m.group()) - 0xFEE0), x) for x in v]
        else:
            ok = g == v
        check(ok, f"{what}: {k} stated {g!r}, the summary says {v!r}")
    # the status clauses add up to the total
    # the status clauses and the projects without a status (not named on
    # the public page) add up to the total
    parts = sum(got[k] for k in ("ahead_done", "mostly_done", "on_schedule", "partial",
                                 "not_done", "behind_status"))
    check(parts + unknown == got["projects"],
          f"{what}: the clauses add up to {parts} + {unknown} without status, not {got['projects']}")


def main():
    model = json.load(open(sys.argv[1], encoding="utf-8"))
    d = model["documents"][int(sys.argv[2])]
    page = open(sys.argv[3], encoding="utf-8").read()
    doc, per_list = paragraphs(page)
    check(doc is not None, "the page has no 通报 paragraph")
    if doc is None:
        return report([])
    lists = d["lists"]
    changes = d.get("changes")
    # rates in the JSON are rounded to two decimals: a mean of means may be
    # off by the rounding of each
    compare(figures(doc), expected(lists, changes, None), "report", 0.011)
    period = d.get("period") or {}
    check(doc.startswith("截至") == bool(period.get("month") or period.get("year")),
          "截至 exactly when the period is known")
    check(("相比" in doc) == bool(changes), "与上月相比 exactly when there is a previous report")
    check(not re.search(r"[^\d.]0项", doc), "no count of zero stated: " + doc)
    check("未注明" not in doc, "the public page never says 未注明: " + doc)
    if len(lists) > 1:
        check(len(per_list) == len(lists), f"{len(per_list)} list paragraphs for {len(lists)} lists")
        for i, (t, l) in enumerate(zip(per_list, lists)):
            compare(figures(t), expected([l], changes, i), f"list {i + 1}", 0.0051)
    else:
        check(per_list == [], "one list: its paragraph is the report's")
    for path in sys.argv[4:]:
        text = re.sub(r"\s+", "", open(path, encoding="utf-8").read())
        for t in [doc] + per_list:
            check(re.sub(r"\s+", "", t) in text, f"{path} lacks the paragraph: {t}")
    report([doc] + per_list)


def report(texts):
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print(f"tongbao: {checks} checks passed")
    for t in texts:
        print("  " + t)


main()
