#!/usr/bin/env python3
"""site_check.py - the index of `bulletin site` against the reports' models.

usage: site_check.py INDEX.html MODEL.json

MODEL.json is `bulletin parse` of the same reports (compared in period
order). Prints one line per period row of the index's 各期概况 table and
exits 1 when a row's 项目/完成/滞后/完成占比/较上期 differ from the figures
computed here from the model: projects, done = ahead + done, lagging, the
share done/projects, and the lengths of the model's change lists. The rows
must come in period order."""
import json
import sys
from html.parser import HTMLParser


class Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_table = False
        self.rows, self.cell, self.depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag == 'table' and 'bl-site-cards' in dict(attrs).get('class', '') \
                and not self.rows and not self.in_table:
            self.in_table = True
        elif self.in_table and tag == 'tr':
            self.rows.append([])
        elif self.in_table and tag in ('th', 'td'):
            self.cell = ''
        elif tag == 'span' and (self.depth or 'bl-site-date' in dict(attrs).get('class', '')):
            self.depth += 1  # the publish date under the period

    def handle_endtag(self, tag):
        if tag == 'table' and self.in_table:
            self.in_table = False
        elif self.in_table and tag in ('th', 'td') and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None
        elif tag == 'span' and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.cell is not None and not self.depth:
            self.cell += data


def share(done, projects):
    v = round(100.0 * done / projects, 2)
    return ('%.2f' % v).rstrip('0').rstrip('.') + '%'


def main():
    p = Rows()
    p.feed(open(sys.argv[1], encoding='utf-8').read())
    rows = [r for r in p.rows[1:] if r]
    docs = json.load(open(sys.argv[2], encoding='utf-8'))['documents']
    docs.sort(key=lambda d: (d['period']['year'] or 0, d['period']['month'] or 0))
    bad = 0
    if len(rows) != len(docs):
        print('FAIL: %d rows for %d reports' % (len(rows), len(docs)))
        return 1
    for row, d in zip(rows, docs):
        lists = d['lists']
        projects = sum(l['summary']['projects'] for l in lists)
        done = sum(l['summary']['status_counts']['ahead'] +
                   l['summary']['status_counts']['done'] for l in lists)
        lagging = sum(l['summary']['lagging'] for l in lists)
        ch = d.get('changes')
        change = ('新完成%d · 新滞后%d · 新增%d · 未列%d' % (
            len(ch['newly_done']), len(ch['newly_lagging']), len(ch['added']),
            len(ch['removed'])) if ch else '—')
        want = ['%d年%d月' % (d['period']['year'], d['period']['month']),
                str(projects), str(done), str(lagging), share(done, projects)]
        got = row[:5]
        ok = got == want and row[6] == change
        bad += not ok
        print('%s %s | %s' % ('ok  ' if ok else 'FAIL', ' '.join(got + [row[6]]),
                              ' '.join(want + [change])))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
