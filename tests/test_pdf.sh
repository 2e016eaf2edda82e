#!/usr/bin/env bash
# The PDF briefing as a reader meets it (issue 4): pages, text, fonts,
# outline, links, non-blank pages, deterministic bytes, uncovered
# characters, and the GB/T 9704 geometry of --style gongwen, checked with
# poppler (pdfinfo, pdftotext, pdffonts, pdftoppm) and mutool.
set -u
export LC_ALL=C.UTF-8
B=${BULLETIN:-build/bulletin}
for tool in pdfinfo pdftotext pdffonts pdftoppm mutool qpdf; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then echo "FAIL: $tool missing"; exit 1; fi
    echo "skip: $tool missing"; exit 77
  fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION -- COMMAND...: passes when COMMAND succeeds
  local what=$1; shift 2
  if "$@" >/dev/null; then ok; else bad "$what"; fi
}

# Sequence numbers and content starts of every project, and the list
# titles, pulled out of the model with bulletin's own template command.
cat >"$T/projects.mustache" <<'EOF'
{{#documents}}{{#lists}}{{#projects}}@@{{{seq}}}	{{{content}}}
{{/projects}}{{/lists}}{{/documents}}
EOF
cat >"$T/lists.mustache" <<'EOF'
{{#documents}}{{#lists}}{{#title}}{{{title}}}
{{/title}}{{/lists}}{{/documents}}
EOF

# Text of pdftotext with all white space removed (cells wrap anywhere).
squash() { tr -d ' \t\n\r\f' <"$1"; }

# True when every page of $1 rendered at 20 dpi holds some ink.
pages_not_blank() {
  local pdf=$1 dir=$T/png
  rm -rf "$dir"; mkdir -p "$dir"
  pdftoppm -r 20 -gray "$pdf" "$dir/p" || return 1
  local f n
  for f in "$dir"/p-*.pgm; do
    # dark bytes; the PGM header has only a few below 128
    n=$(od -An -tu1 -v "$f" | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 {n++} END {print n + 0}')
    if [ "$n" -lt 20 ]; then echo "blank page: $f ($n dark pixels)" >&2; return 1; fi
  done
}

fonts_ok() { # embedded subset TrueType CJK faces, no Type 3
  local out=$1
  grep -q "CID TrueType" "$out" || { echo "no CID TrueType font" >&2; return 1; }
  if grep -q "Type 3" "$out"; then echo "Type 3 font" >&2; return 1; fi
  # every font row: emb yes, sub yes
  awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes") {bad = 1; print "not an embedded subset: " $0 > "/dev/stderr"} END {exit bad}' "$out"
}

for src in examples/*.txt; do
  stem=$(basename "$src" .txt)
  out=$T/$stem
  mkdir -p "$out"
  if ! "$B" pdf "$src" -o "$out" >"$T/stdout" 2>"$T/stderr"; then
    bad "$stem: bulletin pdf failed"; cat "$T/stderr"; continue
  fi
  ok
  pdf=$out/$stem.pdf
  check "$stem: PDF written" -- test -s "$pdf"
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  check "$stem: has pages ($pages)" -- test "${pages:-0}" -ge 1
  check "$stem: A4" -- grep -q "595.28 x 841.89 pts (A4)" <(pdfinfo "$pdf")
  pdfinfo "$pdf" >"$T/info"
  check "$stem: creator" -- grep -qE "^Creator: +bulletin [0-9]" "$T/info"
  check "$stem: title metadata" -- grep -qE "^Title: +.+" "$T/info"

  # every project's number and the start of its content
  pdftotext "$pdf" "$T/text.txt"
  pdftotext -layout "$pdf" "$T/layout.txt"
  squash "$T/text.txt" >"$T/squashed"
  "$B" parse "$src" -o "$T/model.json" 2>/dev/null
  # one line per project: content may span lines; keep its first
  "$B" template "$T/projects.mustache" "$T/model.json" |
    sed -n 's/^@@//p' >"$T/projects.tsv"
  n=0; missing=0
  while IFS=$'\t' read -r seq content; do
    [ -n "$seq" ] || continue
    n=$((n + 1))
    start=$(printf '%s' "$content" | tr -d ' \t\r' | head -c 200)
    start=${start:0:6}
    if ! grep -qE "(^|[^0-9])$seq([^0-9]|$)" "$T/layout.txt"; then
      missing=$((missing + 1)); echo "  $stem: seq $seq not found"
    elif ! grep -qF -- "$start" "$T/squashed"; then
      missing=$((missing + 1)); echo "  $stem: project $seq content '$start' not found"
    fi
  done <"$T/projects.tsv"
  check "$stem: $n projects' numbers and contents in the text" -- test "$missing" -eq 0
  check "$stem: projects read" -- test "$n" -ge 1

  pdffonts "$pdf" >"$T/fonts"
  check "$stem: fonts embedded as subsets, no Type 3" -- fonts_ok "$T/fonts"

  # the outline: every section and every list
  mutool show "$pdf" outline >"$T/outline" 2>/dev/null
  check "$stem: outline has sections" -- grep -q "、" "$T/outline"
  "$B" template "$T/lists.mustache" "$T/model.json" >"$T/lists"
  while read -r title; do
    [ -n "$title" ] || continue
    check "$stem: outline lists '$title'" -- grep -qF -- "$title" "$T/outline"
  done <"$T/lists"

  check "$stem: no blank page" -- pages_not_blank "$pdf"

  # determinism: the same input and SOURCE_DATE_EPOCH give the same bytes
  mkdir -p "$out/a" "$out/b"
  SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$src" -o "$out/a" >/dev/null 2>&1
  SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$src" -o "$out/b" >/dev/null 2>&1
  check "$stem: two runs give the same bytes" -- cmp -s "$out/a/$stem.pdf" "$out/b/$stem.pdf"
  check "$stem: creation date from SOURCE_DATE_EPOCH" -- \
    grep -q "CreationDate: .*Nov 14 22:13:20 2023" <(pdfinfo "$out/a/$stem.pdf")
done

# seed 000: footer, header repetition, links from the lagging table
s000=$T/000_03b3a4d07901329f/000_03b3a4d07901329f.pdf
p000=$(pdfinfo "$s000" | awk '/^Pages:/ {print $2}')
check "footer 第 1 页 共 N 页" -- grep -q "第 1 页 共 $p000 页" <(pdftotext -layout "$s000" -)
check "footer on the last page" -- grep -q "第 $p000 页 共 $p000 页" <(pdftotext -layout "$s000" -)
heads=$(pdftotext -layout "$s000" - | grep -cE "序号 +项目内容 +完成率 +责任单位 +进展状态 +进展情况")
check "table head repeated on the table's pages ($heads)" -- test "$heads" -ge 4
check "dests of lagging rows" -- grep -q '"list-3-p2"' <(pdfinfo -dests "$s000")
check "a link to them" -- grep -aq "/Dest (list-3-p2)" <(qpdf_plain "$s000")
check "seed 000 under 1 MB" -- test "$(stat -c %s "$s000")" -lt 1048576

# a row taller than a page: split between lines, continued with "(续)"
mkdir -p "$T/tall"
long=""
for i in $(seq 1 120); do long="${long}第${i}段：完成城市公园建设并通过竣工验收，民生实事系统销号；"; done
{
  echo "项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |"
  echo "(1)新建城市公园1个。 | 完成主体工程。 | 已完成。 | 100% | 市住建局 | 张三 |"
  echo "(2)改造老旧小区12个。 | 完成8个。 | ${long}ENDMARK。 | 72% | 市住建局 | 李四 |"
  echo "(3)新增托位100个。 | 完成。 | 已完成。 | 100% | 市卫生健康局 | 王五 |"
} >"$T/tall/tall.txt"
if "$B" pdf "$T/tall/tall.txt" -o "$T/tall" >/dev/null 2>"$T/stderr"; then
  ok
  tp=$(pdfinfo "$T/tall/tall.pdf" | awk '/^Pages:/ {print $2}')
  pdftotext "$T/tall/tall.pdf" - | tr -d ' \n' >"$T/tall/text"
  check "tall row: spread over pages ($tp)" -- test "$tp" -ge 3
  check "tall row: continued with (续)" -- grep -q "(续)" "$T/tall/text"
  check "tall row: every segment drawn once" -- test "$(grep -o "第[0-9]*段" "$T/tall/text" | sort -u | wc -l)" -eq 120
  check "tall row: no segment drawn twice" -- test "$(grep -o "第[0-9]*段" "$T/tall/text" | wc -l)" -eq 120
  check "tall row: its end drawn" -- grep -q "ENDMARK" "$T/tall/text"
  check "tall row: the row after it drawn" -- grep -q "新增托位100个" "$T/tall/text"
  check "tall row: no blank page" -- pages_not_blank "$T/tall/tall.pdf"
else
  bad "tall row: bulletin pdf failed"; cat "$T/stderr"
fi

# four-digit numbers (a city's ledger past 999 projects) stay on one line
# in the 序号 column of both tables, though the 督办清单's many columns
# squeeze it to its narrowest
mkdir -p "$T/wide"
{
  echo "序号 | 项目名称 | 责任单位 | 分管领导 | 进展状态 | 进展情况 | 完成率 |"
  for i in $(seq 1001 1012); do
    echo "$i | 新建城市公园${i}个并完成绿化提升工程建设任务 | 市住房和城乡建设局 | 张三 | 滞后 | 受征地影响进度滞后，主体工程尚未开工建设 | 35% |"
  done
} >"$T/wide/wide.txt"
if "$B" pdf "$T/wide/wide.txt" -o "$T/wide" >/dev/null 2>"$T/stderr"; then
  whole=$(pdftotext -layout "$T/wide/wide.pdf" - | grep -cE '^ *10(0[1-9]|1[0-2])( |$)')
  check "four-digit 序号 unbroken in the table and the 督办清单 ($whole of 24)" -- test "$whole" -eq 24
else
  bad "four-digit numbers: bulletin pdf failed"; cat "$T/stderr"
fi

# a 1 MB cell (issue 11 item 2): every character is drawn, the row going
# on over as many pages as it needs; 〇 marks every 18th character
mkdir -p "$T/huge"
units=19418 # 54 bytes each
{
  echo "项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |"
  echo "(1)新建城市公园1个。 | 完成主体工程。 | 已完成。 | 100% | 市住建局 | 张三 |"
  printf '(2)改造老旧小区12个。 | 完成。 | 已完成。'
  printf '%.0s项目推进工作情况良好各项任务落实到〇' $(seq "$units")
  echo "ENDMARK。 | 100% | 市住建局 | 李四 |"
  echo "(3)新增托位100个。 | 完成。 | 已完成。 | 100% | 市卫生健康局 | 王五 |"
} >"$T/huge/huge.txt"
if "$B" pdf "$T/huge/huge.txt" -o "$T/huge" >/dev/null 2>"$T/stderr"; then
  ok
  pdftotext "$T/huge/huge.pdf" - | tr -d ' \n' >"$T/huge/text"
  check "1 MB cell: all $units markers drawn" -- test "$(grep -o "〇" "$T/huge/text" | wc -l)" -eq "$units"
  check "1 MB cell: every character drawn" -- test "$(grep -o "落" "$T/huge/text" | wc -l)" -eq "$units"
  check "1 MB cell: its end drawn" -- grep -q "ENDMARK" "$T/huge/text"
  check "1 MB cell: continued with (续)" -- grep -q "(续)" "$T/huge/text"
  check "1 MB cell: the row after it drawn" -- grep -q "新增托位100个" "$T/huge/text"
else
  bad "1 MB cell: bulletin pdf failed"; cat "$T/stderr"
fi

# --jobs: the same bytes whatever the thread count (issue 12 item 3), for
# the examples and a 2,000-project report (laid out on workers with 2; the
# pages deflated by a pool with 3). One input per run: several would be
# written by worker processes of one thread each (documents in parallel:
# test_batch.sh).
mkdir -p "$T/jobs1" "$T/jobs2" "$T/jobs3"
python3 bench/gen_report.py 2000 -o "$T/r2000.txt"
for j in 1 2 3; do
  for f in examples/*.txt "$T/r2000.txt"; do
    SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$f" \
      -o "$T/jobs$j/" --jobs "$j" >/dev/null 2>"$T/stderr" || bad "--jobs $j failed ($f)"
  done
done
for f in "$T"/jobs1/*.pdf; do
  check "--jobs 1 and --jobs 2: same bytes (${f##*/})" -- cmp "$f" "$T/jobs2/${f##*/}"
  check "--jobs 1 and --jobs 3: same bytes (${f##*/})" -- cmp "$f" "$T/jobs3/${f##*/}"
done
check "--jobs: 4 PDFs compared" -- test "$(ls "$T"/jobs2/*.pdf | wc -l)" -eq 4
"$B" pdf examples/000_03b3a4d07901329f.txt -o "$T/jobs0" --jobs 0 >/dev/null 2>"$T/stderr"
check "--jobs 0 is a usage error" -- test $? -eq 2
check "--jobs in --help" -- grep -q -- "--jobs N" <("$B" pdf --help)

# The page and font streams are deflated whole by libdeflate at its
# fastest level (pdfw.h; cairo's through pdf_deflate.h): the zlib header
# says FLEVEL 0 for each of them, while the object and cross-reference
# streams, at level 6, say FLEVEL 2. For cairo's file, a link order in
# which libz's own deflateInit_ wins would show up here (zlib's default
# level writes FLEVEL 2 for every stream).
# zlib_levels PDF: "N0 N2", the streams whose zlib header says FLEVEL 0
# and FLEVEL 2, and "other" when any says something else.
zlib_levels() {
  python3 - "$1" <<'PY'
import re, sys
d = open(sys.argv[1], 'rb').read()
n = {0: 0, 2: 0}
other = 0
for m in re.finditer(rb'(?<!end)stream\r?\n', d):
    h = d[m.end():m.end() + 2]
    if len(h) == 2 and h[0] == 0x78 and (h[0] * 256 + h[1]) % 31 == 0:
        if h[1] >> 6 in n:
            n[h[1] >> 6] += 1
        else:
            other += 1
print(n[0], n[2], 'other' if other else '')
PY
}
read -r level0 level2 other < <(zlib_levels "$T/jobs1/r2000.pdf")
pages=$(pdfinfo "$T/jobs1/r2000.pdf" | awk '/^Pages:/ {print $2}')
check "page and font streams at libdeflate's level 1 ($level0 of FLEVEL 0 for $pages pages)" -- \
  test "$level0" -gt "$pages" -a "$level2" -ge 1 -a -z "$other"
SOURCE_DATE_EPOCH=1700000000 "$B" pdf --pdf-backend cairo "$T/r2000.txt" \
  -o "$T/r2000-cairo.pdf" >/dev/null 2>"$T/stderr" || bad "--pdf-backend cairo failed"
read -r level0 level2 other < <(zlib_levels "$T/r2000-cairo.pdf")
check "cairo's streams at libdeflate's level 1 ($level0 of FLEVEL 0 for $pages pages)" -- \
  test "$level0" -gt "$pages" -a "$level2" -ge 1 -a -z "$other"

# cairo's numbers are formatted by the program's own snprintf and
# __snprintf_chk (pdf_printf.h): the dynamic linker finds them before
# libc's only when the program exports them. The bytes are glibc's either
# way (tests/test_printf.c); only the time would tell.
exported=$(nm -D --defined-only "$B" | awk '$3 == "snprintf" || $3 == "__snprintf_chk"' | wc -l)
check "snprintf and __snprintf_chk exported for cairo ($exported of 2)" -- test "$exported" -eq 2
# With --jobs 2 cairo's streams are deflated by a pool beside the drawing
# thread (pdf_zpool.h), through the program's deflate and deflateEnd; the
# bytes are compared with --jobs 1's above.
exported=$(nm -D --defined-only "$B" | awk '$3 == "deflateInit_" || $3 == "deflate" || $3 == "deflateEnd"' | wc -l)
check "deflateInit_, deflate and deflateEnd exported for cairo ($exported of 3)" -- test "$exported" -eq 3

# --landscape
mkdir -p "$T/land"
check "--landscape runs" -- "$B" pdf examples/002_d2b346bc7988df13.txt -o "$T/land" --landscape
check "--landscape is A4 landscape" -- grep -q "841.89 x 595.28 pts" <(pdfinfo "$T/land/002_d2b346bc7988df13.pdf")

# a character no face covers: exit 1, named with its line, no PDF
mkdir -p "$T/bad"
sed 's/完成县中崛起一对一结对帮扶学校1所/完成县中崛起𪛖一对一结对帮扶学校1所/' \
  examples/000_03b3a4d07901329f.txt >"$T/bad/uncovered.txt"
line=$(grep -n "𪛖" "$T/bad/uncovered.txt" | cut -d: -f1)
"$B" pdf "$T/bad/uncovered.txt" -o "$T/bad/out/" >"$T/stdout" 2>"$T/stderr"
check "uncovered character: exit 1" -- test $? -eq 1
check "uncovered character: listed with its line" -- grep -q "𪛖 U+2A6D6 (line $line)" "$T/stderr"
check "uncovered character: no PDF" -- test ! -e "$T/bad/out/uncovered.pdf"
check "uncovered character: no temporary file" -- test -z "$(ls -A "$T/bad/out" 2>/dev/null)"
"$B" pdf "$T/bad/uncovered.txt" -o "$T/bad/out/" --allow-fallback >"$T/stdout" 2>"$T/stderr"
check "--allow-fallback: exit 0" -- test $? -eq 0
check "--allow-fallback: PDF written" -- test -s "$T/bad/out/uncovered.pdf"

# --style gongwen: GB/T 9704-2012 geometry from pdftotext -bbox
mkdir -p "$T/gw"
"$B" pdf examples/000_03b3a4d07901329f.txt -o "$T/gw" --style gongwen >/dev/null 2>&1
gw=$T/gw/000_03b3a4d07901329f.pdf
check "gongwen: PDF written" -- test -s "$gw"
pdftotext -bbox "$gw" "$T/gw/bbox.html"
# one line per word: page xMin yMin xMax yMax text (points)
awk '
  /<page / { page++ }
  /<word / {
    match($0, /xMin="[^"]*"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
    match($0, /yMin="[^"]*"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
    match($0, /xMax="[^"]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
    match($0, /yMax="[^"]*"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
    t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
    print page, x0, y0, x1, y1, t
  }' "$T/gw/bbox.html" >"$T/gw/words"
mm() { awk -v p="$1" 'BEGIN {printf "%.2f", p * 25.4 / 72}'; }
# the text block: every word but the page numbers inside 28..184 x 37..262
read -r left top right bottom < <(awk '
  $6 !~ /^(—|[0-9]+)$/ || $3 < 750 {
    if (!n++ || $2 < l) l = $2; if (n == 1 || $3 < t) t = $3
    if ($4 > r) r = $4; if ($5 > b) b = $5 }
  END {print l * 25.4 / 72, t * 25.4 / 72, r * 25.4 / 72, b * 25.4 / 72}' "$T/gw/words")
near() { awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= tol)}'; }
check "gongwen: left edge ≈ 28 mm ($left)" -- near "$left" 28.5 1.5
check "gongwen: top ≈ 37 mm ($top)" -- near "$top" 38 2
check "gongwen: right edge within 184 mm ($right)" -- awk -v r="$right" 'BEGIN {exit !(r <= 184.5 && r > 170)}'
check "gongwen: bottom within 262 mm ($bottom)" -- awk -v b="$bottom" 'BEGIN {exit !(b <= 262.5)}'
# page numbers "— N —": 14 pt, 7 mm below the block, outer side
awk '$6 ~ /^[0-9]+$/ && $3 > 750' "$T/gw/words" >"$T/gw/numbers"
check "gongwen: a page number on every page" -- test "$(wc -l <"$T/gw/numbers")" -eq "$(pdfinfo "$gw" | awk '/^Pages:/ {print $2}')"
while read -r page x0 y0 x1 y1 t; do
  mid=$(awk -v a="$y0" -v b="$y1" 'BEGIN {print (a + b) / 2 * 25.4 / 72}')
  check "gongwen: page $page number 7 mm below the block ($mid mm)" -- near "$mid" 269 1.5
  check "gongwen: page $page number is $page" -- test "$t" = "$page"
  size=$(awk -v a="$y0" -v b="$y1" 'BEGIN {print b - a}')
  check "gongwen: page number about 14 pt ($size)" -- near "$size" 15 3
  if [ $((page % 2)) -eq 1 ]; then
    # odd: right side, the closing dash one character in from 184 mm
    dash=$(awk -v p="$page" '$1 == p && $6 == "—" {x = $4} END {print x * 25.4 / 72}' "$T/gw/words")
    check "gongwen: odd page $page number at the right ($dash mm)" -- near "$dash" 179 1.5
  else
    dash=$(awk -v p="$page" '$1 == p && $6 == "—" && !x {x = $2} END {print x * 25.4 / 72}' "$T/gw/words")
    check "gongwen: even page $page number at the left ($dash mm)" -- near "$dash" 33 1.5
  fi
done <"$T/gw/numbers"
# body text: 16 pt on a fixed pitch (225 mm / 22 lines = 28.99 pt)
# (lines of one face: the most common word height among 16 pt words)
body_h=$(awk '$1 == 1 && ($5 - $3) > 15 && ($5 - $3) < 19 {printf "%.2f\n", $5 - $3}' "$T/gw/words" |
  sort | uniq -c | sort -rn | awk 'NR == 1 {print $2}')
pitch=$(awk -v h="$body_h" '$1 == 1 && sprintf("%.2f", $5 - $3) == h {print $3}' "$T/gw/words" |
  sort -n -u | awk 'NR > 1 && $1 - prev > 5 {print $1 - prev} {prev = $1}' | sort -n | head -1)
check "gongwen: body line pitch 28.99 pt ($pitch)" -- near "${pitch:-0}" 28.99 0.3

# every PDF this script wrote passes qpdf --check without a warning
if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
