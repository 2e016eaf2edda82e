#!/usr/bin/env bash
# Documents in parallel (issue 12.5): `bulletin build` of N reports of P
# projects (a province's counties: 100 of 130) with --jobs 1 against
# --jobs 2, paired in each round (the order alternates), ROUNDS rounds;
# medians of wall time, CPU (user+sys, workers included) and reports per
# second, the paired wall ratio, the load average at each round. Outputs of
# the two are compared (same files and bytes). By hand, not in ctest.
#
#   bench/batch.sh [BULLETIN] [N] [P] [ROUNDS]    (defaults: build/bulletin 100 130 3)
set -eu
BULLETIN=$(realpath "${1:-build/bulletin}")
N=${2:-100}
P=${3:-130}
ROUNDS=${4:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# The reports of bench/gen_report.py --seed 1..N, made in one Python process.
mkdir -p "$WORK/in"
python3 - "$HERE" "$WORK/in" "$N" "$P" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import gen_report as g
out, n, p = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for k in range(1, n + 1):
    with open(f"{out}/r{k:03d}.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(g.cells(p, k)) + "\n")
EOF

one() { # one JOBS ROUND: a timed build, "jobs round wall cpu load" on stdout
  local j=$1 r=$2 dir="$WORK/o$1" load t0 t1
  rm -rf "$dir"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/time" \
    "$BULLETIN" build "$WORK"/in/*.txt -o "$dir/" --jobs "$j" >/dev/null
  t1=$(date +%s.%N)
  read -r u s <"$WORK/time"
  echo "$j $r $(echo "$t1 - $t0" | bc) $(echo "$u + $s" | bc) $load"
}

: >"$WORK/runs"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="1 2"; else order="2 1"; fi
  for j in $order; do
    one "$j" "$r" | tee -a "$WORK/runs" >&2
  done
  diff -r "$WORK/o1" "$WORK/o2" >/dev/null || { echo "outputs differ" >&2; exit 1; }
done

python3 - "$WORK/runs" "$N" "$P" <<'EOF'
import statistics as st, sys
runs = [l.split() for l in open(sys.argv[1])]
n, p = int(sys.argv[2]), int(sys.argv[3])
by = {j: {int(r[1]): r for r in runs if r[0] == j} for j in ("1", "2")}
rounds = sorted(by["1"])
def med(j, col):
    return st.median(float(by[j][k][col]) for k in rounds)
ratio = st.median(float(by["2"][k][2]) / float(by["1"][k][2]) for k in rounds)
cpu_ratio = st.median(float(by["2"][k][3]) / float(by["1"][k][3]) for k in rounds)
loads = ", ".join(by[j][k][4] for k in rounds for j in ("1", "2"))
print(f"{n} reports of {p} projects, {len(rounds)} rounds, load average at each run: {loads}")
print("| --jobs | wall s | CPU s | reports/s |")
print("| --- | --- | --- | --- |")
for j in ("1", "2"):
    w = med(j, 2)
    print(f"| {j} | {w:.2f} | {med(j, 3):.2f} | {n / w:.1f} |")
print(f"paired medians, --jobs 2 / --jobs 1: wall {ratio:.2f}, CPU {cpu_ratio:.2f}")
EOF
