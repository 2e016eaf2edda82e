#!/usr/bin/env bash
# bench/parse_scaling.sh - how `bulletin parse` scales with the report's size.
#
#   bash bench/parse_scaling.sh                       # pipe shapes, N = 10000 100000
#   SHAPES=cells NS="9999 99999" bash bench/parse_scaling.sh
#
# For each shape of bench/gen_report.py (pipe: the table of examples/002_*;
# pipe-seq: a table with a 序号 column) and each N, generates the report of
# N projects, checks that `bulletin parse` reads it back with exactly N
# projects, then times RUNS runs of `bulletin parse FILE -o model.json`:
# wall time and user+sys CPU time (medians), peak RSS (the largest). Prints
# one row per report and, per shape, the ratio of the largest N's times to
# the smallest's. Linear is the ratio of the sizes (10 for 10000 -> 100000);
# the acceptance is at most 1.2 times that (12). Run by hand, not in ctest.
#
# Environment (all optional):
#   BULLETIN   the CLI (default build/bulletin)
#   SHAPES     gen_report.py shapes (default "pipe pipe-seq")
#   NS         report sizes (default "10000 100000")
#   RUNS       timed runs per report (default 5)
#   SEED       generator seed (default 1)
#   WORK       scratch directory (default /tmp/bulletin-parse-bench); the
#              generated reports are kept there and reused
#
# Exits 1 when a report is not read back whole or a ratio is above the
# acceptance, 0 otherwise.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BULLETIN=${BULLETIN:-build/bulletin}
export SHAPES=${SHAPES:-pipe pipe-seq}
export NS=${NS:-10000 100000}
export RUNS=${RUNS:-5}
export SEED=${SEED:-1}
export WORK=${WORK:-/tmp/bulletin-parse-bench}
[ -x "$BULLETIN" ] || { echo "no bulletin at $BULLETIN (build it, or set BULLETIN)"; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed"; exit 1; }
mkdir -p "$WORK"

exec python3 - "$here/gen_report.py" <<'PY'
import json, os, statistics, subprocess, sys, time

gen = sys.argv[1]
binary = os.environ['BULLETIN']
shapes = os.environ['SHAPES'].split()
ns = sorted(int(n) for n in os.environ['NS'].split())
runs = int(os.environ['RUNS'])
seed = os.environ['SEED']
work = os.environ['WORK']
SLACK = 1.2  # acceptance: time ratio <= SLACK * size ratio


def run(cmd):
    """(exit code, wall s, user+sys s, max RSS KiB, stderr) of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, \
        err.decode('utf-8', 'replace').strip()


def projects_of(path):
    m = json.load(open(path, encoding='utf-8'))
    return sum(len(l.get('projects') or []) for d in m.get('documents') or []
               for l in d.get('lists') or [])


bad = False
rows = {}
print(f'bulletin parse scaling: {binary}, {runs} runs per report, seed {seed}')
print()
print('| shape | N | input | projects read | wall (median) | CPU user+sys (median) | peak RSS |')
print('|---|---:|---:|---:|---:|---:|---:|')
for shape in shapes:
    for n in ns:
        path = os.path.join(work, f'{shape}-{n}-s{seed}.txt')
        if not os.path.exists(path):
            subprocess.run([sys.executable, gen, str(n), '--seed', seed, '--shape', shape,
                            '-o', path], check=True)
        out = os.path.join(work, 'model.json')
        size = f'{os.path.getsize(path) / 1e6:.1f} MB'
        rc, *_, err = run([binary, 'parse', path, '-o', out])
        got = projects_of(out) if rc == 0 else None
        if rc != 0 or got != n:
            bad = True
            why = f'exit {rc}: {err[:160]}' if rc else f'{got} of {n}'
            print(f'| {shape} | {n} | {size} | FAILED ({why}) | | | |')
            continue
        walls, cpus, rss = [], [], 0
        for _ in range(runs):
            rc, wall, cpu, maxrss, err = run([binary, 'parse', path, '-o', out])
            if rc != 0:
                bad = True
                break
            walls.append(wall)
            cpus.append(cpu)
            rss = max(rss, maxrss)
        if rc != 0:
            print(f'| {shape} | {n} | {size} | FAILED in a timed run (exit {rc}) | | | |')
            continue
        w, c = statistics.median(walls), statistics.median(cpus)
        rows[(shape, n)] = (w, c)
        print(f'| {shape} | {n} | {size} | {got} | {w:.3f} s | {c:.3f} s | {rss / 1024:.0f} MiB |')
    try:
        os.remove(os.path.join(work, 'model.json'))
    except OSError:
        pass

print()
lo, hi = ns[0], ns[-1]
for shape in shapes:
    if lo == hi:
        break
    if (shape, lo) not in rows or (shape, hi) not in rows:
        print(f'{shape}: ratio {hi}/{lo}: n/a (a report was not read)')
        continue
    (wl, cl), (wh, ch) = rows[(shape, lo)], rows[(shape, hi)]
    linear = hi / lo
    limit = SLACK * linear
    rw, rc_ = wh / wl, ch / cl
    verdict = 'ok' if max(rw, rc_) <= limit else 'ABOVE the acceptance'
    bad |= verdict != 'ok'
    print(f'{shape}: ratio {hi}/{lo}: wall {rw:.2f}, CPU {rc_:.2f} '
          f'(linear {linear:g}, acceptance <= {limit:g}): {verdict}')
sys.exit(1 if bad else 0)
PY
