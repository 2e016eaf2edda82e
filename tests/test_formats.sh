#!/usr/bin/env bash
# The three examples in every format an office publishes them in, made at
# test time by real producers, must read to the same lists, projects,
# sequence numbers, entry departments and rates as their text versions:
#   html         a CMS page in GBK (<meta charset=gb2312>) with layout tables,
#                rowspans and Word-export markup (tests/make_formats.py);
#   openpyxl.xlsx  merged title and group cells, rates as percent numbers;
#   python-docx.docx  gridSpan title row, vMerge group cells;
#   and from the page, with LibreOffice headless: docx (Writer), xlsx, xls,
#   csv in GBK and tsv (Calc).
# A narrative report (004) is paragraphs in each of them.
# Needs soffice and Debian's python3 with openpyxl and docx: without them
# the test is skipped (77), except under CI=true, where it fails.
set -u

B=${BULLETIN:-build/bulletin}
SRC=${BL_SOURCE_DIR:-.}
PY=${BL_PYTHON:-/usr/bin/python3}
GEN=$SRC/tests/make_formats.py
case $B in /*) ;; *) B=$PWD/$B ;; esac

missing=""
command -v soffice >/dev/null 2>&1 || missing="soffice (libreoffice-writer-nogui, libreoffice-calc-nogui)"
"$PY" -c 'import openpyxl, docx' 2>/dev/null || missing="${missing:+$missing and }python3-openpyxl/python3-docx for $PY"
if [ -n "$missing" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL (CI=true): missing $missing"
    exit 1
  fi
  echo "SKIP: missing $missing"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s%N)
fail=0 passed=0 failed=0
stems=()
for f in "$SRC"/examples/*.txt; do
  s=$(basename "$f" .txt)
  stems+=("$s")
  if ! "$B" parse "$f" -o "$tmp/$s.text.json" 2>"$tmp/err"; then
    echo "FAIL    $s: the text version does not read"; cat "$tmp/err"; exit 1
  fi
  "$PY" "$GEN" "$tmp/$s.text.json" "$f" "$tmp" "$s" || { echo "FAIL    $s: make_formats.py"; exit 1; }
done
[ ${#stems[@]} -gt 0 ] || { echo "FAIL: no examples"; exit 1; }

# One soffice run per target format, each with its own profile (two runs
# cannot share one), run side by side.
pages=()
for s in "${stems[@]}"; do pages+=("$tmp/$s.html"); done
convert() { # NAME INFILTER TARGET
  mkdir -p "$tmp/$1"
  timeout 300 soffice -env:UserInstallation=file://"$tmp/profile-$1" --headless --norestore \
    --infilter="$2" --convert-to "$3" --outdir "$tmp/$1" "${pages[@]}" \
    >"$tmp/$1.log" 2>&1
  echo $? >"$tmp/$1.rc"
}
convert docx "HTML (StarWriter)" "docx:MS Word 2007 XML" &
convert xlsx "HTML (StarCalc)" "xlsx:Calc Office Open XML" &
wait
convert xls "HTML (StarCalc)" "xls:MS Excel 97" &
# Filter options: separator, quote, character set (67 is LibreOffice's GBK;
# a name such as GBK is not understood and gives UTF-8).
convert csv "HTML (StarCalc)" "csv:Text - txt - csv (StarCalc):44,34,67" &
convert tsv "HTML (StarCalc)" "tsv:Text - txt - csv (StarCalc):9,34,76" &
wait
made=$(date +%s%N)

# The traits each file must have, or the comparison proves less than it says.
trait() { # FILE WHAT PYTHON-EXPRESSION-ON-z
  "$PY" - "$1" "$3" <<'EOF' || { echo "FAIL    $(basename "$1"): no $2"; return 1; }
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
part = lambda name: z.read(name).decode("utf-8")
parts = lambda prefix: "".join(part(n) for n in z.namelist() if n.startswith(prefix))
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}
check_traits() {
  local s=$1 ok=0
  grep -qi 'charset=gb2312' "$tmp/$s.html" && ! iconv -f UTF-8 -t UTF-8 "$tmp/$s.html" >/dev/null 2>&1 ||
    { echo "FAIL    $s.html: not GBK with <meta charset=gb2312>"; ok=1; }
  if [ -f "$tmp/csv/$s.csv" ]; then
    iconv -f GBK -t UTF-8 "$tmp/csv/$s.csv" >/dev/null 2>&1 && ! iconv -f UTF-8 -t UTF-8 "$tmp/csv/$s.csv" >/dev/null 2>&1 ||
      { echo "FAIL    $s.csv: not GBK"; ok=1; }
  fi
  case $s in 004_*) return $ok ;; esac # paragraphs: no merges
  grep -q 'rowspan' "$tmp/$s.html" || { echo "FAIL    $s.html: no rowspan"; ok=1; }
  trait "$tmp/$s.openpyxl.xlsx" "merged cells" '"<mergeCell " in parts("xl/worksheets/")' || ok=1
  trait "$tmp/$s.python-docx.docx" "vMerge" '"vMerge" in part("word/document.xml")' || ok=1
  case $s in 000_*) # titled lists: a title row across the table
    trait "$tmp/$s.python-docx.docx" "gridSpan" '"gridSpan" in part("word/document.xml")' || ok=1 ;;
  esac
  [ -f "$tmp/docx/$s.docx" ] && { trait "$tmp/docx/$s.docx" "vMerge" '"vMerge" in part("word/document.xml")' || ok=1; }
  [ -f "$tmp/xlsx/$s.xlsx" ] && { trait "$tmp/xlsx/$s.xlsx" "merged cells" '"<mergeCell " in parts("xl/worksheets/")' || ok=1; }
  return $ok
}
# 002 has a rate column: its openpyxl workbook holds the rates as numbers in
# a percent format (Excel's built-in 0% and 0.00% are numFmtId 9 and 10).
pct=$(ls "$tmp"/002_*.openpyxl.xlsx 2>/dev/null | head -1)
if [ -n "$pct" ]; then
  trait "$pct" "percent number format" '("numFmtId=\"9\"" in part("xl/styles.xml") or "numFmtId=\"10\"" in part("xl/styles.xml")) and "<v>0.72</v>" in parts("xl/worksheets/")' || fail=1
fi

for s in "${stems[@]}"; do
  check_traits "$s" || fail=1
  for v in html openpyxl.xlsx python-docx.docx docx xlsx xls csv tsv; do
    case $v in
      html|openpyxl.xlsx|python-docx.docx) file=$tmp/$s.$v ;;
      *) file=$tmp/$v/$s.$v ;;
    esac
    if [ ! -f "$file" ]; then
      echo "FAIL    $s $v: not made (soffice exit $(cat "$tmp/$v.rc" 2>/dev/null))"
      sed 's/^/    /' "$tmp/$v.log" 2>/dev/null | head -5
      failed=$((failed + 1)); fail=1; continue
    fi
    "$B" parse "$file" -o "$tmp/out.json" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "FAIL    $s $v: exit $rc: $(head -c 300 "$tmp/stderr")"
      failed=$((failed + 1)); fail=1; continue
    fi
    if "$PY" "$GEN" --compare "$tmp/$s.text.json" "$tmp/out.json" >"$tmp/diff"; then
      echo "pass    $s $v"
      passed=$((passed + 1))
    else
      echo "FAIL    $s $v: differs from the text version:"
      cat "$tmp/diff"
      failed=$((failed + 1)); fail=1
    fi
  done
done
end=$(date +%s%N)
echo "formats: files made in $(( (made - start) / 1000000 )) ms, read and compared in $(( (end - made) / 1000000 )) ms"
echo "formats: $passed passed, $failed failed"
exit $fail
