#!/usr/bin/env bash
# Real HTML pages (../shared/real-sources/html: government pages and
# Word/WPS exports, none of them a progress report; see the README there):
# `bulletin parse` on each must exit 0, or 1 with a "file: error:" message
# ("no project table found" for most), and never crash (exit > 1, a signal,
# a sanitizer report). The files are read where they are, never copied.
# No directory (BL_REAL_SOURCES, default $BL_SOURCE_DIR/../shared/real-sources):
# skip (77), except when CI=true, where it is a failure.
set -u

B=${BULLETIN:-build/bulletin}
SRC=${BL_SOURCE_DIR:-.}
DIR=${BL_REAL_SOURCES:-$SRC/../shared/real-sources}/html

if ! ls "$DIR"/*.htm* >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL (CI=true): no HTML pages in $DIR"
    exit 1
  fi
  echo "SKIP: no HTML pages in $DIR"
  exit 77
fi

fail=0 n=0 tables=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for f in "$DIR"/*.htm*; do
  n=$((n + 1))
  "$B" parse "$f" >/dev/null 2>"$err"
  rc=$?
  name=$(basename "$f")
  if [ "$rc" -gt 1 ] || grep -q "Sanitizer\|runtime error" "$err"; then
    echo "FAIL $name: exit $rc (crash)"
    head -5 "$err"
    fail=1
  elif [ "$rc" = 1 ] && ! grep -q "^$f:[0-9]*: error: " "$err"; then
    echo "FAIL $name: exit 1 without a 'file: error:' message"
    head -3 "$err"
    fail=1
  elif [ "$rc" = 0 ]; then
    tables=$((tables + 1))
    echo "ok   $name: read a table ($(grep -c warning: "$err") warnings)"
  else
    echo "ok   $name: $(sed -n 's/^[^ ]*: error: //p' "$err" | head -1 | sed 's/:.*//')"
  fi
done
echo "html pages: $n read, $tables with a table, $((n - tables)) refused"
exit $fail
