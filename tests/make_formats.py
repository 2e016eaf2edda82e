#!/usr/bin/env python3
"""Writes one example report in the shapes offices publish it in, from the
model that `bulletin parse` read from its text version (tests/test_formats.sh
compares what bulletin reads back from each).

    make_formats.py MODEL.json TEXT.txt OUTDIR STEM
    make_formats.py --compare TEXT-MODEL.json OTHER-MODEL.json

writes OUTDIR/STEM.html: a CMS page in GBK (<meta charset=gb2312>), the
content table inside the site's layout tables, Word-export markup
(MsoNormal, <o:p>, a <style> block in the body, text split over spans),
rowspan for a project with several entries and for a department heading
several rows; a narrative report (a model without a table) as paragraphs.
With openpyxl: OUTDIR/STEM.xlsx (title merged across the table, the same
merges, rates as numbers in a percent format). With python-docx:
OUTDIR/STEM.docx (gridSpan title row, vMerge for the same merges).
--compare prints where the second model's lists, projects, sequence numbers,
entry departments and rates differ from the first's and exits 1 if they do.
"""
import html
import json
import re
import sys


def esc(s):
    return html.escape(s or "", quote=True)


def columns(doc):
    """The table's columns, from what the model's entries carry."""
    ents = [e for l in doc["lists"] for p in l["projects"] for e in p["entries"]]
    cols = [("seq", "序号"), ("content", "项目内容")]
    if any(e["target"] for e in ents):
        cols.append(("target", "子项目标"))
    cols.append(("department", "责任单位"))
    if any(e["leader"] for e in ents):
        cols.append(("leader", "分管领导"))
    if any(e["planned"] for e in ents):
        cols.append(("planned", "计划进度"))
    if any(e["status_text"] for e in ents):
        cols.append(("status_text", "完成状态"))
    cols.append(("progress", "进展情况"))
    if any(e["rate_source"] == "column" for e in ents):
        cols.append(("rate", "完成率"))
    return cols


def rows_of(lst, cols):
    """One row per entry: [(text, rowspan)] with None for a covered cell.
    The number and content span a project's entries; a department (and a
    leader) spans the rows that repeat it, across projects too."""
    rows = []
    for p in lst["projects"]:
        for i, e in enumerate(p["entries"]):
            r = {}
            for key, _ in cols:
                if key in ("seq", "content"):
                    r[key] = (p[key] if i == 0 else None, len(p["entries"]) if i == 0 else 0)
                elif key == "rate":
                    r[key] = ("%g%%" % e["rates"][0] if e["rates"] and e["rate_source"] == "column" else "", 1)
                else:
                    r[key] = (e[key] or "", 1)
            rows.append(r)
    for key in ("department", "leader"):
        start = 0
        while start < len(rows):
            if key not in rows[start] or not rows[start][key][0]:
                start += 1
                continue
            end = start + 1
            while end < len(rows) and rows[end][key][0] == rows[start][key][0]:
                end += 1
            rows[start][key] = (rows[start][key][0], end - start)
            for k in range(start + 1, end):
                rows[k][key] = (None, 0)
            start = end
    return rows


def word_cell(text, rowspan=1, colspan=1, width=120):
    """A cell as Word's HTML export writes it: one MsoNormal paragraph per
    line, the text split over two spans, <o:p> closing each paragraph."""
    attrs = " width=%d valign=top style='width:%dpt;border:solid windowtext 1.0pt;padding:0cm 5.4pt'" % (width, width)
    if rowspan > 1:
        attrs += " rowspan=%d" % rowspan
    if colspan > 1:
        attrs += " colspan=%d" % colspan
    paras = []
    for line in (text or "").split("\n") or [""]:
        cut = len(line) // 2
        paras.append("<p class=MsoNormal style='line-height:15.0pt'><span style='font-family:宋体'>%s</span>"
                     "<span lang=EN-US style='font-family:宋体'>%s<o:p></o:p></span></p>"
                     % (esc(line[:cut]), esc(line[cut:])))
    return "<td%s>\n%s</td>" % (attrs, "\n".join(paras))


def page(doc, text):
    title = doc.get("title") or (doc["lists"][0]["title"] if doc["lists"] else "") or ""
    out = ["<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">",
           "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>",
           "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">",
           "<meta charset=gb2312>",
           "<title>%s</title>" % esc(title),
           "<meta name=\"ArticleTitle\" content=\"%s\">" % esc(title),
           "</head><body>",
           # the site's layout: a banner and a left column, with a rowspan of its own
           "<table width=1000 border=0 cellspacing=0 cellpadding=0 class=layout>",
           "<tr><td rowspan=2 width=180 class=nav><a href=\"/\">首页</a><br><a href=\"/col/xxgk\">信息公开</a><br><a href=\"/col/msss\">民生实事</a></td>",
           "<td height=60>您现在的位置：<a href=\"/\">首页</a> &gt; 信息公开</td></tr>",
           "<tr><td>%s</td></tr></table>" % esc(title),
           "<table width=\"100%%\" border=0><tr><td align=center><h2>%s</h2></td></tr>" % esc(title)]
    meta = []
    if doc.get("published"):
        meta.append("发布日期：%s" % doc["published"])
    if doc.get("office"):
        meta.append("来源：%s" % doc["office"])
    out.append("<tr><td align=center class=meta>%s&nbsp;&nbsp;字体：[ 大 中 小 ]</td></tr></table>" % "&nbsp;&nbsp;".join(esc(m) for m in meta))
    out.append("<div class=WordSection1><style>p.MsoNormal{margin:0cm;font-size:10.5pt;font-family:宋体}</style>")
    if doc["format"] == "prose":
        # a narrative report: its own paragraphs (the text version's lines,
        # cut where the site joined them with spaces)
        body = text.splitlines()[2:] if text.startswith("您现在的位置") else text.splitlines()
        for line in body:
            for para in re.split(r"\s+", line.strip()):
                if para:
                    out.append("<p class=MsoNormal style='text-indent:2em'><span style='font-family:仿宋_GB2312'>%s</span><o:p></o:p></p>" % esc(para))
    else:
        cols = columns(doc)
        for lst in doc["lists"]:
            if lst["title"]:
                out.append("<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt;font-family:黑体'>%s</span></b><o:p></o:p></p>" % esc(lst["title"]))
            out.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>")
            # each column one width, in <col> and in its cells, as Word writes
            # them (Calc places imported cells by these widths)
            width = {k: 40 if k in ("seq", "rate") else 120 for k, _ in cols}
            out.append("".join("<col width=%d>" % width[k] for k, _ in cols))
            out.append("<tr>" + "".join(word_cell(h, width=width[k]) for k, h in cols) + "</tr>")
            for r in rows_of(lst, cols):
                out.append("<tr>" + "".join(word_cell(r[k][0], r[k][1], width=width[k])
                                            for k, _ in cols if r[k][0] is not None) + "</tr>")
            out.append("</table>")
            out.append("<p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>")
    out.append("</div>")
    out.append("<table width=1000 class=footer><tr><td align=center>主办单位：县人民政府办公室</td></tr></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def prose_paragraphs(text):
    body = text.splitlines()[2:] if text.startswith("您现在的位置") else text.splitlines()
    return [p for line in body for p in re.split(r"\s+", line.strip()) if p]


def rate_value(cell):
    m = re.fullmatch(r"([0-9.]+)%", cell)
    return float(m.group(1)) / 100 if m else None


def xlsx(doc, text, path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    wb = Workbook()
    first = True
    if doc["format"] == "prose":
        ws = wb.active
        ws.title = "Sheet1"
        for i, para in enumerate(prose_paragraphs(text), 1):
            ws.cell(row=i, column=1, value=para)
        wb.save(path)
        return
    cols = columns(doc)
    for n, lst in enumerate(doc["lists"], 1):
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = "Sheet%d" % n
        row = 1
        if lst["title"]:
            ws.cell(row=1, column=1, value=lst["title"])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
            row = 2
        for c, (_, h) in enumerate(cols, 1):
            ws.cell(row=row, column=c, value=h)
        row += 1
        for r in rows_of(lst, cols):
            for c, (key, _) in enumerate(cols, 1):
                value, span = r[key]
                if value is None:
                    continue
                if key == "rate" and rate_value(value) is not None:
                    cell = ws.cell(row=row, column=c, value=rate_value(value))
                    cell.number_format = "0%" if float(value[:-1]).is_integer() else "0.00%"
                elif key == "seq" and value.isdigit():
                    ws.cell(row=row, column=c, value=int(value))
                else:
                    cell = ws.cell(row=row, column=c, value=value)
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                if span > 1:
                    ws.merge_cells(start_row=row, start_column=c, end_row=row + span - 1, end_column=c)
            row += 1
    wb.save(path)


def docx(doc, text, path):
    import docx as pydocx
    d = pydocx.Document()
    if doc.get("title"):
        d.add_paragraph(doc["title"])
    if doc["format"] == "prose":
        for para in prose_paragraphs(text):
            d.add_paragraph(para)
        d.save(path)
        return
    if doc.get("published"):
        d.add_paragraph("发布日期：%s" % doc["published"])
    cols = columns(doc)
    for lst in doc["lists"]:
        rows = rows_of(lst, cols)
        top = 1 if lst["title"] else 0
        t = d.add_table(rows=top + 1 + len(rows), cols=len(cols))
        t.style = "Table Grid"
        if lst["title"]:
            t.cell(0, 0).merge(t.cell(0, len(cols) - 1)).text = lst["title"]  # gridSpan
        for c, (_, h) in enumerate(cols):
            t.cell(top, c).text = h
        for i, r in enumerate(rows):
            for c, (key, _) in enumerate(cols):
                value, span = r[key]
                if value is None:
                    continue
                cell = t.cell(top + 1 + i, c)
                if span > 1:  # vMerge restart / continue
                    cell = cell.merge(t.cell(top + i + span, c))
                cell.text = value
        d.add_paragraph("")
    d.save(path)


def projection(path):
    """Exactly what the formats must agree on: lists (titles), projects,
    sequence numbers, entry departments and rates."""
    doc = json.load(open(path, encoding="utf-8"))["documents"][0]
    return [{"title": l["title"],
             "projects": [{"seq": p["seq"], "rate": p["rate"],
                           "entries": [{"department": e["department"], "rates": e["rates"]}
                                       for e in p["entries"]]}
                          for p in l["projects"]]}
            for l in doc["lists"]]


def differences(want, got, where="lists"):
    """The paths where got differs from want, first ones first."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [d for k in want for d in differences(want[k], got.get(k), "%s.%s" % (where, k))]
    if isinstance(want, list) and isinstance(got, list):
        out = [] if len(want) == len(got) else ["%s: %d elements, expected %d" % (where, len(got), len(want))]
        return out + [d for i, (w, g) in enumerate(zip(want, got)) for d in differences(w, g, "%s[%d]" % (where, i))]
    if isinstance(want, (int, float)) and isinstance(got, (int, float)) and abs(want - got) <= 1e-9 * max(1, abs(want)):
        return []
    return [] if want == got else ["%s: got %s, expected %s" % (where, json.dumps(got, ensure_ascii=False), json.dumps(want, ensure_ascii=False))]


def compare(want_path, got_path):
    diffs = differences(projection(want_path), projection(got_path))
    for d in diffs[:5]:
        print("    " + d)
    if len(diffs) > 5:
        print("    (%d more)" % (len(diffs) - 5))
    return 1 if diffs else 0


def main():
    if sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    model, textfile, outdir, stem = sys.argv[1:5]
    doc = json.load(open(model, encoding="utf-8"))["documents"][0]
    text = open(textfile, encoding="utf-8").read()
    with open("%s/%s.html" % (outdir, stem), "wb") as f:
        f.write(page(doc, text).encode("gbk", errors="xmlcharrefreplace"))
    xlsx(doc, text, "%s/%s.openpyxl.xlsx" % (outdir, stem))
    docx(doc, text, "%s/%s.python-docx.docx" % (outdir, stem))


if __name__ == "__main__":
    main()
