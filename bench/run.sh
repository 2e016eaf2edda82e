#!/usr/bin/env bash
# bench/run.sh - times `bulletin pdf` against WeasyPrint and headless Chromium
# printing the project's own HTML bulletin of the same synthetic report.
#
#   bash bench/run.sh                     # N = 130 1000 10000
#   NS="130 1000" RUNS=3 bash bench/run.sh
#
# Environment (all optional):
#   BULLETIN      the CLI (default build/bulletin)
#   NS            report sizes (default "130 1000 10000")
#   SEED          generator seed (default 1)
#   RUNS          timed runs per peer for N < 10000 (default 5)
#   RUNS_LARGE    timed runs per peer for N >= 10000 (default 3)
#                 (bulletin itself runs twice as many times)
#   WEASY_RUNS_LARGE  WeasyPrint runs for N >= 10000 (default 1: it takes
#                 about 20 minutes there)
#   TOOLS         subset of "bulletin weasyprint chromium"
#   WORK          scratch directory (default /tmp/bulletin-bench)
#   TIMEOUT       seconds before one run is abandoned (default 3600)
#   NO_README=1   do not splice the table into bench/README.md
#   REUSE         tools whose earlier measurement in WORK is reused when what
#                 it depends on is unchanged (bulletin: input and binary;
#                 peers: the HTML and their version), e.g. REUSE=weasyprint
#                 re-times bulletin and Chromium only
#
# Writes bench/results.md and replaces the block between the results markers
# in bench/README.md. Wall time is the median of the runs; peak RSS is the
# largest /usr/bin/time -f %M of the runs (for Chromium, whose work is spread
# over several processes, %M is its largest process; the whole tree's PSS is
# sampled in one extra run and shown beside it). A tool that writes no PDF
# (Chromium's renderer crashes on the 10,000-project bulletin and still exits
# 0) is tried twice and reported as failed, with the time it ran.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BULLETIN=${BULLETIN:-$root/build/bulletin}
NS=${NS:-"130 1000 10000"}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
WEASY_RUNS_LARGE=${WEASY_RUNS_LARGE:-1}
TOOLS=${TOOLS:-"bulletin weasyprint chromium"}
WORK=${WORK:-/tmp/bulletin-bench}
TIMEOUT=${TIMEOUT:-3600}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

die() { echo "run.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 not found ($2)"; }

[ -x "$BULLETIN" ] || die "no bulletin binary at $BULLETIN (build it or set BULLETIN)"
need python3 "Python 3 runs the generator"
need pdfinfo "apt-get install poppler-utils"
[ -x /usr/bin/time ] || die "/usr/bin/time missing (apt-get install time)"
case " $TOOLS " in *" weasyprint "*) need weasyprint "apt-get install weasyprint" ;; esac
case " $TOOLS " in *" chromium "*) [ -x "$CHROMIUM" ] || die "no $CHROMIUM" ;; esac

mkdir -p "$WORK"
BULLETIN=$(cd "$(dirname "$BULLETIN")" && pwd)/$(basename "$BULLETIN")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# measure RUNS OUT CMD...: one run of CMD, which must write the PDF OUT.
# Appends "microseconds rss_kib ok|failed" to RUNS; returns 1 when the command
# fails or writes no PDF. Wall time from date +%s%N around /usr/bin/time
# (whose own %e has only 10 ms resolution); output goes to $WORK/last.log.
measure() {
    local runs=$1 out=$2 t0 t1 rc=0 status=ok
    shift 2
    rm -f "$out"
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$WORK/rss" timeout "$TIMEOUT" "$@" \
        >"$WORK/last.log" 2>&1 || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
        status=failed
        echo "run.sh: exit status $rc, $( [ -s "$out" ] && echo "PDF written" || echo "no PDF"): $1" >&2
        grep -v 'dbus\|cpufreq\|unexpected operator' "$WORK/last.log" | tail -3 >&2 || true
    fi
    echo "$(( (t1 - t0) / 1000 )) $(tail -1 "$WORK/rss" | tr -dc 0-9) $status" >>"$runs"
    [ "$status" = ok ]
}

# run_once TOOL N OUT: one timed run of TOOL on report N writing OUT.
run_once() {
    local tool=$1 n=$2 out=$3 d=$WORK/n$2
    case $tool in
    bulletin)
        measure "$d/$tool.runs" "$out" "$BULLETIN" pdf "$d/bench_$n.txt" -o "$d/pdf" ;;
    weasyprint)
        measure "$d/$tool.runs" "$out" weasyprint "$d/html/bench_$n.html" "$out" ;;
    chromium)
        measure "$d/$tool.runs" "$out" "$CHROMIUM" --headless --no-sandbox \
            --disable-gpu --disable-background-networking \
            --no-pdf-header-footer --user-data-dir="$d/profile" \
            --print-to-pdf="$out" "file://$d/html/bench_$n.html" ;;
    esac
}

# What a measurement depends on: the input and binary for bulletin, the HTML
# and the peer's version for the peers; and the number of runs.
key_of() {
    local tool=$1 n=$2 k=$3 d=$WORK/n$2
    case $tool in
    bulletin) cat "$d/bench_$n.txt" "$BULLETIN" ;;
    weasyprint) cat "$d/html/bench_$n.html"; weasyprint --version ;;
    chromium) cat "$d/html/bench_$n.html"; "$CHROMIUM" --version 2>/dev/null ;;
    esac | md5sum | cut -d' ' -f1 | sed "s/\$/-$k/"
}

# stats RUNS -> "median_s runs max_rss_mib status" over the successful runs,
# or over the failed ones when none succeeded.
stats() {
    python3 - "$1" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
ok = [r for r in rows if r[2] == "ok"]
use, status = (ok, "ok") if ok else (rows, "failed")
t = statistics.median(int(r[0]) / 1e6 for r in use)
m = max(int(r[1] or 0) for r in use) / 1024
print(f"{t:.3f} {len(use)} {m:.1f} {status}")
EOF
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# Counts the projects `bulletin parse` reads back (sum of every "projects"
# array in its JSON).
parsed_projects() {
    "$BULLETIN" parse "$1" | python3 -c '
import json, sys
def walk(x):
    if isinstance(x, dict):
        return sum(len(v) if k == "projects" and isinstance(v, list) else walk(v)
                   for k, v in x.items())
    if isinstance(x, list):
        return sum(walk(v) for v in x)
    return 0
print(walk(json.load(sys.stdin)))'
}

# bench_tool TOOL N RUNS: measures TOOL on report N, appends its row.
bench_tool() {
    local tool=$1 n=$2 k=$3 d=$WORK/n$2 out key load i med nr rss status tree
    case $tool in
    bulletin) out=$d/pdf/bench_$n.pdf ;;
    weasyprint) out=$d/weasy/bench_$n.pdf ;;
    chromium) out=$d/chrome/bench_$n.pdf ;;
    esac
    key=$(key_of "$tool" "$n" "$k")
    if [[ " ${REUSE:-} " == *" $tool "* ]] && [ -f "$d/$tool.row" ] &&
        [ "$(cat "$d/$tool.key" 2>/dev/null)" = "$key" ]; then
        echo "   $tool: reusing the measurement of $(date -r "$d/$tool.row" '+%F %T')" >&2
        cat "$d/$tool.row" >>"$results"
        return
    fi
    rm -f "$d/$tool.row" "$d/$tool.key"
    : >"$d/$tool.runs"
    load=$(cut -d' ' -f1 /proc/loadavg)
    for ((i = 1; i <= k; i++)); do
        # A failed run is tried once more (Chromium now and then fails to
        # start its GPU process on a busy machine); two failures end it.
        if ! run_once "$tool" "$n" "$out" && ! run_once "$tool" "$n" "$out"; then
            echo "   $tool failed twice at N=$n" >&2
            break
        fi
        echo "   $tool run $i: $(tail -1 "$d/$tool.runs")" >&2
    done
    read -r med nr rss status <<<"$(stats "$d/$tool.runs")"
    tree=-
    if [ "$tool" = chromium ] && [ "$status" = ok ]; then
        tree=$(python3 "$here/treepss.py" "$CHROMIUM" --headless --no-sandbox \
            --disable-gpu --disable-background-networking --no-pdf-header-footer \
            --user-data-dir="$d/profile" --print-to-pdf="$d/chrome/tree.pdf" \
            "file://$d/html/bench_$n.html")
        tree=$(awk -v k="$tree" 'BEGIN { printf "%.0f", k / 1024 }')
    fi
    local pg=- size=-
    if [ "$status" = ok ]; then
        pg=$(pages "$out")
        size=$(stat -c %s "$out")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$med" "$nr" \
        "$rss" "$tree" "$pg" "$size" "$load" "$status" >"$d/$tool.row"
    echo "$key" >"$d/$tool.key"
    cat "$d/$tool.row" >>"$results"
}

results=$WORK/results.tsv
: >"$results"
for n in $NS; do
    d=$WORK/n$n
    rm -rf "$d/html" "$d/profile" "$d/chrome/tree.pdf"
    mkdir -p "$d/html" "$d/pdf" "$d/weasy" "$d/chrome" "$d/profile"
    gen=$d/bench_$n.txt
    python3 "$here/gen_report.py" "$n" --seed "$SEED" -o "$gen"
    got=$(parsed_projects "$gen")
    [ "$got" = "$n" ] || die "bulletin parse read $got projects from $gen, expected $n"
    "$BULLETIN" html "$gen" -o "$d/html" >/dev/null
    [ -s "$d/html/bench_$n.html" ] || die "bulletin html wrote no $d/html/bench_$n.html"
    runs=$RUNS
    [ "$n" -ge 10000 ] && runs=$RUNS_LARGE
    echo "== N=$n: $(wc -c <"$gen") bytes of input, $got projects read back," \
        "$runs runs (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    for tool in $TOOLS; do
        k=$runs
        [ "$tool" = weasyprint ] && [ "$n" -ge 10000 ] && k=$WEASY_RUNS_LARGE
        # bulletin's runs are short: more of them steady its median on a
        # shared machine.
        [ "$tool" = bulletin ] && k=$((runs * 2))
        bench_tool "$tool" "$n" "$k"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

versions="$("$BULLETIN" --version 2>/dev/null | head -1)"
case " $TOOLS " in *" weasyprint "*) versions="$versions; $(weasyprint --version 2>/dev/null | head -1)" ;; esac
case " $TOOLS " in *" chromium "*) versions="$versions; $("$CHROMIUM" --version 2>/dev/null | head -1)" ;; esac
python3 "$here/report.py" "$results" "$load_before" "$load_after" "$SEED" \
    "$versions" >"$WORK/results.md"

cp "$WORK/results.md" "$here/results.md"
cat "$here/results.md"
if [ -z "${NO_README:-}" ] && [ -f "$here/README.md" ] &&
    grep -q '<!-- results -->' "$here/README.md"; then
    python3 - "$here/README.md" "$here/results.md" <<'EOF'
import sys
readme, res = sys.argv[1], open(sys.argv[2]).read().strip()
s = open(readme).read()
a, b = s.index("<!-- results -->"), s.index("<!-- /results -->")
open(readme, "w").write(s[:a] + "<!-- results -->\n" + res + "\n" + s[b:])
EOF
    echo "run.sh: table written to bench/results.md and bench/README.md" >&2
fi
