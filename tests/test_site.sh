#!/usr/bin/env bash
# test_site.sh - `bulletin site` (issue 9.6) on three consecutive months made
# from examples/000_* by tests/make_series.py: the files written, period
# order from arguments out of order, the index's figures against the
# reports' models (tests/site_check.py), tidy on the index and every page,
# the same bytes twice (SOURCE_DATE_EPOCH), the fallbacks of the order, the
# refusal of two offices, all or nothing; then the browser test
# (tests/browser/site.test.mjs) at 1280 and 375 px when chromium and
# playwright-core are there (skipped otherwise, failed under CI=true).
set -u
cd "${BL_SOURCE_DIR:-.}" || exit 1
B=${BULLETIN:-build/bulletin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
has() { if grep -q -- "$2" "$1"; then ok; else bad "$3: no '$2' in $1"; head -5 "$1"; fi; }

python3 tests/make_series.py examples/000_03b3a4d07901329f.txt "$T/in" || exit 1
I=$T/in
export SOURCE_DATE_EPOCH=1700000000

# --- the site, from arguments out of period order ---------------------------
expect 0 "site of three months" -- "$B" site "$I/2023年10月.txt" "$I/2023年8月.txt" \
  "$I/2023年9月.txt" -o "$T/a/"
for f in index.html 2023年8月.html 2023年8月.pdf 2023年9月.html 2023年9月.pdf \
         2023年10月.html 2023年10月.pdf; do
  if [ -s "$T/a/$f" ]; then ok; else bad "site: $f not written"; fi
done
has "$T/stdout" "index.html" "site prints the files written"
n=$(find "$T/a" -type f | wc -l)
[ "$n" -eq 7 ] && ok || bad "site wrote $n files, want 7"

# The index's rows against the models (compared in period order by parse).
"$B" parse "$I/2023年10月.txt" "$I/2023年8月.txt" "$I/2023年9月.txt" -o "$T/all.json" || bad "parse"
if python3 tests/site_check.py "$T/a/index.html" "$T/all.json" >"$T/check"; then ok
else bad "index figures differ from the models"; fi
cat "$T/check"
# What make_series.py's edits make happen: 7 projects finish in September,
# 5 in October, and October adds one.
has "$T/check" "^ok   2023年9月 .*新完成7 · 新滞后0 · 新增0" "September's changes"
has "$T/check" "^ok   2023年10月 .*新完成5 · 新滞后0 · 新增1" "October's changes"
# Previous/next links of the middle page, percent-encoded file names.
has "$T/a/2023年9月.html" 'href="2023%E5%B9%B48%E6%9C%88.html" rel="prev"' "9月 links back to 8月"
has "$T/a/2023年9月.html" 'href="2023%E5%B9%B410%E6%9C%88.html" rel="next"' "9月 links on to 10月"
has "$T/a/2023年9月.html" 'href="2023%E5%B9%B49%E6%9C%88.pdf"' "9月 links its PDF"
has "$T/a/2023年9月.html" '与上期对比' "the period page is the bulletin, compared"
# Inline SVG, no script, nothing external.
if grep -q '<script\|<link \|src="http' "$T/a/index.html"; then bad "index loads something"; else ok; fi
has "$T/a/index.html" '<svg class="bl-site-line"' "list trends drawn"
has "$T/a/index.html" '<svg class="bl-site-spark"' "department trends drawn"

# --- tidy --------------------------------------------------------------------
if command -v tidy >/dev/null 2>&1; then
  for page in "$T"/a/*.html; do
    tidy -errors -quiet "$page" >"$T/tidy" 2>&1
    if [ $? -ge 2 ]; then bad "tidy: $(basename "$page")"; head -5 "$T/tidy"
    else ok; echo "ok   tidy $(basename "$page"): 0 errors"; fi
  done
elif [ "${CI:-}" = "true" ]; then bad "tidy is not installed"
else echo "skip: tidy is not installed"; fi

# --- same bytes twice ---------------------------------------------------------
expect 0 "site again" -- "$B" site -q "$I/2023年8月.txt" "$I/2023年9月.txt" \
  "$I/2023年10月.txt" -o "$T/b"
for f in "$T"/a/*.html "$T"/a/*.pdf; do
  if cmp -s "$f" "$T/b/$(basename "$f")"; then ok; else bad "not the same bytes: $(basename "$f")"; fi
done
echo "same bytes twice: $(ls "$T"/a/*.html "$T"/a/*.pdf | wc -l) files compared"

# --- the order's fallbacks ------------------------------------------------------
# No period stated: by publish date, warned.
for m in 8 9; do
  sed -e "s/2023年${m}月份//; s/2023年${m}月//g" "$I/2023年${m}月.txt" >"$T/nop-$m.txt"
done
expect 0 "site by publish date" -- "$B" site --no-pdf "$T/nop-9.txt" "$T/nop-8.txt" -o "$T/c"
has "$T/stderr" "nop-9.txt: warning: no period stated; the reports are put in the order of their publish dates" "warned: by date"
first=$(grep -o 'rel="next"' "$T/c/nop-8.html" | head -1)
[ -n "$first" ] && ok || bad "by date: nop-8 (published first) has no next link"
expect 1 "--strict: the fallback is an error" -- "$B" site --strict --no-pdf "$T/nop-9.txt" \
  "$T/nop-8.txt" -o "$T/c2"
has "$T/stderr" "nop-9.txt: error: no period stated; .* (--strict)" "--strict names the report"
[ -e "$T/c2" ] && bad "--strict: a refused site created its directory" || ok
# Neither period nor date: as given, warned.
for m in 8 9; do sed -e 's/发布日期:[^ ]* [^ ]*//' "$T/nop-$m.txt" >"$T/bare-$m.txt"; done
expect 0 "site as given" -- "$B" site --no-pdf "$T/bare-9.txt" "$T/bare-8.txt" -o "$T/d"
has "$T/stderr" "bare-9.txt: warning: no period stated (nor a publish date in every report); the reports are put in the order they were given" "warned: as given"
if grep -q 'rel="next"' "$T/d/bare-9.html"; then ok; else bad "as given: bare-9 is not first"; fi
if grep -q 'PDF' "$T/c/index.html"; then bad "--no-pdf still links PDFs"; else ok; fi

# A file name with markup and quotes: escaped text, percent-encoded links.
cp "$T/nop-8.txt" "$T/q&\"<b>'.txt"
expect 0 "site of a hostile name" -- "$B" site --no-pdf "$T/q&\"<b>'.txt" "$T/nop-9.txt" -o "$T/q"
has "$T/q/index.html" 'href="q%26%22%3Cb%3E%27.html"' "hostile name percent-encoded"
has "$T/q/index.html" 'q&amp;&quot;&lt;b&gt;' "hostile name escaped as text"
if grep -q '<b>' "$T/q/index.html" "$T/q/nop-9.html"; then bad "raw <b> from a file name"; else ok; fi
if command -v tidy >/dev/null 2>&1; then
  tidy -errors -quiet "$T/q/index.html" >/dev/null 2>&1
  [ $? -lt 2 ] && ok || bad "tidy: index of the hostile name"
fi

# --- refusals -------------------------------------------------------------------
expect 2 "two offices refused" -- "$B" site examples/000_03b3a4d07901329f.txt \
  examples/004_4439fbf7470fe794.txt -o "$T/e"
has "$T/stderr" "more than one office (examples/000_03b3a4d07901329f.txt: 县府及县府办; examples/004_4439fbf7470fe794.txt: 县府办)" "two offices named"
[ -e "$T/e" ] && bad "a refused site created its directory" || ok
expect 2 "site needs a directory" -- "$B" site "$I/2023年8月.txt" -o -
expect 2 "site -o an existing file" -- "$B" site "$I/2023年8月.txt" -o "$T/all.json"
cp "$I/2023年8月.txt" "$T/index.txt"
expect 2 "a report named index" -- "$B" site --no-pdf "$T/index.txt" -o "$T/f"
has "$T/stderr" "would be written over by the site's index.html" "index named"
expect 2 "--keep-going is not site's" -- "$B" site --keep-going "$I/2023年8月.txt" -o "$T/g"

# --- all or nothing: the index fails after the pages were rendered --------------
mkdir -p "$T/tpl" "$T/h"
printf '{{> partials/no_such_partial}}\n' >"$T/tpl/site_index.html.mustache"
echo old >"$T/h/2023年8月.html"
expect 1 "a failing index" -- "$B" site --no-pdf --templates "$T/tpl" "$I/2023年8月.txt" \
  "$I/2023年9月.txt" -o "$T/h"
if [ "$(cat "$T/h/2023年8月.html")" = old ] && [ ! -e "$T/h/2023年9月.html" ] &&
   [ -z "$(find "$T/h" -name '*.tmp-*')" ]; then ok
else bad "a failed site left pages behind"; ls -la "$T/h"; fi

# --- the browser ------------------------------------------------------------------
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ] && command -v node >/dev/null 2>&1 &&
   { [ -d tests/browser/node_modules/playwright-core ] ||
     npm ci --prefix tests/browser --no-audit --no-fund >/dev/null 2>&1; }; then
  if CHROMIUM="$CHROMIUM" node tests/browser/site.test.mjs "$T/a" 3 out/screenshots >"$T/browser"; then ok
  else bad "browser test"; grep FAIL "$T/browser"; fi
  tail -1 "$T/browser"
elif [ "${CI:-}" = "true" ]; then bad "chromium, node or playwright-core missing"
else echo "skip: the browser test (chromium, node or playwright-core missing)"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
