#!/usr/bin/env bash
# The finished PDF (issue 10 item 1, src/pdf/pdf_finish.c): every example in
# every style passes `qpdf --check` with no warning; its bytes do not depend
# on the run; fonts stay embedded; every internal link's destination exists;
# the creation date is SOURCE_DATE_EPOCH, else the published date at +08:00,
# else the time of the run (never 1970).
set -u
export LC_ALL=C.UTF-8 TZ=UTC
B=${BULLETIN:-build/bulletin}
for tool in qpdf pdfinfo pdffonts; do
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
check() { # check DESCRIPTION -- COMMAND...
  local what=$1; shift 2
  if "$@" >/dev/null; then ok; else bad "$what"; fi
}
# every link annotation's /Dest is a named destination of the file
links_resolve() {
  local pdf=$1
  qpdf_plain "$pdf" | grep -aoE '/Dest \([^)]*\)' | sed 's/^\/Dest (//; s/)$//' |
    sort -u >"$T/link-dests"
  pdfinfo -dests "$pdf" | grep -oE '"[^"]*"$' | tr -d '"' | sort -u >"$T/named"
  [ -s "$T/link-dests" ] || { echo "no links" >&2; return 1; }
  comm -23 "$T/link-dests" "$T/named" | grep -q . && { echo "dangling links" >&2; return 1; }
  return 0
}
# the creation date in ISO form, from pdfinfo
created() { pdfinfo -isodates "$1" | awk '/^CreationDate:/ {print $2}'; }

styles=("default:" "gongwen:--style gongwen")
for src in examples/*.txt; do
  stem=$(basename "$src" .txt)
  for entry in "${styles[@]}"; do
    style=${entry%%:*}; opts=${entry#*:}
    dir=$T/$style/$stem
    mkdir -p "$dir/a" "$dir/b"
    # shellcheck disable=SC2086
    if ! SOURCE_DATE_EPOCH=1700000000 "$B" pdf $opts "$src" -o "$dir/a" >/dev/null 2>"$T/err"; then
      bad "$stem $style: bulletin pdf failed"; cat "$T/err"; continue
    fi
    # shellcheck disable=SC2086
    SOURCE_DATE_EPOCH=1700000000 "$B" pdf $opts "$src" -o "$dir/b" >/dev/null 2>&1
    pdf=$dir/a/$stem.pdf
    check "$stem $style: two runs, same bytes" -- cmp -s "$pdf" "$dir/b/$stem.pdf"
    pdffonts "$pdf" >"$T/fonts"
    check "$stem $style: fonts embedded" -- awk 'NR > 2 {n++; if ($(NF-4) != "yes") bad = 1} END {exit bad || !n}' "$T/fonts"
    if [ "$stem" != 004_4439fbf7470fe794 ]; then # 004 has no lagging rows
      check "$stem $style: internal links resolve" -- links_resolve "$pdf"
    fi
    check "$stem $style: date from SOURCE_DATE_EPOCH" -- test "$(created "$pdf")" = 2023-11-14T22:13:20Z
  done
done

# the published date (004 is dated 2024年4月30日), China Standard Time
mkdir -p "$T/dated"
"$B" pdf examples/004_4439fbf7470fe794.txt -o "$T/dated" >/dev/null 2>&1
d=$(created "$T/dated/004_4439fbf7470fe794.pdf")
check "published date at +08:00 ($d)" -- test "$d" = 2024-04-30T00:00:00+08
# a --date given on the command line is the published date too
mkdir -p "$T/given"
"$B" pdf examples/002_d2b346bc7988df13.txt --date 2024年7月5日 -o "$T/given" >/dev/null 2>&1
d=$(created "$T/given/002_d2b346bc7988df13.pdf")
check "--date at +08:00 ($d)" -- test "$d" = 2024-07-05T00:00:00+08
# no date in the report (002): the time of the run, in UTC
mkdir -p "$T/undated"
t0=$(date -u +%s)
"$B" pdf examples/002_d2b346bc7988df13.txt -o "$T/undated" >/dev/null 2>&1
t1=$(date -u +%s)
d=$(created "$T/undated/002_d2b346bc7988df13.pdf")
ds=$(date -u -d "$d" +%s 2>/dev/null || echo 0)
check "undated: the time of the run ($d)" -- test "$ds" -ge "$t0" -a "$ds" -le "$t1"
check "undated: not 1970 ($d)" -- test "${d:0:4}" != 1970

# size: object streams make the file smaller than cairo's own output; the
# uncompressed form (qpdf --qdf, what cairo's layout is close to) is larger
p=$T/default/000_03b3a4d07901329f/a/000_03b3a4d07901329f.pdf
qpdf --object-streams=disable "$p" "$T/plain.pdf" 2>/dev/null
s1=$(stat -c %s "$p"); s2=$(stat -c %s "$T/plain.pdf")
echo "000 default: $s1 bytes with object streams, $s2 without"
check "object streams smaller ($s1 < $s2)" -- test "$s1" -lt "$s2"

if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "pdf check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
