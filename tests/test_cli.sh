#!/usr/bin/env bash
# The command line as a user meets it: exit codes, diagnostics, atomic output,
# determinism, encodings. Issue 2 items 2, 6 and the acceptance lines.
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

# --- usage ---------------------------------------------------------------
expect 0 "--help" -- "$B" --help
has "$T/stdout" "build FILE... -o DIR" "--help lists build"
has "$T/stdout" "-o DIR/ " "--help explains -o DIR/"
for c in parse html pdf build template; do
  expect 0 "$c --help" -- "$B" "$c" --help
  has "$T/stdout" "usage: bulletin $c" "$c --help"
done
expect 0 "--version" -- "$B" --version
has "$T/stdout" "^bulletin [0-9]+\.[0-9]+\.[0-9]+$" "--version"
expect 2 "no command" -- "$B"
expect 2 "unknown command" -- "$B" frobnicate
expect 2 "unknown option" -- "$B" parse --frob examples/002_d2b346bc7988df13.txt
expect 2 "unknown format" -- "$B" parse --from nosuch examples/002_d2b346bc7988df13.txt
expect 2 "html without -o" -- "$B" html examples/002_d2b346bc7988df13.txt
expect 2 "parse without files" -- "$B" parse

# --- good input: the three seeds ------------------------------------------
expect 0 "parse seeds" -- "$B" parse examples/000_03b3a4d07901329f.txt \
  examples/002_d2b346bc7988df13.txt examples/004_4439fbf7470fe794.txt -o "$T/m1.json"
"$B" parse examples/000_03b3a4d07901329f.txt examples/002_d2b346bc7988df13.txt \
  examples/004_4439fbf7470fe794.txt -o "$T/m2.json"
if cmp -s "$T/m1.json" "$T/m2.json"; then ok; else bad "same input, different JSON bytes"; fi
"$B" parse examples/002_d2b346bc7988df13.txt >"$T/stdout.json"
has "$T/stdout.json" '"format": "pipe"' "parse to stdout"
has "$T/m1.json" '"published": "2023-11-21"' "seed 000 published date"
has "$T/m1.json" '"rates": \[215, 214.75\]' "seed 000 province #4 rates"

# --- bad input: clear message, exit 1, nothing written ---------------------
printf '' >"$T/empty.txt"
head -c 4096 /dev/urandom >"$T/garbage.bin"
printf 'lorem ipsum dolor sit amet\nconsectetur adipiscing\n' >"$T/prose.txt"
printf '序号\n\n项目内容\n\n\xff\xfe\xfd\n' >"$T/badutf.txt"
for f in empty.txt garbage.bin prose.txt badutf.txt; do
  expect 1 "$f" -- "$B" build "$T/$f" -o "$T/out-$f"
  has "$T/stderr" "^$T/$f(:[0-9]+)?: error: " "$f diagnostic names the file"
  if [ -z "$(ls -A "$T/out-$f" 2>/dev/null)" ]; then ok; else bad "$f left output: $(ls "$T/out-$f")"; fi
done
has <(printf '%s' "$("$B" parse "$T/badutf.txt" 2>&1)") ":5: error: invalid UTF-8" "bad UTF-8 names its line"
expect 1 "missing file" -- "$B" parse "$T/nonexistent.txt"
has "$T/stderr" "nonexistent.txt: error: cannot open" "missing file message"
# A bad file among good ones: nothing at all is written.
expect 1 "mixed inputs" -- "$B" build examples/002_d2b346bc7988df13.txt "$T/garbage.bin" -o "$T/mixed"
if [ -z "$(ls -A "$T/mixed" 2>/dev/null)" ]; then ok; else bad "mixed inputs left output"; fi
# An existing output is not clobbered by a failing run.
mkdir -p "$T/keep" && echo precious >"$T/keep/m.json"
expect 1 "failing parse keeps old output" -- "$B" parse "$T/garbage.bin" -o "$T/keep/m.json"
if [ "$(cat "$T/keep/m.json")" = precious ]; then ok; else bad "old output clobbered"; fi
if [ -z "$(ls "$T/keep" | grep tmp)" ]; then ok; else bad "temporary file left behind"; fi

# --- GBK input is converted, not rejected ---------------------------------
iconv -f UTF-8 -t GBK examples/002_d2b346bc7988df13.txt >"$T/gbk.txt"
expect 0 "GBK copy of seed 002" -- "$B" parse "$T/gbk.txt" -o "$T/gbk.json"
cp examples/002_d2b346bc7988df13.txt "$T/gbk_utf8.txt"
"$B" parse "$T/gbk_utf8.txt" -o "$T/utf8.json"
# Same model but for the source name and the encoding.
if diff <(grep -vE '"(source|stem|encoding)"' "$T/gbk.json" | sed 's/gbk_utf8/gbk/g') \
        <(grep -vE '"(source|stem|encoding)"' "$T/utf8.json" | sed 's/gbk_utf8/gbk/g') >/dev/null; then
  ok; else bad "GBK model differs from UTF-8 model"; fi
has "$T/gbk.json" '"encoding": "GB18030"' "GBK recorded as GB18030"

# --- outputs with colliding names are refused -----------------------------
mkdir -p "$T/a" "$T/b"
cp examples/002_d2b346bc7988df13.txt "$T/a/x.txt"; cp examples/002_d2b346bc7988df13.txt "$T/b/x.txt"
expect 2 "colliding stems" -- "$B" html "$T/a/x.txt" "$T/b/x.txt" -o "$T/coll"

# --- --status-words: an office's own status vocabulary --------------------
printf '项目内容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任单位 | 具体分管领导 |\n(1)建设公园一座。 | 完成土建 | 土建施工中,进度堪忧 | 40%% | 市住建局 | 张三 |\n' >"$T/words.txt"
printf '{"classes": {"behind": ["进度堪忧"]}}\n' >"$T/words.json"
expect 0 "parse without --status-words" -- "$B" parse "$T/words.txt" -o "$T/plain.json"
has "$T/plain.json" '"behind_reason": null' "no reason without the office's words"
expect 0 "parse --status-words" -- "$B" parse "$T/words.txt" --status-words "$T/words.json" -o "$T/words-out.json"
has "$T/words-out.json" '"behind_reason": "土建施工中"' "the office's phrase says behind"
printf '{"classes": {"late": ["迟了"]}}\n' >"$T/bad-words.json"
expect 1 "bad --status-words" -- "$B" parse "$T/words.txt" --status-words "$T/bad-words.json"
has "$T/stderr" "bad-words.json:1: error: status words: late: is not a status class" "bad status words named"
expect 0 "parse --help lists --status-words" -- "$B" parse --help
has "$T/stdout" "--status-words FILE" "--status-words in help"

# --- bulletin template: errors with file:line:col, partials confined --------
mkdir -p "$T/tpl/partials"
printf 'hello\n{{#items}}\n  {{name}}\n' >"$T/tpl/unclosed.mustache"
echo '{"items":[{"name":"<b>x</b>"}]}' >"$T/tpl/data.json"
expect 1 "unclosed section" -- "$B" template "$T/tpl/unclosed.mustache" "$T/tpl/data.json"
has "$T/stderr" "unclosed.mustache:2:1: error: unclosed section 'items'" "unclosed section position"
printf 'a{{> ../data}}b\n' >"$T/tpl/partials/up.mustache"
expect 1 "partial traversal" -- "$B" template "$T/tpl/partials/up.mustache" "$T/tpl/data.json" --partials "$T/tpl/partials"
has "$T/stderr" "up.mustache:1:2: error: .*outside the partials directory" "traversal refused"
ln -s /etc/passwd "$T/tpl/partials/pw.mustache"
printf '{{> pw}}\n' >"$T/tpl/partials/link.mustache"
expect 1 "symlink out" -- "$B" template "$T/tpl/partials/link.mustache" "$T/tpl/data.json"
printf '{{#items}}<i>{{name}}</i>{{> row}}{{/items}}\n' >"$T/tpl/partials/ok.mustache"
printf '[{{{name}}}]' >"$T/tpl/partials/row.mustache"
expect 0 "template renders" -- "$B" template "$T/tpl/partials/ok.mustache" "$T/tpl/data.json"
has "$T/stdout" '^<i>&lt;b&gt;x&lt;/b&gt;</i>\[<b>x</b>\]$' "escaped and raw variables, partial"

# --- reader warnings, --strict, --grid, metadata overrides ---------------------
printf '序号 | 项目名称 | 责任单位 | 进展情况 | 完成率 |\n1 | 新建公园 | 县住建局 | 已完工 | 100%% |\n2 | 新建学校\n' >"$T/cut.txt"
expect 0 "a table cut off reads" -- "$B" parse "$T/cut.txt" -o "$T/cut.json"
has "$T/stderr" "^$T/cut.txt:3: warning: the table stops here" "cut-off warning names file and line"
has "$T/cut.json" '"message": "the table stops here' "warning in the JSON"
expect 1 "--strict makes it an error" -- "$B" parse --strict "$T/cut.txt" -o "$T/strict.json"
has "$T/stderr" "^$T/cut.txt:3: error: the table stops here" "--strict error names file and line"
if [ ! -e "$T/strict.json" ]; then ok; else bad "--strict wrote output"; fi
expect 0 "--grid" -- "$B" parse --grid "$T/cut.txt"
has "$T/stdout" '^L2: \[1\] \[新建公园\] \[县住建局\]' "--grid prints the rows"
expect 0 "overrides" -- "$B" parse "$T/cut.txt" --title 县政府民生实事 --office 县府办 \
  --date 2024年7月5日 --period 1-6月 -o "$T/ov.json"
has "$T/ov.json" '"title": "县政府民生实事"' "--title"
has "$T/ov.json" '"office": "县府办"' "--office"
has "$T/ov.json" '"published": "2024-07-05"' "--date"
has "$T/ov.json" '"kind": "range"' "--period"
expect 2 "a bad --date" -- "$B" parse "$T/cut.txt" --date tomorrow
# Text as printed: full-width punctuation reaches JSON, HTML and PDF unchanged.
printf '序号 | 项目名称 | 责任单位 | 进展情况 |\n1 | 新建公园（二期） | 县住建局 | 已完工，投入使用。 |\n' >"$T/fw.txt"
expect 0 "full-width build" -- "$B" build -q "$T/fw.txt" -o "$T/fw"
has "$T/fw/fw.json" '"content": "新建公园（二期）"' "full-width kept in JSON"
has "$T/fw/fw.html" '新建公园（二期）' "full-width kept in HTML"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$T/fw/fw.pdf" "$T/fw.txt.out"
  has "$T/fw.txt.out" '已完工，投入使用。' "full-width kept in PDF"
fi

# --- issue 10: -o FILE, -o DIR/, -o -, usage errors, --keep-going, batches --
S2=examples/002_d2b346bc7988df13.txt
S0=examples/000_03b3a4d07901329f.txt
mkdir -p "$T/o"
expect 0 "pdf -o briefing.pdf" -- "$B" pdf "$S2" -o "$T/o/briefing.pdf"
if [ -f "$T/o/briefing.pdf" ] && head -c 5 "$T/o/briefing.pdf" | grep -q '%PDF-'; then ok; else bad "-o briefing.pdf is not a PDF file"; fi
expect 0 "html -o page.html" -- "$B" html "$S2" -o "$T/o/page.html"
if [ -f "$T/o/page.html" ]; then ok; else bad "-o page.html is not a file"; fi
expect 0 "html -o DIR/" -- "$B" html "$S2" -o "$T/o/site/"
if [ -f "$T/o/site/002_d2b346bc7988df13.html" ]; then ok; else bad "-o DIR/ did not write DIR/<stem>.html"; fi
expect 0 "html -o existing DIR" -- "$B" html "$S0" -o "$T/o/site"
if [ -f "$T/o/site/000_03b3a4d07901329f.html" ]; then ok; else bad "-o existing DIR did not write into it"; fi
expect 0 "-oFILE" -- "$B" html "$S2" -o"$T/o/glued.html"
if [ -f "$T/o/glued.html" ]; then ok; else bad "-oFILE"; fi
expect 0 "--output=FILE" -- "$B" pdf "$S2" --output="$T/o/eq.pdf"
if [ -f "$T/o/eq.pdf" ]; then ok; else bad "--output=FILE"; fi
expect 0 "pdf -o -" -- "$B" pdf "$S2" -o -
if head -c 5 "$T/stdout" | grep -q '%PDF-'; then ok; else bad "pdf -o - wrote no PDF to standard output"; fi
expect 2 "build -o x.pdf" -- "$B" build "$S2" -o "$T/o/x.pdf"
has "$T/stderr" "build: -o .*x.pdf names one file" "build -o FILE explained"
if [ ! -e "$T/o/x.pdf" ]; then ok; else bad "build -o x.pdf created $T/o/x.pdf"; fi
expect 2 "two inputs -o page.html" -- "$B" html "$S2" "$S0" -o "$T/o/two.html"
if [ ! -e "$T/o/two.html" ]; then ok; else bad "two inputs -o FILE created it"; fi
expect 2 "build -o -" -- "$B" build "$S2" -o -
expect 2 "parse --landscape" -- "$B" parse --landscape "$S2"
has "$T/stderr" "parse: option '--landscape' does not apply to parse" "option scope names the command"
expect 2 "html --grid" -- "$B" html --grid "$S2" -o "$T/o/g/"
expect 2 "pdf --fragment" -- "$B" pdf --fragment "$S2" -o "$T/o/g/"
expect 2 "template --from" -- "$B" template --from pipe a b
if [ ! -e "$T/o/g" ]; then ok; else bad "a usage error created output"; fi
printf '{{x}}\n' >"$T/o/t.mustache"; echo '{"x": "y"}' >"$T/o/d.json"
expect 0 "template -o FILE" -- "$B" template "$T/o/t.mustache" "$T/o/d.json" -o "$T/o/t.out"
if [ "$(cat "$T/o/t.out" 2>/dev/null)" = y ]; then ok; else bad "template -o FILE wrote nothing"; fi
if [ ! -s "$T/stdout" ]; then ok; else bad "template -o FILE also wrote to standard output"; fi
# A batch with one bad input: nothing without --keep-going, the good ones with it.
expect 1 "batch with a bad input" -- "$B" html "$S2" "$T/garbage.bin" "$S0" -o "$T/o/batch/"
if [ -z "$(ls -A "$T/o/batch" 2>/dev/null)" ]; then ok; else bad "a failing batch wrote $(ls "$T/o/batch")"; fi
expect 1 "--keep-going" -- "$B" html --keep-going "$S2" "$T/garbage.bin" "$S0" -o "$T/o/kg/"
has "$T/stderr" "garbage.bin(:[0-9]+)?: error: " "--keep-going names the bad input's error"
has "$T/stderr" "^bulletin: 2 of 3 reports written; 1 refused: $T/garbage.bin$" "--keep-going summary"
if [ -f "$T/o/kg/002_d2b346bc7988df13.html" ] && [ -f "$T/o/kg/000_03b3a4d07901329f.html" ]; then ok; else bad "--keep-going skipped a good input"; fi
expect 0 "--keep-going, all good" -- "$B" build -q --keep-going "$S2" -o "$T/o/kg2/"
# build: a document whose PDF fails leaves none of its files, and neither
# does any other document of the batch.
sed 's/完成县中崛起一对一结对帮扶学校1所/完成县中崛起𪛖一对一结对帮扶学校1所/' "$S0" >"$T/uncovered.txt"
expect 1 "build with a PDF failure" -- "$B" build "$S2" "$T/uncovered.txt" -o "$T/o/pf/"
has "$T/stderr" "U\+2A6D6" "the PDF failure is reported"
if [ -z "$(ls -A "$T/o/pf" 2>/dev/null)" ]; then ok; else bad "build left $(ls "$T/o/pf") after a PDF failure"; fi
echo old >"$T/o/pf/002_d2b346bc7988df13.json"
expect 1 "build with a PDF failure keeps old outputs" -- "$B" build "$S2" "$T/uncovered.txt" -o "$T/o/pf/"
if [ "$(cat "$T/o/pf/002_d2b346bc7988df13.json")" = old ]; then ok; else bad "a failed batch replaced an old output"; fi
expect 1 "build --keep-going with a PDF failure" -- "$B" build --keep-going "$T/uncovered.txt" "$S2" -o "$T/o/pk/"
if [ ! -e "$T/o/pk/uncovered.json" ] && [ ! -e "$T/o/pk/uncovered.html" ] && [ -f "$T/o/pk/002_d2b346bc7988df13.pdf" ]; then ok; else bad "build --keep-going: $(ls "$T/o/pk")"; fi
has "$T/stderr" "1 of 2 reports written; 1 refused: $T/uncovered.txt" "--keep-going PDF refusal summary"
if [ -z "$(find "$T/o" -name '*.tmp-*')" ]; then ok; else bad "temporary files left: $(find "$T/o" -name '*.tmp-*')"; fi

# --- issue 10 item 4: the office settings file -------------------------------
mkdir -p "$T/set/home/bulletin" "$T/set/cwd"
python3 -c "
import zlib, struct, sys
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
raw = b''.join(b'\x00' + b'\xcc\x22\x22' * 4 for _ in range(4))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))" "$T/set/logo.png"
cat >"$T/set/bulletin.conf" <<'CONF'
# an office's settings
[office]
name = 测试县人民政府办公室
logo = logo.png
footer = 测试县督查室 编印
contact = 联系人：王某　电话：0000-1234567

[colours]
accent = #0a5c36
secondary = #123456
CONF
expect 0 "html --config" -- "$B" html "$S2" --config "$T/set/bulletin.conf" -o "$T/set/p.html"
has "$T/set/p.html" '<p class="bl-masthead-office">测试县人民政府办公室</p>' "settings: office name in the masthead"
has "$T/set/p.html" "<img class=\"bl-masthead-logo\" src=\"data:image/png;base64,$(base64 -w0 "$T/set/logo.png")\"" "settings: the PNG logo embedded"
has "$T/set/p.html" '--red: #0a5c36; --navy: #123456;' "settings: colours"
has "$T/set/p.html" '<p class="bl-site-footer">测试县督查室 编印</p>' "settings: footer"
has "$T/set/p.html" '联系人：王某　电话：0000-1234567' "settings: contact"
"$B" html "$S2" -o "$T/set/plain.html" >/dev/null
if ! grep -q '测试县\|bl-masthead-logo"\|bl-site-footer' "$T/set/plain.html"; then ok; else bad "settings leak into a page without them"; fi
expect 0 "--settings" -- "$B" html "$S2" --settings="$T/set/bulletin.conf" -o "$T/set/p2.html"
if cmp -s "$T/set/p.html" "$T/set/p2.html"; then ok; else bad "--settings differs from --config"; fi
# Default locations: ./bulletin.conf, then $XDG_CONFIG_HOME/bulletin/bulletin.conf.
cp "$T/set/bulletin.conf" "$T/set/logo.png" "$T/set/home/bulletin/"
expect 0 "settings from XDG_CONFIG_HOME" -- env -C "$T/set/cwd" XDG_CONFIG_HOME="$T/set/home" "$B" html "$SRC_DIR/$S2" -o x.html
has "$T/set/cwd/x.html" '测试县人民政府办公室' "settings from XDG_CONFIG_HOME"
sed 's/测试县人民政府办公室/本目录办公室/' "$T/set/bulletin.conf" >"$T/set/cwd/bulletin.conf"; cp "$T/set/logo.png" "$T/set/cwd/"
expect 0 "settings from ./bulletin.conf" -- env -C "$T/set/cwd" XDG_CONFIG_HOME="$T/set/home" "$B" html "$SRC_DIR/$S2" -o y.html
has "$T/set/cwd/y.html" '本目录办公室' "./bulletin.conf wins over the config directory"
# Options win: --style over the file's style.
printf '[output]\nstyle = gongwen\npage-size = A4-landscape\n' >"$T/set/pdf.conf"
expect 0 "pdf settings" -- env SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$S2" --config "$T/set/pdf.conf" -o "$T/set/gw.pdf"
expect 0 "pdf settings, --style wins" -- env SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$S2" --config "$T/set/pdf.conf" --style default -o "$T/set/def.pdf"
expect 0 "pdf --style gongwen --landscape" -- env SOURCE_DATE_EPOCH=1700000000 "$B" pdf "$S2" --style gongwen --landscape -o "$T/set/gw-ref.pdf"
if cmp -s "$T/set/gw.pdf" "$T/set/gw-ref.pdf"; then ok; else bad "the file's style and page-size not applied"; fi
if ! cmp -s "$T/set/gw.pdf" "$T/set/def.pdf"; then ok; else bad "--style did not win over the file"; fi
# Errors name the file and the line; nothing is written.
printf '[office]\nname = x\nx = 1\n' >"$T/set/bad1.conf"
expect 1 "unknown key" -- "$B" html "$S2" --config "$T/set/bad1.conf" -o "$T/set/bad1.html"
has "$T/stderr" "^$T/set/bad1.conf:3: error: unknown key 'x'$" "unknown key message"
if [ ! -e "$T/set/bad1.html" ]; then ok; else bad "a bad settings file wrote output"; fi
printf '[colors]\n' >"$T/set/bad2.conf"
expect 1 "unknown group" -- "$B" html "$S2" --config "$T/set/bad2.conf" -o "$T/set/bad2.html"
has "$T/stderr" "bad2.conf:1: error: unknown group 'colors'" "unknown group message"
printf '# c\n[colours]\n\naccent = red\n' >"$T/set/bad3.conf"
expect 1 "bad colour" -- "$B" pdf "$S2" --config "$T/set/bad3.conf" -o "$T/set/bad3.pdf"
has "$T/stderr" "bad3.conf:4: error: accent: 'red' is not a colour" "bad colour message"
printf 'GIF89a' >"$T/set/logo.gif"; printf '[office]\nlogo = logo.gif\n' >"$T/set/bad4.conf"
expect 1 "bad logo" -- "$B" html "$S2" --config "$T/set/bad4.conf" -o "$T/set/bad4.html"
has "$T/stderr" "bad4.conf:2: error: logo .*logo.gif is neither a PNG nor an SVG" "bad logo message"
printf '[office]\njust words\n' >"$T/set/bad5.conf"
expect 1 "bad line" -- "$B" html "$S2" --config "$T/set/bad5.conf" -o "$T/set/bad5.html"
has "$T/stderr" "bad5.conf:2: error: not a key = value line" "bad line message"
expect 1 "missing settings file" -- "$B" html "$S2" --config "$T/set/none.conf" -o "$T/set/none.html"
has "$T/stderr" "none.conf: error: cannot open" "missing settings file named"
expect 2 "parse --config" -- "$B" parse --config "$T/set/bulletin.conf" "$S2"

# libqpdf, librsvg, libxml2, libzip, FreeXL, uchardet and libxlsxwriter are
# opened when a file needs them (src/base/lazylib.h), not linked: every
# linked library costs every run its loading (libxml2 and uchardet bring
# ICU and libstdc++; the sanitizers' runtimes bring libstdc++ too)
if ldd "$B" | grep -E 'libqpdf|librsvg|libxml2|libzip|libfreexl|libuchardet|libicu|libxlsxwriter'; then bad "bulletin links a library it opens on first use"; else ok; fi

# every PDF this script wrote passes qpdf --check without a warning
if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
