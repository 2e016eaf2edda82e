#!/usr/bin/env bash
# Real office files (../shared/real-sources/{docx,xlsx,csv}: government
# tables from public repositories, none of them a progress report; see
# their README.md): `bulletin parse` on each must exit 0, or 1 with an
# "error:" message; never crash or hang (any other exit, a signal, a
# sanitizer report). "no project table found" is the expected answer for
# most, "the table has no rows" for the 督查 ledger templates (a header and
# nothing under it). The files are read where they are, never copied into
# the project.
# No directory (BL_SOURCE_DIR/../shared/real-sources): skip (77), except
# when CI=true, where it is a failure.
set -u

B=${BULLETIN:-build/bulletin}
SRC=${BL_SOURCE_DIR:-.}
DIR=${BL_REAL_SOURCES:-$SRC/../shared/real-sources}

if [ ! -d "$DIR" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL (CI=true): no real sources at $DIR"
    exit 1
  fi
  echo "SKIP: no real sources at $DIR"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0 ok=0 refused=0
for f in "$DIR"/docx/* "$DIR"/xlsx/* "$DIR"/csv/*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  timeout 60 "$B" parse "$f" -o "$tmp/out.json" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  name=${f#"$DIR"/}
  case $name in
    xlsx/cq_spb_duchaban_*template*.xlsx) # 督查 ledger templates: a header, no rows
      if ! grep -q "error: the table has no rows" "$tmp/stderr"; then
        fail=1
        echo "FAIL    $name: expected \"the table has no rows\" (exit $rc)"
        head -3 "$tmp/stderr"
        continue
      fi ;;
  esac
  if [ $rc -eq 0 ]; then
    ok=$((ok + 1))
    echo "ok      $name"
  elif [ $rc -eq 1 ] && grep -q "error:" "$tmp/stderr" && ! grep -q "Sanitizer" "$tmp/stderr"; then
    refused=$((refused + 1))
    echo "error   $name: $(grep -m1 'error:' "$tmp/stderr" | sed 's/.*error: //' | cut -c1-100)"
  else
    fail=1
    echo "FAIL    $name: exit $rc"
    head -5 "$tmp/stderr"
  fi
done
echo "office_real: $n files, $ok read, $refused refused with a message"
[ $n -gt 0 ] || { echo "FAIL: no files under $DIR/{docx,xlsx,csv}"; exit 1; }
exit $fail
