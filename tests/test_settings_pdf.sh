#!/usr/bin/env bash
# Issue 10 item 4 in the briefing: one settings file (name, PNG or SVG logo,
# colours, footer, contact, edition, font size) changes both the page and
# the PDF; options win over the file; broken logos are refused; `bulletin
# view` prints the data the page templates see.
set -u
B=${BULLETIN:-build/bulletin}
SRC_DIR=$(pwd)
case $B in /*) ;; *) B=$SRC_DIR/$B ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
for tool in pdftotext pdfimages pdftoppm pdfinfo python3; do
  if ! command -v $tool >/dev/null; then
    if [ "${CI:-}" = true ]; then echo "FAIL: $tool missing"; exit 1; fi
    echo "SKIP: $tool missing"; exit 0
  fi
done
export SOURCE_DATE_EPOCH=1700000000
S=examples/002_d2b346bc7988df13.txt # has 分管领导 in its source

# Pixels of rgb (within 12 per channel) in the pages rendered at 40 dpi:
# count_colour PDF RRGGBB [FIRST LAST]
count_colour() {
  local pdf=$1 hex=$2 first=${3:-1} last=${4:-99}
  pdftoppm -r 40 -f "$first" -l "$last" "$pdf" "$T/px" 2>/dev/null
  python3 - "$hex" "$T"/px*.ppm <<'PY'
import sys
hexc = sys.argv[1]
want = tuple(int(hexc[i:i + 2], 16) for i in (0, 2, 4))
n = 0
for path in sys.argv[2:]:
    data = open(path, 'rb').read()
    # P6 header: magic, width, height, maxval, each after whitespace
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        parts.append(data[start:pos])
    pix = data[pos + 1:]
    for i in range(0, len(pix) - 2, 3):
        if all(abs(pix[i + k] - want[k]) <= 12 for k in range(3)):
            n += 1
print(n)
PY
  rm -f "$T"/px*.ppm
}

mkdir -p "$T/s"
python3 tests/make_logo.py "$T/s/logo.png" 96
cat >"$T/s/bulletin.conf" <<'CONF'
[office]
name = 测试县人民政府办公室
logo = logo.png
footer = 测试县督查室 编印
contact = 联系人：王某　电话：0000-1234567

[colours]
accent = #0a5c36
secondary = #123456

[output]
edition = internal
style = gongwen
font-size = 14
CONF

# --- the page and the briefing from one file --------------------------------
expect 0 "html with settings" -- "$B" html "$S" --config "$T/s/bulletin.conf" -o "$T/page.html"
has "$T/page.html" '测试县人民政府办公室' "the page shows the name"
expect 0 "pdf with settings" -- "$B" pdf "$S" --config "$T/s/bulletin.conf" --style default -o "$T/set.pdf"
expect 0 "pdf without settings" -- "$B" pdf "$S" -o "$T/plain.pdf"
pages=$(pdfinfo "$T/set.pdf" | awk '/^Pages:/ {print $2}')
pdftotext -layout "$T/set.pdf" "$T/set.txt"
pdftotext -layout "$T/plain.pdf" "$T/plain.txt"
pdftotext -f 1 -l 1 "$T/set.pdf" "$T/p1.txt"
has "$T/p1.txt" '测试县人民政府办公室' "the briefing's masthead names the office"
n_footer=$(grep -c '测试县督查室 编印' "$T/set.txt")
n_contact=$(grep -c '联系人：王某 *电话：0000-1234567' "$T/set.txt")
n_pageno=$(grep -cE "第 [0-9]+ 页 共 $pages 页" "$T/set.txt")
if [ "$n_footer" -eq "$pages" ] && [ "$n_contact" -eq "$pages" ] && [ "$n_pageno" -eq "$pages" ]; then ok
else bad "footer $n_footer, contact $n_contact, page numbers $n_pageno on $pages pages"; fi
if ! grep -q '测试县' "$T/plain.txt"; then ok; else bad "settings text in a PDF without them"; fi
# the logo is an image of the PNG's size on page 1, and the only image
pdfimages -list "$T/set.pdf" >"$T/images.txt"
if awk 'NR > 2 && $1 == 1 && $4 == 96 && $5 == 96' "$T/images.txt" | grep -q .; then ok
else bad "no 96x96 logo image on page 1: $(cat "$T/images.txt")"; fi
if [ "$(pdfimages -list "$T/plain.pdf" | awk 'NR > 2' | wc -l)" -eq 0 ]; then ok; else bad "images without settings"; fi
# the colours: accent (masthead, rules) on page 1, secondary (table heads,
# bars) on the chart and table pages; none of either without settings
acc=$(count_colour "$T/set.pdf" 0a5c36 1 1)
sec=$(count_colour "$T/set.pdf" 123456)
acc0=$(count_colour "$T/plain.pdf" 0a5c36)
sec0=$(count_colour "$T/plain.pdf" 123456)
echo "accent pixels on page 1: $acc (without settings $acc0); secondary pixels: $sec ($sec0)"
if [ "$acc" -gt 200 ] && [ "$acc0" -eq 0 ]; then ok; else bad "accent colour: $acc, without settings $acc0"; fi
if [ "$sec" -gt 2000 ] && [ "$sec0" -eq 0 ]; then ok; else bad "secondary colour: $sec, without settings $sec0"; fi
# the logo's red and gold are drawn on page 1 only (the masthead)
red1=$(count_colour "$T/set.pdf" c8102e 1 1)
red2=$(count_colour "$T/set.pdf" c8102e 2 2)
if [ "$red1" -gt 20 ] && [ "$red2" -eq 0 ]; then ok; else bad "logo pixels: page 1 $red1, page 2 $red2"; fi

# --- font-size: the table text (pdftotext -bbox: the head word 序号) --------
seq_h() { pdftotext -bbox "$1" - | python3 -c "
import re, sys
for line in sys.stdin:
    m = re.search(r'yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">序号<', line)
    if m:
        print(round(float(m.group(2)) - float(m.group(1)), 2)); break
"; }
h_set=$(seq_h "$T/set.pdf")
h_plain=$(seq_h "$T/plain.pdf")
echo "table head 序号 height: $h_set pt with font-size = 14, $h_plain pt without (10.5 pt)"
if python3 -c "import sys; r = float('$h_set') / float('$h_plain'); sys.exit(0 if 1.25 < r < 1.42 else 1)" 2>/dev/null; then ok
else bad "font-size not applied to the tables: $h_set vs $h_plain"; fi

# --- the internal edition: 分管领导 in the full tables ------------------------
# (a narrow column: the head may wrap after 分管, so that is counted)
sed -e 's/^edition = internal/edition = public/' -e '/^font-size/d' "$T/s/bulletin.conf" >"$T/s/public.conf"
expect 0 "pdf public edition" -- "$B" pdf "$S" --config "$T/s/public.conf" --style default -o "$T/public.pdf"
pdftotext -layout "$T/public.pdf" "$T/public.txt"
n_int=$(grep -c '分管' "$T/set.txt")
n_pub=$(grep -c '分管' "$T/public.txt")
n_plain=$(grep -c '分管' "$T/plain.txt")
echo "分管领导 heads: internal $n_int, public $n_pub, no settings $n_plain"
if [ "$n_int" -gt "$n_pub" ] && [ "$n_pub" -eq "$n_plain" ]; then ok; else bad "leader column: internal $n_int, public $n_pub, plain $n_plain"; fi
# a leader of the source in the full table (not in the 督办清单: 周仕根's
# project is on schedule), only in the internal edition
leader=周仕根
if grep -q "$leader" "$T/set.txt" && ! grep -q "$leader" "$T/public.txt"; then ok; else bad "leader $leader: internal $(grep -c "$leader" "$T/set.txt"), public $(grep -c "$leader" "$T/public.txt")"; fi

# --- options win over the file ------------------------------------------------
expect 0 "pdf, the file's style" -- "$B" pdf "$S" --config "$T/s/bulletin.conf" -o "$T/gw.pdf"
pdftotext "$T/gw.pdf" "$T/gw.txt"
if grep -q '— 1 —' "$T/gw.txt" && ! grep -q '第 1 页' "$T/gw.txt"; then ok; else bad "style = gongwen of the file not applied"; fi
if grep -q '第 1 页' "$T/set.txt" && ! grep -q '— 1 —' "$T/set.txt"; then ok; else bad "--style default did not win over the file"; fi

# landscape: the footer beside the page number, on every page
expect 0 "pdf landscape with settings" -- "$B" pdf "$S" --config "$T/s/bulletin.conf" --style default --landscape -o "$T/land.pdf"
lpages=$(pdfinfo "$T/land.pdf" | awk '/^Pages:/ {print $2}')
pdftotext -layout "$T/land.pdf" "$T/land.txt"
n_land=$(grep -cE "测试县督查室 编印 +第 [0-9]+ 页 共 $lpages 页 +联系人" "$T/land.txt")
if [ "$n_land" -eq "$lpages" ]; then ok; else bad "landscape footer lines: $n_land on $lpages pages"; fi

# --- SVG logos, broken logos, a bad key ---------------------------------------
cat >"$T/s/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60"><rect x="0" y="0" width="100" height="60" fill="#e0a000"/><circle cx="50" cy="30" r="20" fill="#ffffff"/></svg>
SVG
sed 's/^logo = logo.png/logo = logo.svg/' "$T/s/bulletin.conf" >"$T/s/svg.conf"
expect 0 "pdf with an SVG logo" -- "$B" pdf "$S" --config "$T/s/svg.conf" --style default -o "$T/svg.pdf"
gold=$(count_colour "$T/svg.pdf" e0a000 1 1)
if [ "$gold" -gt 100 ]; then ok; else bad "the SVG logo is not drawn: $gold pixels of its colour"; fi
if [ "$(pdfimages -list "$T/svg.pdf" | awk 'NR > 2' | wc -l)" -eq 0 ]; then ok; else bad "the SVG logo became an image"; fi
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect' >"$T/s/broken.svg"
printf '[office]\nname = x\nlogo = broken.svg\n' >"$T/s/broken-svg.conf"
expect 1 "a broken SVG logo" -- "$B" pdf "$S" --config "$T/s/broken-svg.conf" -o "$T/broken-svg.pdf"
has "$T/stderr" "broken-svg.conf:3: error: logo .*broken.svg: not a readable SVG image" "broken SVG message"
if [ ! -e "$T/broken-svg.pdf" ]; then ok; else bad "a broken SVG logo wrote a PDF"; fi
head -c 40 "$T/s/logo.png" >"$T/s/broken.png"
printf '[office]\nlogo = broken.png\n' >"$T/s/broken-png.conf"
expect 1 "a broken PNG logo" -- "$B" pdf "$S" --config "$T/s/broken-png.conf" -o "$T/broken-png.pdf"
has "$T/stderr" "broken-png.conf:2: error: logo .*broken.png: not a readable PNG image" "broken PNG message"
if [ ! -e "$T/broken-png.pdf" ]; then ok; else bad "a broken PNG logo wrote a PDF"; fi
printf '[office]\nname = x\n\n[output]\nx = 1\n' >"$T/s/badkey.conf"
expect 1 "pdf, unknown key" -- "$B" pdf "$S" --config "$T/s/badkey.conf" -o "$T/badkey.pdf"
has "$T/stderr" "^$T/s/badkey.conf:5: error: unknown key 'x'$" "unknown key message (pdf)"
if [ ! -e "$T/badkey.pdf" ]; then ok; else bad "a bad key wrote a PDF"; fi

# characters of the settings the fonts lack are named (as the report's are)
printf '[office]\nname = 测试\xf0\xaa\x9b\x96县\n' >"$T/s/glyph.conf"
expect 1 "a name the fonts cannot draw" -- "$B" pdf "$S" --config "$T/s/glyph.conf" -o "$T/glyph.pdf"
has "$T/stderr" "glyph.conf: error: name: 𪛖 not covered by the fonts" "uncovered name message"
expect 0 "the same with --allow-fallback" -- "$B" pdf "$S" --config "$T/s/glyph.conf" --allow-fallback -o "$T/glyph.pdf"

# --- bulletin view: the data the page templates see -----------------------------
expect 0 "view" -- "$B" view "$S" --config "$T/s/bulletin.conf"
cp "$T/stdout" "$T/view.json"
if python3 -c "
import json, sys
v = json.load(open(sys.argv[1]))
assert v['site']['name'] == '测试县人民政府办公室', v['site']
assert v['site']['internal'] is True and v['fragment'] is False
assert v['lists'] and v['lists'][0]['projects'], 'projects'
" "$T/view.json"; then ok; else bad "view JSON"; fi
has "$T/view.json" '^  "site": \{$' "view is indented by two spaces"
expect 0 "view -o" -- "$B" view "$S" --config "$T/s/bulletin.conf" -o "$T/view2.json"
if cmp -s "$T/view.json" "$T/view2.json"; then ok; else bad "view -o differs from standard output"; fi
# what `view` prints is what the page template renders from
mkdir -p "$T/tpl"
printf '{{site.name}}|{{page_title}}|{{#lists}}{{title}};{{/lists}}|{{fragment}}|{{site.internal}}\n' >"$T/tpl/bulletin.html.mustache"
expect 0 "html from a probe template" -- "$B" html "$S" --config "$T/s/bulletin.conf" --templates "$T/tpl" -o "$T/probe.html"
expect 0 "template on the view" -- "$B" template "$T/tpl/bulletin.html.mustache" "$T/view.json" -o "$T/probe2.html"
if cmp -s "$T/probe.html" "$T/probe2.html"; then ok; else bad "the view differs from the page's data: $(cat "$T/probe.html") / $(cat "$T/probe2.html")"; fi
expect 0 "view --fragment" -- "$B" view "$S" --fragment
has "$T/stdout" '^  "fragment": true,$' "view --fragment"
expect 2 "view of two inputs" -- "$B" view "$S" "$S"
expect 2 "view --landscape" -- "$B" view "$S" --landscape
has "$T/stderr" "option '--landscape' does not apply to view" "view --landscape message"

if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "settings_pdf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
