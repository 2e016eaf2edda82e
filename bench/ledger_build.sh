#!/usr/bin/env bash
# bench/ledger_build.sh - `bulletin build` on the Excel ledger against the
# same report as a pipe text.
#
#   bash bench/ledger_build.sh            # N = 10000, RUNS = 5
#
# Generates the pipe report of N projects (bench/gen_report.py --shape
# pipe), writes its ledger with `bulletin parse FILE -o ledger.xlsx`, checks
# that both read to the same model (tests/ledger_compare.py), then times
# `bulletin build` (JSON, HTML and PDF) on each, RUNS times, interleaved
# (pipe, ledger, pipe, ...), so both see the same machine. Prints the
# medians of wall and user+sys CPU time and the ledger/pipe ratios. The
# acceptance is a ratio of at most 1.5. Run by hand, not in ctest.
#
# Environment (all optional): BULLETIN (default build/bulletin), N, RUNS,
# SEED (default 1), WORK (default /tmp/bulletin-ledger-bench).
#
# Exits 1 when the models differ, a build fails, or a ratio is above 1.5.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BULLETIN=${BULLETIN:-build/bulletin}
export N=${N:-10000}
export RUNS=${RUNS:-5}
export SEED=${SEED:-1}
export WORK=${WORK:-/tmp/bulletin-ledger-bench}
[ -x "$BULLETIN" ] || { echo "no bulletin at $BULLETIN (build it, or set BULLETIN)"; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed"; exit 1; }
mkdir -p "$WORK"

exec python3 - "$here/gen_report.py" "$here/../tests/ledger_compare.py" <<'PY'
import os, shutil, statistics, subprocess, sys, time

gen, compare = sys.argv[1:3]
binary = os.environ['BULLETIN']
n, runs, seed, work = int(os.environ['N']), int(os.environ['RUNS']), os.environ['SEED'], os.environ['WORK']
LIMIT = 1.5


def run(cmd):
    """(wall s, user+sys s) of one run; exits on failure."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return wall, ru.ru_utime + ru.ru_stime


pipe = os.path.join(work, f'pipe-{n}.txt')
ledger = os.path.join(work, f'ledger-{n}.xlsx')
subprocess.run([sys.executable, gen, str(n), '--seed', seed, '--shape', 'pipe', '-o', pipe], check=True)
run([binary, 'parse', pipe, '-o', ledger])
run([binary, 'parse', pipe, '-o', os.path.join(work, 'pipe.json')])
run([binary, 'parse', ledger, '-o', os.path.join(work, 'ledger.json')])
same = subprocess.run([sys.executable, compare, os.path.join(work, 'pipe.json'),
                       os.path.join(work, 'ledger.json')], capture_output=True, text=True)
if same.returncode:
    sys.exit(f"the ledger reads to a different model: {same.stdout}")

times = {'pipe': [], 'ledger': []}
for i in range(runs):
    for name, src in (('pipe', pipe), ('ledger', ledger)):
        out = os.path.join(work, 'out-' + name)
        shutil.rmtree(out, ignore_errors=True)
        times[name].append(run([binary, 'build', src, '-o', out, '-q']))

med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
       for k, v in times.items()}
print(f"bulletin build, {n} projects, medians of {runs} interleaved runs")
print(f"{'input':8} {'bytes':>10} {'wall s':>8} {'cpu s':>8}")
for name, src in (('pipe', pipe), ('ledger', ledger)):
    print(f"{name:8} {os.path.getsize(src):>10} {med[name][0]:>8.2f} {med[name][1]:>8.2f}")
wall_ratio = med['ledger'][0] / med['pipe'][0]
cpu_ratio = med['ledger'][1] / med['pipe'][1]
print(f"ledger/pipe: wall {wall_ratio:.2f}, cpu {cpu_ratio:.2f} (acceptance <= {LIMIT})")
sys.exit(0 if max(wall_ratio, cpu_ratio) <= LIMIT else 1)
PY
