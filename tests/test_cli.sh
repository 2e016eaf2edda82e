#!/usr/bin/env bash
# The command line as a user meets it: exit codes, diagnostics, atomic output,
# determinism, encodings. Issue 2 items 2, 6 and the acceptance lines.
set -u
B=${BULLETIN:-build/bulletin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect CODE DESCRIPTION -- COMMAND...
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; cat "$T/stderr"; fi
}
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}

# --- usage ---------------------------------------------------------------
expect 0 "--help" -- "$B" --help
has "$T/stdout" "build FILE... -o DIR" "--help lists build"
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

# every PDF this script wrote passes qpdf --check without a warning
if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
