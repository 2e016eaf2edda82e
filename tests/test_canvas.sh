#!/usr/bin/env bash
# The direct PDF backend against cairo's (pdf_canvas.h): the same briefing
# written both ways has the same pages, the same text in the same order,
# the same look (every page rendered by poppler, pixel against pixel), and
# the direct file is valid, smaller, and has its faces embedded, subset and
# mapped to Unicode. Inputs: the three examples, a report with a settings
# file (PNG logo, colours, the gongwen look, 14 pt tables), the examples
# landscape, and a generated report of 300 projects.
set -u
export LC_ALL=C.UTF-8
B=${BULLETIN:-build/bulletin}
for tool in pdfinfo pdftotext pdffonts pdftoppm qpdf python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then echo "FAIL: $tool missing"; exit 1; fi
    echo "skip: $tool missing"; exit 77
  fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
export SOURCE_DATE_EPOCH=1700000000

# differing PGM PAGE_A PAGE_B: pixels whose grey differs by more than a
# quarter of the range, per million pixels of the page
differing() {
  python3 - "$1" "$2" <<'PY'
import sys
def pgm(p):
    d = open(p, 'rb').read()
    magic, dims, depth, px = d.split(b'\n', 3)
    return tuple(map(int, dims.split())), px
(sa, a), (sb, b) = pgm(sys.argv[1]), pgm(sys.argv[2])
if sa != sb:
    print(10**6); sys.exit()
print(sum(abs(x - y) > 64 for x, y in zip(a, b)) * 10**6 // len(a))
PY
}

# compare NAME ARGS...: writes the briefing both ways and compares
compare() {
  local name=$1; shift
  expect 0 "$name: direct" -- "$B" pdf "$@" -o "$T/$name.d.pdf"
  expect 0 "$name: cairo" -- "$B" pdf --pdf-backend cairo "$@" -o "$T/$name.c.pdf"
  local pd pc
  pd=$(pdfinfo "$T/$name.d.pdf" | awk '/^Pages:/ {print $2}')
  pc=$(pdfinfo "$T/$name.c.pdf" | awk '/^Pages:/ {print $2}')
  if [ -n "$pd" ] && [ "$pd" = "$pc" ]; then ok; else bad "$name: $pd pages, cairo $pc"; fi
  if cmp -s <(pdftotext -raw "$T/$name.d.pdf" -) <(pdftotext -raw "$T/$name.c.pdf" -); then ok; else
    bad "$name: the text differs: $(diff <(pdftotext -raw "$T/$name.d.pdf" -) <(pdftotext -raw "$T/$name.c.pdf" -) | head -4 | tr '\n' ' ')"
  fi
  local sd sc
  sd=$(stat -c %s "$T/$name.d.pdf")
  sc=$(stat -c %s "$T/$name.c.pdf")
  if [ "$sd" -le "$sc" ]; then ok; else bad "$name: direct $sd bytes, cairo $sc"; fi
  # every face embedded, subset, with a ToUnicode map, as one Type 0 font
  if pdffonts "$T/$name.d.pdf" | awk 'NR > 2 && !($3 == "TrueType" && $4 == "Identity-H" && $5 == "yes" && $6 == "yes" && $7 == "yes") {bad = 1} END {exit bad}'; then ok; else
    bad "$name: fonts: $(pdffonts "$T/$name.d.pdf" | tail -n +3 | tr '\n' ' ')"
  fi
  pdftoppm -r 72 -gray "$T/$name.d.pdf" "$T/$name-d"
  pdftoppm -r 72 -gray "$T/$name.c.pdf" "$T/$name-c"
  # Page 1's title is emboldened by stroking its outlines: poppler fills
  # and strokes such text as paths (the direct backend's text render mode
  # 2) but cairo's text with its font rasterizer and the stroke as a path,
  # so their edges differ by a pixel there; every other page must match.
  local worst=0 first=0 page diff
  for page in "$T/$name"-d-*.pgm; do
    diff=$(differing "$page" "${page/-d-/-c-}")
    case $page in
    *-d-1.pgm | *-d-01.pgm | *-d-001.pgm) first=$diff ;;
    *) [ "$diff" -gt "$worst" ] && worst=$diff ;;
    esac
  done
  echo "$name: $pd pages, $sd bytes (cairo $sc), pixels in a million that differ: page 1 $first, others at most $worst"
  if [ "$first" -le 2500 ] && [ "$worst" -le 50 ]; then ok; else
    bad "$name: the pages differ from cairo's: page 1 in $first pixels per million, another in $worst"
  fi
  rm -f "$T/$name"-[dc]-*.pgm
}

for src in examples/*.txt; do
  compare "$(basename "$src" .txt)" "$src"
  compare "$(basename "$src" .txt)-landscape" "$src" --landscape
done

mkdir -p "$T/s"
python3 tests/make_logo.py "$T/s/logo.png" 96
cat >"$T/s/bulletin.conf" <<'CONF'
[office]
name = 测试县人民政府办公室
logo = logo.png
footer = 测试县督查室 编印

[colours]
accent = #0a5c36
secondary = #123456

[output]
style = gongwen
font-size = 14
CONF
compare settings examples/002_d2b346bc7988df13.txt --config "$T/s/bulletin.conf"

python3 bench/gen_report.py 300 --seed 3 -o "$T/r300.txt"
compare r300 "$T/r300.txt"

# the links and destinations of the 督办清单 are cairo's
n_dests() { pdfinfo -dests "$1" | tail -n +2 | sort; }
if cmp -s <(n_dests "$T/r300.d.pdf") <(n_dests "$T/r300.c.pdf"); then ok; else bad "r300: the destinations differ"; fi
links() { python3 -c "import sys,re; print(len(re.findall(rb'/Subtype\s*/Link', open(sys.argv[1],'rb').read())))" "$1"; }
qpdf --qdf --object-streams=disable "$T/r300.d.pdf" "$T/r300.dq.pdf"
qpdf --qdf --object-streams=disable "$T/r300.c.pdf" "$T/r300.cq.pdf"
ld=$(links "$T/r300.dq.pdf")
lc=$(links "$T/r300.cq.pdf")
if [ "$ld" = "$lc" ] && [ "$ld" -gt 10 ]; then ok; else bad "r300: $ld links, cairo $lc"; fi
rm -f "$T"/*q.pdf "$T"/*.c.pdf

qpdf_check_all "$T" || fail=$((fail + 1))
echo "canvas: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
