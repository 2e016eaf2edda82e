#!/usr/bin/env bash
# bench/bare.sh - bulletin pdf against the bare Pango/Cairo renderer of the
# same table (bench/bare_render.c), in interleaved rounds.
#
#   bash bench/bare.sh                    # N = 130 1000 10000, 7 rounds
#   NS="130 1000" ROUNDS=5 bash bench/bare.sh
#
# Environment (all optional):
#   BULLETIN  the CLI (default build/bulletin)
#   NS        report sizes (default "130 1000 10000"; 100000 and more are
#             written as pipe tables, as in bench/memory.sh)
#   ROUNDS    rounds per size (default 7; 3 for N >= 10000)
#   WORK      scratch directory (default /tmp/bulletin-bare)
#   SEED      generator seed (default 1)
#   TYPST=1   also time Typst (bench/typst_peer.mjs; npm installs
#             @myriaddreamin/typst-ts-node-compiler into WORK the first time)
#   BASELINE  another bulletin binary timed in the same rounds (e.g. the
#             build of main before a change), printed beside it
#
# Each round runs, one after the other, `bulletin pdf` (default --jobs),
# `bulletin pdf --jobs 1` and bare_render, so the three meet the same load;
# the ratios are taken within a round (paired) and their medians printed,
# with the medians of the times themselves, peak RSS and the load average
# before and after. bulletin's time includes reading the text report;
# bare_render gets `bulletin parse` JSON, made once before the rounds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BULLETIN=${BULLETIN:-$root/build/bulletin}
NS=${NS:-"130 1000 10000"}
WORK=${WORK:-/tmp/bulletin-bare}
SEED=${SEED:-1}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

[ -x "$BULLETIN" ] || { echo "bare.sh: no bulletin at $BULLETIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bare.sh: apt-get install time" >&2; exit 1; }
mkdir -p "$WORK"
bare=$WORK/bare_render
if [ ! -x "$bare" ] || [ "$here/bare_render.c" -nt "$bare" ]; then
    # shellcheck disable=SC2046
    cc -O2 -Wall -Wextra -o "$bare" "$here/bare_render.c" \
        $(pkg-config --cflags --libs pangocairo libcjson) -lm
fi

if [ "${TYPST:-0}" = 1 ] && [ ! -d "$WORK/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
    (cd "$WORK" && npm install --no-audit --no-fund @myriaddreamin/typst-ts-node-compiler >/dev/null)
fi

# one TOOL N OUT CMD...: appends "tool n wall_s cpu_s rss_kib" to $WORK/runs
one() {
    local tool=$1 n=$2 out=$3 t0 t1
    shift 3
    rm -f "$out"
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" ||
        { cat "$WORK/err" >&2; exit 1; }
    t1=$(date +%s%N)
    [ -s "$out" ] || { echo "bare.sh: $tool wrote no PDF" >&2; exit 1; }
    read -r u s m < <(tail -1 "$WORK/time")
    echo "$tool $n $(( (t1 - t0) / 1000 )) $u $s $m" >>"$WORK/runs"
}

: >"$WORK/runs"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $NS; do
    rounds=${ROUNDS:-$([ "$n" -ge 10000 ] && echo 3 || echo 7)}
    in=$WORK/bench_$n.txt
    shape=cells # the cell-per-line reader takes numbers of up to 5 digits
    [ "$n" -gt 99999 ] && shape=pipe
    python3 "$here/gen_report.py" "$n" --seed "$SEED" --shape "$shape" -o "$in"
    "$BULLETIN" parse "$in" >"$WORK/bench_$n.json"
    for r in $(seq "$rounds"); do
        one bulletin "$n" "$WORK/b.pdf" "$BULLETIN" pdf "$in" -o "$WORK/b.pdf"
        one bulletin-j1 "$n" "$WORK/b1.pdf" "$BULLETIN" pdf --jobs 1 "$in" -o "$WORK/b1.pdf"
        one bare "$n" "$WORK/bare.pdf" "$bare" "$WORK/bench_$n.json" "$WORK/bare.pdf"
        if [ "${TYPST:-0}" = 1 ]; then
            (cd "$WORK" && NODE_PATH=$WORK/node_modules one typst "$n" "$WORK/t.pdf" \
                node "$here/typst_peer.mjs" "$WORK/bench_$n.json" "$WORK/t.pdf")
        fi
        if [ -n "${BASELINE:-}" ]; then
            one baseline "$n" "$WORK/o.pdf" "$BASELINE" pdf "$in" -o "$WORK/o.pdf"
            one baseline-j1 "$n" "$WORK/o1.pdf" "$BASELINE" pdf --jobs 1 "$in" -o "$WORK/o1.pdf"
        fi
        echo "bare.sh: N=$n round $r/$rounds" >&2
    done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK/runs" "$load0" "$load1" "$(nproc)" <<'EOF'
import sys, statistics as st
runs, load0, load1, cores = sys.argv[1:]
rows = [l.split() for l in open(runs)]
by = {}
for tool, n, us, u, s, m in rows:
    by.setdefault((int(n), tool), []).append((int(us) / 1e6, float(u) + float(s), int(m)))
print(f"load average before {load0}, after {load1}; {cores} cores")
print("| N | rounds | bulletin wall | CPU | RSS MB | --jobs 1 wall | bare wall | CPU | RSS MB | wall ratio | CPU ratio | --jobs 1 wall ratio | CPU ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for n in sorted({k[0] for k in by}):
    b, b1, r = by[(n, "bulletin")], by[(n, "bulletin-j1")], by[(n, "bare")]
    med = lambda xs, i: st.median(x[i] for x in xs)
    ratio = lambda xs, i: st.median(x[i] / y[i] for x, y in zip(xs, r))
    print(f"| {n} | {len(r)} | {med(b,0):.2f} s | {med(b,1):.2f} s | {max(x[2] for x in b)/1024:.0f} "
          f"| {med(b1,0):.2f} s | {med(r,0):.2f} s | {med(r,1):.2f} s | {max(x[2] for x in r)/1024:.0f} "
          f"| {ratio(b,0):.2f}× | {ratio(b,1):.2f}× | {ratio(b1,0):.2f}× | {ratio(b1,1):.2f}× |")
typ = sorted(n for n, t in by if t == "typst")
if typ:
    print("\nTypst in the same rounds (paired medians; > 1: Typst slower):")
    print("| N | Typst wall | CPU | RSS MB | Typst / bulletin wall | CPU | Typst / bare wall |")
    print("|---|---|---|---|---|---|---|")
for n in typ:
    t, b, r = by[(n, "typst")], by[(n, "bulletin")], by[(n, "bare")]
    pr = lambda xs, ys, i: st.median(x[i] / y[i] for x, y in zip(xs, ys))
    print(f"| {n} | {st.median(x[0] for x in t):.2f} s | {st.median(x[1] for x in t):.2f} s "
          f"| {max(x[2] for x in t)/1024:.0f} | {pr(t,b,0):.1f}× | {pr(t,b,1):.1f}× | {pr(t,r,0):.1f}× |")
base = sorted(n for n, t in by if t == "baseline")
if base:
    print("\nBASELINE in the same rounds, against bare:")
    print("| N | baseline wall ratio | CPU ratio | --jobs 1 wall ratio | CPU ratio |")
    print("|---|---|---|---|---|")
for n in base:
    r = by[(n, "bare")]
    ratio = lambda xs, i: st.median(x[i] / y[i] for x, y in zip(xs, r))
    o, o1 = by[(n, "baseline")], by[(n, "baseline-j1")]
    print(f"| {n} | {ratio(o,0):.2f}× | {ratio(o,1):.2f}× | {ratio(o1,0):.2f}× | {ratio(o1,1):.2f}× |")
EOF
