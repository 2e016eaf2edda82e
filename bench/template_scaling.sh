#!/usr/bin/env bash
# bench/template_scaling.sh - how the template engine scales with the
# number of tags on one line (issue 11 item 4).
#
#   bash bench/template_scaling.sh                  # N = 10^3 .. 10^6
#   NS="1000 100000" RUNS=3 bash bench/template_scaling.sh
#
# For each N, writes two templates of N `{{x}}` tags: all on one line, and
# one tag per line (the peer: a line's length never mattered there), and
# times RUNS runs of `bulletin template T data.json` on each (user+sys CPU
# of the child, median), checking the output has N values. Prints CPU per
# tag for both and their ratio; linear is a flat time per tag and a ratio
# near 1 at every N. Run by hand, not in ctest (test_template renders
# 200,000 tags on one line as a smoke check).
#
# Environment: BULLETIN (default build/bulletin), NS, RUNS (default 5),
# WORK (default /tmp/bulletin-template-bench).
set -u
export BULLETIN=${BULLETIN:-build/bulletin}
export NS=${NS:-1000 10000 100000 1000000}
export RUNS=${RUNS:-5}
export WORK=${WORK:-/tmp/bulletin-template-bench}
[ -x "$BULLETIN" ] || { echo "no bulletin at $BULLETIN (build it, or set BULLETIN)"; exit 1; }
mkdir -p "$WORK"
exec python3 - <<'PY'
import os, resource, statistics, subprocess

binary, work, runs = os.environ['BULLETIN'], os.environ['WORK'], int(os.environ['RUNS'])
ns = sorted(int(n) for n in os.environ['NS'].split())
data = os.path.join(work, 'data.json')
with open(data, 'w') as f:
    f.write('{"x": "v"}')

def cpu(template, n):
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([binary, 'template', template, data], check=True,
                             stdout=subprocess.PIPE).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.count(b'v') != n:
            raise SystemExit('%s: %d values, expected %d' % (template, out.count(b'v'), n))
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)

print('| tags | one line: CPU s | µs per tag | one per line: CPU s | µs per tag | ratio |')
print('| ---: | ---: | ---: | ---: | ---: | ---: |')
for n in ns:
    one, many = os.path.join(work, 'one-%d.mustache' % n), os.path.join(work, 'lines-%d.mustache' % n)
    if not os.path.exists(one):
        with open(one, 'w') as f:
            f.write('{{x}}' * n)
        with open(many, 'w') as f:
            f.write('{{x}}\n' * n)
    a, b = cpu(one, n), cpu(many, n)
    print('| %d | %.3f | %.2f | %.3f | %.2f | %.2f |' % (n, a, a / n * 1e6, b, b / n * 1e6, a / b if b else float('nan')))
PY
