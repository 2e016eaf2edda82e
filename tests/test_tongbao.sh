#!/usr/bin/env bash
# The written 通报 (issue 9.5): the paragraph of each example states the
# figures of its summary (read back by tongbao_check.py from the page), the
# PDF briefing draws the same text (pdftotext, default and gongwen styles),
# month over month adds 与上月相比, and an office's own summary_text partial
# (--templates) changes the wording of both the page and the PDF.
set -u
B=${BULLETIN:-build/bulletin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
for tool in python3 pdftotext; do
  if ! command -v $tool >/dev/null; then
    echo "skip: $tool is missing"
    [ "${CI:-}" = true ] && exit 1
    exit 77
  fi
done
run() { # run DESCRIPTION COMMAND...: exit 0 expected
  local what=$1; shift
  if "$@" >"$T/out" 2>"$T/err"; then ok; else bad "$what: exit $?"; cat "$T/err"; fi
}
checked() { # checked DESCRIPTION tongbao_check.py ARGS...
  local what=$1; shift
  if python3 tests/tongbao_check.py "$@" >"$T/check"; then ok; sed -n '1,3p' "$T/check"; else bad "$what"; cat "$T/check"; fi
}

# --- each example: figures, the same text in the PDF ----------------------
for f in examples/*.txt; do
  s=$(basename "$f" .txt)
  run "parse $s" "$B" parse "$f" -o "$T/$s.json"
  run "html $s" "$B" html "$f" -o "$T/$s.html"
  run "pdf $s" "$B" pdf "$f" -o "$T/$s.pdf"
  pdftotext "$T/$s.pdf" "$T/$s.txt"
  texts=("$T/$s.txt")
  case $s in 000_*) # several lists: the gongwen briefing too
    run "pdf gongwen $s" "$B" pdf --style gongwen "$f" -o "$T/$s-gw.pdf"
    pdftotext "$T/$s-gw.pdf" "$T/$s-gw.txt"
    texts+=("$T/$s-gw.txt") ;;
  esac
  checked "$s" "$T/$s.json" 0 "$T/$s.html" "${texts[@]}"
done

# --- month over month: 与上月相比 from the changes -------------------------
S=tests/data/supervise/series
run "parse series" "$B" parse "$S/jul.txt" "$S/aug.txt" "$S/sep.txt" -o "$T/series.json"
run "build series" "$B" build "$S/jul.txt" "$S/aug.txt" "$S/sep.txt" -o "$T/series/"
i=0
for m in jul aug sep; do
  pdftotext "$T/series/$m.pdf" "$T/series/$m.txt"
  checked "series $m" "$T/series.json" $i "$T/series/$m.html" "$T/series/$m.txt"
  i=$((i + 1))
done
grep -q '与上月相比' "$T/series/jul.html" && bad "the first period has nothing to compare with" || ok

# --- no period: no 截至 clause ----------------------------------------------
run "parse no period" "$B" parse tests/data/hostile/pipe-fullwidth.txt -o "$T/np.json"
run "html no period" "$B" html tests/data/hostile/pipe-fullwidth.txt -o "$T/np.html"
checked "no period" "$T/np.json" 0 "$T/np.html"
grep -q '截至' "$T/np.html" && bad "截至 without a period" || ok

# --- an office's wording through --templates -------------------------------
mkdir -p "$T/office/partials"
printf '%s' '本期{{projects}}个项目已办结{{ahead_done}}个&amp;<b>督办</b>{{lagging}}个。' \
  >"$T/office/partials/summary_text.mustache"
e=examples/000_03b3a4d07901329f.txt
run "html --templates" "$B" html "$e" --templates "$T/office" -o "$T/o.html"
run "pdf --templates" "$B" pdf "$e" --templates "$T/office" -o "$T/o.pdf"
run "build --templates" "$B" build "$e" --templates "$T/office" -o "$T/ob/"
pdftotext "$T/o.pdf" "$T/o.txt"
pdftotext "$T/ob/000_03b3a4d07901329f.pdf" "$T/ob.txt"
want=$(python3 -c 'import json,sys; l=json.load(open(sys.argv[1]))["documents"][0]["lists"]
print("本期%d个项目已办结%d个&督办%d个。" % (sum(x["summary"]["projects"] for x in l),
  sum(x["summary"]["status_counts"]["ahead"] + x["summary"]["status_counts"]["done"] for x in l),
  sum(x["summary"]["lagging"] for x in l)))' "$T/000_03b3a4d07901329f.json")
for out in "$T/o.html" "$T/ob/000_03b3a4d07901329f.html"; do
  got=$(python3 -c 'import re,sys,html; s=open(sys.argv[1]).read()
m=re.search(r"<section class=\"bl-tongbao[^>]*>\s*<p class=\"bl-tongbao-text\">(.*?)</p>", s, re.S)
print(html.unescape(re.sub("<[^>]+>", "", m.group(1))).strip() if m else "")' "$out")
  [ "$got" = "$want" ] && ok || bad "$out: the office's wording: '$got', want '$want'"
  grep -q '已完成（含提前完成）' "$out" && bad "$out: the built-in wording is still there" || ok
done
for txt in "$T/o.txt" "$T/ob.txt"; do
  tr -d ' \n\f' <"$txt" | grep -qF -- "$want" && ok || bad "$txt lacks the office's wording '$want'"
  grep -q '已完成（含提前完成）' "$txt" && bad "$txt: the built-in wording is still there" || ok
done
# a broken partial: an error at its line, no PDF left
printf '{{#projects}}\n' >"$T/office/partials/summary_text.mustache"
"$B" pdf "$e" --templates "$T/office" -o "$T/broken.pdf" 2>"$T/err" && bad "a broken partial was accepted" || ok
grep -q 'summary_text.mustache:1:.*error' "$T/err" && ok || { bad "the error names the partial"; cat "$T/err"; }
[ -e "$T/broken.pdf" ] && bad "a PDF was left behind" || ok
"$B" pdf "$e" --templates "$T/nowhere" -o "$T/nowhere.pdf" 2>"$T/err" && bad "a missing templates directory was accepted" || ok

echo "tongbao: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
