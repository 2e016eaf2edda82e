#!/usr/bin/env bash
# The Excel ledger (docs/ledger.md): parse → ledger.xlsx → parse gives the
# same model, bar where it was read from (tests/ledger_compare.py deletes
# only each document's source, stem, format and encoding, and every "line").
#
#   - every example (examples/*.txt) must round-trip;
#   - every page of the corpus (BULLETIN_CORPUS_DIR, default
#     $BL_SOURCE_DIR/../shared/corpus/pages) that parses must round-trip;
#     no corpus: that part is skipped, or fails when CI=true;
#   - two writes of one ledger, a second apart, are the same bytes, and
#     SOURCE_DATE_EPOCH sets the workbook's creation date;
#   - a write that fails (a cell over Excel's 32,767 characters) exits 1 and
#     leaves no file behind; several reports into one ledger is a usage error;
#   - LibreOffice (soffice, when installed; required when CI=true) opens a
#     ledger and converts its first sheet to CSV with the fixed header.
set -u -o pipefail

B=${BULLETIN:-build/bulletin}
SRC=${BL_SOURCE_DIR:-.}
PAGES=${BULLETIN_CORPUS_DIR:-$SRC/../shared/corpus/pages}
CMP="$SRC/tests/ledger_compare.py"
[ -x "$B" ] || { echo "FAIL: no bulletin at $B"; exit 1; }
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to compare models"; exit 77; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# round_trip NAME FILE: writes $T/rt/NAME.a.json (FILE's model) and
# NAME.b.json (its ledger's); 2 when FILE does not parse, 1 on a failure.
mkdir -p "$T/rt"
pairs=()
round_trip() {
  "$B" parse "$2" -o "$T/rt/$1.a.json" 2>/dev/null || return 2
  if ! "$B" parse "$2" -o "$T/rt/$1.xlsx" 2>"$T/err"; then
    echo "FAIL: $2: writing the ledger: $(head -1 "$T/err")"; return 1
  fi
  if ! "$B" parse "$T/rt/$1.xlsx" -o "$T/rt/$1.b.json" 2>"$T/err"; then
    echo "FAIL: $2: reading the ledger back: $(head -1 "$T/err")"; return 1
  fi
  pairs+=("$T/rt/$1.a.json" "$T/rt/$1.b.json")
}

for f in "$SRC"/examples/*.txt; do
  round_trip "ex-$(basename "$f")" "$f"; rc=$?
  [ $rc -eq 2 ] && echo "FAIL: $f does not parse"
  [ $rc -eq 0 ] || fail=1
done
python3 "$CMP" "${pairs[@]}" | sed 's/^/examples: /' || fail=1

if [ -d "$PAGES" ]; then
  pairs=()
  for f in "$PAGES"/*; do
    case "$f" in *.json|*.py|*.md) continue ;; esac
    [ -f "$f" ] || continue
    round_trip "page-$(basename "$f")" "$f"; rc=$?
    [ $rc -eq 1 ] && fail=1
  done
  if [ ${#pairs[@]} -eq 0 ]; then
    echo "FAIL: no corpus page parses"; fail=1
  else
    python3 "$CMP" "${pairs[@]}" | sed 's/^/corpus: /' || fail=1
  fi
elif [ "${CI:-}" = true ]; then
  echo "FAIL (CI=true): no corpus at $PAGES"; fail=1
else
  echo "SKIP: corpus round trip (no corpus at $PAGES)"
fi

# Deterministic bytes.
ex=$(ls "$SRC"/examples/*.txt | head -1)
"$B" parse "$ex" -o "$T/one.xlsx" && sleep 1 && "$B" parse "$ex" -o "$T/two.xlsx" ||
  { echo "FAIL: writing $ex"; fail=1; }
cmp -s "$T/one.xlsx" "$T/two.xlsx" || { echo "FAIL: two writes of one ledger differ"; fail=1; }
SOURCE_DATE_EPOCH=1700000000 "$B" parse "$ex" --to xlsx -o "$T/epoch.out" || fail=1
python3 - "$T/epoch.out" <<'PY' || fail=1
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
if "2023-11-14T22:13:20Z" not in core:
    print("FAIL: SOURCE_DATE_EPOCH=1700000000 is not the creation date:", core[-300:])
    sys.exit(1)
PY

# No half-written ledger.
python3 -c "print('| 序号 | 项目内容 | 责任单位 | 进展情况 |\n|---|---|---|---|\n| 1 | 建设学校 | 县教育局 | ' + '已完成' * 12000 + ' |')" > "$T/long.txt"
"$B" parse "$T/long.txt" -o "$T/long.xlsx" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "error: .*32,767" "$T/err" || { echo "FAIL: a 36,000-character cell: exit $rc, $(cat "$T/err")"; fail=1; }
ls "$T" | grep -q '^long\.xlsx' && { echo "FAIL: a failed ledger left $(ls "$T" | grep '^long\.xlsx')"; fail=1; }
"$B" parse "$SRC"/examples/*.txt -o "$T/many.xlsx" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/many.xlsx" ] || { echo "FAIL: three reports into one ledger: exit $rc"; fail=1; }

# LibreOffice opens it.
if command -v soffice >/dev/null; then
  if timeout 120 soffice -env:UserInstallation=file://"$T"/lo --headless \
       --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
       --outdir "$T/csv" "$T/one.xlsx" >"$T/lo.log" 2>&1 && [ -f "$T/csv/one.csv" ]; then
    sed -n 2p "$T/csv/one.csv" | grep -q "^序号,项目内容,分类,责任单位" ||
      { echo "FAIL: LibreOffice's CSV of the ledger lacks the header:"; head -2 "$T/csv/one.csv"; fail=1; }
    echo "libreoffice: converted the ledger to CSV"
  else
    echo "FAIL: LibreOffice could not convert the ledger"; cat "$T/lo.log"; fail=1
  fi
elif [ "${CI:-}" = true ]; then
  echo "FAIL (CI=true): soffice is not installed"; fail=1
else
  echo "SKIP: LibreOffice check (no soffice)"
fi

[ $fail -eq 0 ] && echo "PASS" || exit 1
