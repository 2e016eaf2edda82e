#!/usr/bin/env python3
"""treepss.py CMD...: runs CMD and prints the peak summed PSS (KiB) of its
whole process tree, sampled every 50 ms.

/usr/bin/time -f %M reports the largest single process; Chromium spreads its
work over a browser, renderers and helpers, so this sums them. PSS rather than
RSS, so that pages the processes share are counted once.
"""
import os
import subprocess
import sys
import time


def tree(root):
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(pid))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    peak = 0
    while p.poll() is None:
        peak = max(peak, sum(pss(q) for q in tree(p.pid)))
        time.sleep(0.05)
    print(peak)


if __name__ == "__main__":
    main()
