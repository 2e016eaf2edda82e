#!/usr/bin/python3
"""Writes the seed corpus of fuzz_office (tests/fuzz/corpus/office/).

The seeds are small office files made from the project's own pipe example
(examples/002_*.txt, its header and first rows) with python3-openpyxl and
python3-docx, an .xls converted from the workbook by LibreOffice headless
when soffice is installed, and hostile files built here: a zip bomb in
miniature, a truncated zip, parts with entity definitions (billion laughs,
an external entity). Every seed starts with the byte that picks the reader
in fuzz_office.c (0 sniffed, 1 xlsx, 2 docx, 3 xls, 4 csv).

Usage: /usr/bin/python3 tests/fuzz/make_office_seeds.py
Run it again when the example changes; the files are committed.
"""
import glob
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

import docx
import openpyxl

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus", "office")
PICK = {"sniffed": 0, "xlsx": 1, "docx": 2, "xls": 3, "csv": 4}
ROWS = 5  # data rows kept from the example: seeds of a few KB


def example_rows():
    path = glob.glob(os.path.join(ROOT, "examples", "002_*.txt"))[0]
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            # cut long cells: the shape matters, not the prose
            rows.append([c[:40] for c in cells])
            if len(rows) > ROWS:
                break
    return rows


def save(name, data, fmt):
    for pick in sorted({"sniffed", fmt}):
        with open(os.path.join(OUT, "%s.%s-%s" % (name, fmt, pick)), "wb") as f:
            f.write(bytes([PICK[pick]]) + data)


def xlsx_bytes(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "民生实事"
    ws.append(["2022年8月民生实事项目进展情况"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r in rows:
        ws.append(r)
    # rates as numbers with a percent format, a department merged down
    for i in range(3, 3 + ROWS):
        c = ws.cell(row=i, column=4)
        c.value = 0.72
        c.number_format = "0%"
    ws.merge_cells(start_row=3, start_column=5, end_row=4, end_column=5)
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden.append(["x"])
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def docx_bytes(rows):
    d = docx.Document()
    d.add_paragraph("2022年8月民生实事项目进展情况")
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, r in enumerate(rows):
        for j, v in enumerate(r[: len(rows[0])]):
            t.cell(i, j).text = v
    t.cell(1, 4).merge(t.cell(2, 4))  # a vertical merge
    b = io.BytesIO()
    d.save(b)
    return slim_docx(b.getvalue())


def slim_docx(data):
    """python-docx's default template holds 30 KB of styles, theme and
    fonts that the reader never opens: keep the parts it reads."""
    keep = ("[Content_Types].xml", "_rels/.rels", "word/document.xml",
            "word/_rels/document.xml.rels")
    src = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name in keep:
            z.writestr(name, src.read(name))
    return b.getvalue()


def prose_docx_bytes():
    path = glob.glob(os.path.join(ROOT, "examples", "004_*.txt"))[0]
    d = docx.Document()
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines()[:12]:
            d.add_paragraph(line[:120])
    b = io.BytesIO()
    d.save(b)
    return slim_docx(b.getvalue())


def replace_member(data, member, content):
    src = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = content if item.filename == member else src.read(item.filename)
            z.writestr(item.filename, body)
    return b.getvalue()


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
          + "".join('<!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                    for i in range(1, 10))
          + ']>\n')
XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def main():
    os.makedirs(OUT, exist_ok=True)
    # the seeds are rewritten; crash-* and leak-* regressions are kept
    rows = example_rows()
    x = xlsx_bytes(rows)
    w = docx_bytes(rows)
    save("pipe-example", x, "xlsx")
    save("pipe-example", w, "docx")
    save("prose-example", prose_docx_bytes(), "docx")
    csv = "\r\n".join(",".join('"%s"' % c.replace('"', '""') for c in r) for r in rows)
    save("pipe-example", csv.encode("utf-8"), "csv")
    save("pipe-example-gbk", csv.encode("gb18030"), "csv")
    # hostile: a bomb in miniature (1 MiB of one byte per member), a cut zip,
    # entity definitions in the parts the readers parse
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", zipfile.ZipFile(io.BytesIO(x)).read("[Content_Types].xml"))
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (1 << 20) + b"/>")
    save("bomb", b.getvalue(), "xlsx")
    save("truncated", x[: len(x) // 2], "xlsx")
    save("truncated", w[: len(w) * 2 // 3], "docx")
    # openpyxl writes inline strings: the laughs go into the sheet itself
    sheet = zipfile.ZipFile(io.BytesIO(x)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    sheet = sheet[sheet.index("?>") + 2:] if sheet.startswith("<?xml") else sheet
    sheet = sheet.replace("<is><t>", "<is><t>&lol9;", 1)
    save("laughs", replace_member(x, "xl/worksheets/sheet1.xml", LAUGHS + sheet), "xlsx")
    body = XXE + ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    save("xxe", replace_member(w, "word/document.xml", body), "docx")
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "example.xlsx")
            with open(src, "wb") as f:
                f.write(x)
            subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xls", "--outdir", tmp, src],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            with open(os.path.join(tmp, "example.xls"), "rb") as f:
                save("pipe-example", f.read(), "xls")


if __name__ == "__main__":
    main()
