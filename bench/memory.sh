#!/usr/bin/env bash
# bench/memory.sh - peak RSS of `bulletin parse` against the input's size
# (issue 11 item 4: at most 10 times the input for text inputs; 1,000,000
# pipe rows at most 1 GB).
#
#   bash bench/memory.sh
#
# The inputs (kept in WORK and reused):
#   pipe-1m.txt    1,000,000 rows of a five-column pipe table, each with a
#                  number, a content, one of 500 departments, a status and
#                  a rate (about 71 MB)
#   cells-200m.txt seven cell-per-line reports of bench/gen_report.py
#                  (99,999 projects each, seeds 2-7, then 25,000 of seed 8),
#                  one after the other: seven tables, about 200 MB
# Each is parsed once to a JSON file under /usr/bin/time -f %M (Debian
# package `time`); the table gives peak RSS, its ratio to the input, the
# CPU time and the projects read back. Exits 1 when a run fails or a ratio
# is above 10.
#
# Then the writers (issue 12 item 4): peak RSS of `bulletin build`, `pdf`
# and `html` on bench/gen_report.py reports of 10,000 projects (cell per
# line, seed 1) and 100,000 (pipe shape: the cell reader takes 5-digit
# numbers), with the targets at 100,000: build at most 300 MB, pdf at most
# 150 MB. BASELINE names a second binary (an older build) measured in the
# same run, next to BULLETIN, for before/after figures. WRITERS=0 skips
# this part, PARSE=0 the first.
#
# Environment: BULLETIN (default build/bulletin), WORK (default
# /tmp/bulletin-memory-bench), BASELINE, WRITERS, PARSE, SIZES (default
# "10000 100000"). Run by hand, not in ctest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BULLETIN=${BULLETIN:-build/bulletin}
export WORK=${WORK:-/tmp/bulletin-memory-bench}
[ -x "$BULLETIN" ] || { echo "no bulletin at $BULLETIN (build it, or set BULLETIN)"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (Debian package time)"; exit 1; }
mkdir -p "$WORK"
bad=0
if [ "${PARSE:-1}" != 0 ]; then
if [ ! -s "$WORK/pipe-1m.txt" ]; then
  python3 - "$WORK/pipe-1m.txt.part" <<'PY'
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write('序号 | 项目名称 | 责任单位 | 进展情况 | 完成率 |\n')
    for i in range(1, 1000001):
        f.write(f'{i} | 新建公园{i}号 | 第{i % 500}号建设局 | 已完工 | {i % 100}% |\n')
PY
  mv "$WORK/pipe-1m.txt.part" "$WORK/pipe-1m.txt"
fi
if [ ! -s "$WORK/cells-200m.txt" ]; then
  { for s in 2 3 4 5 6 7; do python3 "$here/gen_report.py" 99999 --seed "$s"; done
    python3 "$here/gen_report.py" 25000 --seed 8; } >"$WORK/cells-200m.txt.part"
  mv "$WORK/cells-200m.txt.part" "$WORK/cells-200m.txt"
fi
echo "| input | size | peak RSS | RSS / input | CPU user+sys | projects |"
echo "|---|---:|---:|---:|---:|---:|"
for f in pipe-1m.txt cells-200m.txt; do
  in=$WORK/$f
  out=$WORK/model.json
  if ! /usr/bin/time -f '%M %U %S' -o "$WORK/time" "$BULLETIN" parse "$in" -o "$out" 2>"$WORK/err"; then
    echo "| $f | FAILED: $(head -c 200 "$WORK/err") | | | | |"
    bad=1
    continue
  fi
  read -r kb user sys <"$WORK/time"
  size=$(stat -c %s "$in")
  projects=$(python3 -c 'import json,sys
print(sum(len(l["projects"]) for d in json.load(open(sys.argv[1]))["documents"] for l in d["lists"]))' "$out")
  ratio=$(python3 -c "print(f'{$kb * 1024 / $size:.2f}')")
  python3 -c "import sys; sys.exit(0 if $kb * 1024 <= 10 * $size else 1)" || bad=1
  printf '| %s | %.1f MB | %.0f MiB | %s | %.1f s | %s |\n' "$f" \
    "$(python3 -c "print($size / 1e6)")" "$(python3 -c "print($kb / 1024)")" \
    "$ratio" "$(python3 -c "print($user + $sys)")" "$projects"
  rm -f "$out"
done
fi

# ---- the writers ---------------------------------------------------------
if [ "${WRITERS:-1}" != 0 ]; then
  echo
  echo "| binary | projects | command | peak RSS | CPU user+sys | wall |"
  echo "|---|---:|---|---:|---:|---:|"
  for n in ${SIZES:-10000 100000}; do
    in=$WORK/report-$n.txt
    if [ ! -s "$in" ]; then
      shape=cells
      [ "$n" -gt 99999 ] && shape=pipe
      python3 "$here/gen_report.py" "$n" --shape "$shape" -o "$in.part" && mv "$in.part" "$in"
    fi
    for bin in ${BASELINE:+"$BASELINE"} "$BULLETIN"; do
      for cmd in build pdf html; do
        out=$WORK/out-$cmd
        rm -rf "$out"
        if ! /usr/bin/time -f '%M %U %S %e' -o "$WORK/time" "$bin" "$cmd" "$in" -o "$out/" \
            >/dev/null 2>"$WORK/err"; then
          echo "| $bin | $n | $cmd | FAILED: $(head -c 200 "$WORK/err") | | |"
          bad=1
          continue
        fi
        read -r kb user sys wall <"$WORK/time"
        printf '| %s | %s | %s | %.0f MB | %.1f s | %.1f s |\n' "$bin" "$n" "$cmd" \
          "$(python3 -c "print($kb * 1024 / 1e6)")" "$(python3 -c "print($user + $sys)")" "$wall"
        if [ "$bin" = "$BULLETIN" ] && [ "$n" -ge 100000 ]; then
          limit=0
          [ "$cmd" = build ] && limit=300
          [ "$cmd" = pdf ] && limit=150
          python3 -c "import sys; sys.exit(0 if $limit == 0 or $kb * 1024 <= $limit * 1e6 else 1)" || bad=1
        fi
        rm -rf "$out"
      done
    done
  done
fi
exit $bad
