#!/usr/bin/env bash
# Error paths of the outputs, by fault injection (BULLETIN_TEST_FAULT in
# src/base/io.c, read_xls.c): a failed write, fsync, rename or mkdir is exit 1 with a
# message, leaves the previous file as it was and no temporary file behind;
# and the success path of `bulletin build` with its three outputs checked.
set -u
B=${BULLETIN:-build/bulletin}
B=$(cd "$(dirname "$B")" && pwd)/$(basename "$B")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
no_tmp() { # no_tmp DIR DESCRIPTION
  local left
  left=$(find "$1" -name '*.tmp-*' 2>/dev/null | head -3)
  if [ -z "$left" ]; then ok; else bad "$2: temporary files left: $left"; fi
}
SEED=examples/002_d2b346bc7988df13.txt

for fault in write fsync rename; do
  # parse -o FILE: the old file stays whole.
  mkdir -p "$T/$fault"
  echo old >"$T/$fault/m.json"
  BULLETIN_TEST_FAULT=$fault "$B" parse "$SEED" -o "$T/$fault/m.json" 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "parse with $fault failing: exit $rc, want 1"; fi
  has "$T/err" "m.json: error: " "parse with $fault failing names the output"
  if [ "$(cat "$T/$fault/m.json")" = old ]; then ok; else bad "parse with $fault failing replaced the old file"; fi
  no_tmp "$T/$fault" "parse with $fault failing"
  # build -o DIR: nothing written, nothing left.
  BULLETIN_TEST_FAULT=$fault "$B" build -q "$SEED" -o "$T/$fault/out" 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "build with $fault failing: exit $rc, want 1"; fi
  has "$T/err" "error: " "build with $fault failing says so"
  n=$(find "$T/$fault/out" -type f | wc -l)
  if [ "$n" -eq 0 ]; then ok; else bad "build with $fault failing left $n files"; fi
  no_tmp "$T/$fault/out" "build with $fault failing"
done
has <(BULLETIN_TEST_FAULT=write "$B" parse "$SEED" -o "$T/w.json" 2>&1) "No space left" \
  "a failed write says why"
has <(BULLETIN_TEST_FAULT=fsync "$B" parse "$SEED" -o "$T/w.json" 2>&1) "cannot sync" \
  "a failed fsync says so"
has <(BULLETIN_TEST_FAULT=rename "$B" parse "$SEED" -o "$T/w.json" 2>&1) "cannot rename" \
  "a failed rename says so"

# mkdir: the directory is not there, nothing was written.
BULLETIN_TEST_FAULT=mkdir "$B" build -q "$SEED" -o "$T/new/sub" 2>"$T/err"; rc=$?
if [ $rc -eq 1 ]; then ok; else bad "build with mkdir failing: exit $rc, want 1"; fi
has "$T/err" "cannot create directory" "build with mkdir failing says so"
if [ ! -e "$T/new" ]; then ok; else bad "build with mkdir failing created $T/new"; fi

# The output directory is locked itself, leaving nothing in it; where it
# cannot be (NFS: dirlock), a lock file is locked instead.
"$B" build -q "$SEED" -o "$T/lockd" 2>"$T/err"; rc=$?
if [ $rc -eq 0 ] && [ "$(ls -A "$T/lockd" | wc -l)" -eq 3 ]; then ok; else bad "build: exit $rc, $(ls -A "$T/lockd")"; fi
BULLETIN_TEST_FAULT=dirlock "$B" build -q "$SEED" -o "$T/lockf" 2>"$T/err"; rc=$?
if [ $rc -eq 0 ]; then ok; else bad "build with the directory lock failing: exit $rc"; cat "$T/err"; fi
if [ -e "$T/lockf/.bulletin.lock" ] && [ "$(ls "$T/lockf" | wc -l)" -eq 3 ]; then ok; else
  bad "build with the directory lock failing: $(ls -A "$T/lockf")"; fi

# FreeXL runs in a child that it may kill (a damaged workbook): the
# workbook's temporary copy is gone from TMPDIR even then (freexl).
xls=tests/fuzz/corpus/office/pipe-example.xls-xls
mkdir -p "$T/tmpdir"
tail -c +2 "$xls" >"$T/book.xls"
TMPDIR=$T/tmpdir BULLETIN_TEST_FAULT=freexl "$B" parse "$T/book.xls" >/dev/null 2>"$T/err"; rc=$?
if [ $rc -eq 1 ]; then ok; else bad "parse with FreeXL's child killed: exit $rc, want 1"; fi
has "$T/err" "book.xls: error: .*cannot be read" "parse with FreeXL's child killed names the file"
if [ -z "$(ls -A "$T/tmpdir")" ]; then ok; else bad "FreeXL's child killed left $(ls -A "$T/tmpdir")"; fi
TMPDIR=$T/tmpdir "$B" parse "$T/book.xls" -o "$T/book.json" 2>"$T/err"; rc=$?
if [ $rc -eq 0 ] && [ -z "$(ls -A "$T/tmpdir")" ]; then ok; else bad "parse of an .xls: exit $rc, left $(ls -A "$T/tmpdir")"; fi

# build succeeds: three outputs per input, each whole.
"$B" build "$SEED" examples/000_03b3a4d07901329f.txt -o "$T/ok" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc -eq 0 ]; then ok; else bad "build: exit $rc"; cat "$T/err"; fi
for stem in 002_d2b346bc7988df13 000_03b3a4d07901329f; do
  src=examples/$stem.txt
  # The per-document JSON is what parse writes for that input alone.
  "$B" parse "$src" -o "$T/$stem.parse.json" 2>/dev/null
  if cmp -s "$T/ok/$stem.json" "$T/$stem.parse.json"; then ok; else bad "build's $stem.json differs from parse's"; fi
  has "$T/ok/$stem.html" "</html>" "$stem.html is complete"
  title=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["documents"][0]; print(d["lists"][0]["projects"][0]["content"][:8])' "$T/ok/$stem.json")
  has "$T/ok/$stem.html" "$title" "$stem.html holds the first project"
  if head -c 5 "$T/ok/$stem.pdf" | grep -q '%PDF-' && tail -c 64 "$T/ok/$stem.pdf" | grep -q '%%EOF'; then ok
  else bad "$stem.pdf is not a whole PDF"; fi
  if command -v pdftotext >/dev/null; then
    pdftotext "$T/ok/$stem.pdf" "$T/$stem.txt" 2>/dev/null
    has "$T/$stem.txt" "$title" "$stem.pdf holds the first project"
  fi
  has "$T/out" "$stem.pdf" "build prints the PDF it wrote"
done
no_tmp "$T/ok" "a successful build"

echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
