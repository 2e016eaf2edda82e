#!/usr/bin/env python3
"""Checks the typography rules of issue 10.2 on PDF briefings, from
`pdftotext -bbox-layout` (poppler): no line break inside a number and its
unit or before an office name's last character, table text at least a
given size, no page holding a lone row of a table or chart.

usage: typography_check.py MIN_PT RIGHT_MM NAMES_FILE PAGE_TEXT.xhtml...
RIGHT_MM is the right edge of the text block: no word goes past it (the
columns fit the page at that size).
NAMES_FILE holds department names as printed (one a line); words equal to
one of them are table or chart cells, and their size is their width over
their characters (CJK faces are full-width: an ideograph is one em).
Prints one line per finding and a summary; exits 1 on any finding."""
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/1999/xhtml}'
HAN = '\u3400-\u9fff\uf900-\ufaff'
UNIT = re.compile(r'(%|％|‰|万|亿|个百分点|百分点|平方|[元人户个项米亩吨年月日号倍岁])')
OFFICE = re.compile(r'[局办委会](?![%s])' % HAN)
HEADING = re.compile(r'^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)')
CHART_ROW = re.compile(r'\d+项·滞后\d+$')


def split_number(a, b):
    """Lines a then b of one cell cut a number from its unit or itself."""
    if re.search(r'[0-9０-９]$', a) and UNIT.match(b):
        return True
    if re.search(r'[0-9][.．,]$', a) and re.match(r'[0-9]', b):
        return True  # inside a number
    if re.search(r'[0-9][年月]$', a) and re.match(r'[0-9]+[月日]', b):
        return True  # inside a date
    return bool(re.search(r'[0-9][万亿]$', a) and re.match(r'[人元户亩吨个项]', b))


def pages_of(path):
    root = ET.parse(path).getroot()
    for page in root.iter(NS + 'page'):
        blocks = []
        for blk in page.iter(NS + 'block'):
            lines = []
            for ln in blk.iter(NS + 'line'):
                words = [(w.text or '', float(w.get('xMin')), float(w.get('xMax')))
                         for w in ln.iter(NS + 'word')]
                lines.append((''.join(t for t, _, _ in words), words))
            box = [float(blk.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax')]
            blocks.append((box, lines))
        blocks.sort(key=lambda b: (b[0][1], b[0][0]))
        yield float(page.get('height')), blocks


def segments(blocks, height):
    """Table and chart segments of a page: (kind, continued, rows, at_end)."""
    body = [b for b in blocks if 0.06 * height < b[0][1] < 0.92 * height]
    events = []  # (y, kind, data)
    for box, lines in body:
        text = ''.join(t for t, _ in lines).replace(' ', '')
        if text == '序号':
            events.append((box[1], 'head', box))
        elif '项目·滞后' in text and not CHART_ROW.search(text):
            events.append((box[1], 'chart', box))
        elif HEADING.match(text):
            events.append((box[1], 'heading', box))
        for t, _ in lines:
            if CHART_ROW.search(t.replace(' ', '')):
                events.append((box[1], 'chartrow', box))
    events.sort(key=lambda e: e[0])
    segs = []
    cur = None
    first_event = True
    for y, kind, box in events:
        if kind in ('head', 'chart', 'heading'):
            if cur:
                segs.append(cur)
            cur = None
            if kind != 'heading':
                cur = {'kind': kind, 'continued': first_event, 'rows': 0, 'box': box,
                       'y': y, 'end': True}
            first_event = False
        elif kind == 'chartrow' and cur and cur['kind'] == 'chart':
            cur['rows'] += 1
    if cur:
        segs.append(cur)
    # a table's rows: narrow blocks in the 序号 column below its head; a
    # segment's extent, to let a row taller than half a page stand alone
    for s in segs:
        nxt = min([e[0] for e in events if e[0] > s['y']] + [height])
        s['extent'] = max([b[0][3] for b in body if s['y'] <= b[0][1] < nxt] +
                          [s['y']]) - s['y']
        if s['kind'] != 'head':
            continue
        x0, x1 = s['box'][0] - 12, s['box'][2] + 12
        for box, lines in body:
            cx = (box[0] + box[2]) / 2
            if s['y'] + 1 < box[1] < nxt and x0 <= cx <= x1 and box[2] - box[0] < 45:
                s['rows'] += 1
    for i, s in enumerate(segs):
        s['end'] = i == len(segs) - 1
    return segs


def main():
    min_pt, right = float(sys.argv[1]), float(sys.argv[2]) * 72 / 25.4
    names = {n.strip() for n in open(sys.argv[3], encoding='utf-8') if n.strip()}
    names = {n for n in names if re.fullmatch('[%s]{2,}' % HAN, n)}
    findings, sizes, lines_seen = [], [], 0
    for path in sys.argv[4:]:
        pages = list(pages_of(path))
        segs = [segments(b, h) for h, b in pages]
        for n, (h, blocks) in enumerate(pages, 1):
            for box, lines in blocks:
                lines_seen += len(lines)
                for (a, _), (b, _) in zip(lines, lines[1:]):
                    if split_number(a, b):
                        findings.append('%s p%d: number split: "%s" / "%s"' % (path, n, a, b))
                    if OFFICE.match(b) and re.search('[%s]$' % HAN, a):
                        findings.append('%s p%d: office split: "%s" / "%s"' % (path, n, a, b))
                for _, words in lines:
                    for t, x0, x1 in words:
                        if x1 > right + 1.5:
                            findings.append('%s p%d: "%s" ends at %.1f mm, past %.1f mm' %
                                            (path, n, t, x1 * 25.4 / 72, right * 25.4 / 72))
                        if t in names:
                            sizes.append(((x1 - x0) / len(t), path, n, t))
            for s in segs[n - 1]:
                if s['rows'] != 1 or s['extent'] > 0.4 * h:
                    continue
                nxt = segs[n] if n < len(pages) else []
                goes_on = s['end'] and nxt and nxt[0]['continued'] and nxt[0]['kind'] == s['kind']
                if s['continued'] or goes_on:
                    findings.append('%s p%d: a lone %s row on the page' %
                                    (path, n, 'chart' if s['kind'] == 'chart' else 'table'))
    small = [x for x in sizes if x[0] < min_pt - 0.05]
    for pt, path, n, t in small[:5]:
        findings.append('%s p%d: "%s" at %.2f pt < %.2f' % (path, n, t, pt, min_pt))
    if not sizes:
        findings.append('no table text found to measure')
    for f in findings:
        print(f)
    print('checked %d lines, %d cell words (%.2f-%.2f pt): %d findings' % (
        lines_seen, len(sizes), min(s[0] for s in sizes) if sizes else 0,
        max(s[0] for s in sizes) if sizes else 0, len(findings)))
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())
