#!/usr/bin/env python3
"""make_series.py - three consecutive monthly reports of one office from one
example, edited the way a month changes a report (issue 9.6's tests).

usage: make_series.py EXAMPLE OUTDIR

EXAMPLE is examples/000_*.txt (2023年10月, published 2023-11-21). Written:
OUTDIR/2023年8月.txt, 2023年9月.txt and 2023年10月.txt (the example itself).
Going back from October: the month in every title and the publish date move
back; the last project of the last list (第31项) is not yet listed (it is
added in October); of the projects reported 提前完成年度任务, the first 12
(August) or 5 (September) are still 序时推进 (so 7 finish in September and
5 in October); every 完成率 stated in the progress text is 80% (August) or
90% (September) of October's. 第30项 (未完成) reads the same every month.
"""
import os
import re
import sys

DONE = '提前完成年度任务'
LAST = '\n\n31\n\n完成罗阳镇公园路图书馆后侧游园工程'


def earlier(text, month, published, still_running, factor):
    text = text.replace('2023年10月', '2023年%d月' % month)
    text = text.replace('2023-11-21', published)
    start = text.index(LAST)
    end = text.index('运动中心', start) + len('运动中心')
    text = text[:start] + text[end:]
    for _ in range(still_running):
        text = text.replace(DONE, '序时推进', 1)

    def scale(m):
        value = float(m.group(2)) * factor
        return '%s%s%%' % (m.group(1), ('%.2f' % value).rstrip('0').rstrip('.'))
    return re.sub(r'(完成率达?)(\d+(?:\.\d+)?)%', scale, text)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        october = f.read()
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    months = {
        '2023年8月.txt': earlier(october, 8, '2023-09-21', 12, 0.8),
        '2023年9月.txt': earlier(october, 9, '2023-10-20', 5, 0.9),
        '2023年10月.txt': october,
    }
    for name, text in months.items():
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            f.write(text)


if __name__ == '__main__':
    main()
