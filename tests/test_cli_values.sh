#!/usr/bin/env bash
# Option values and the paths of each command that test_cli.sh and
# test_usage.sh leave out: help forms, option spellings and their refusals,
# --lag-tolerance and SOURCE_DATE_EPOCH values, standard input that is a
# directory or too large, outputs that fail for real (a file size limit, a
# full device, a closed standard output, a missing TMPDIR), the ledger's
# -o forms, view and site refusals, --keep-going into one file, -o DIR//,
# batches of PDFs in parallel (progress on a terminal, --previous, more
# jobs than inputs, faults in the workers), signals ignored at start, and
# out of memory outside any input. Each: exit code, message, what is
# written and what is not (no temporary file left).
set -u
export LC_ALL=C.UTF-8
B=${BULLETIN:-build/bulletin}
SRC_DIR=$(pwd)
case $B in /*) ;; *) B=$SRC_DIR/$B ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
empty() { # empty FILE DESCRIPTION: FILE is empty or absent
  if [ ! -s "$1" ]; then ok; else bad "$2: $(head -c 200 "$1")"; fi
}
P=examples/002_d2b346bc7988df13.txt
Q=examples/000_03b3a4d07901329f.txt
R=examples/004_4439fbf7470fe794.txt
PS=002_d2b346bc7988df13
QS=000_03b3a4d07901329f
RS=004_4439fbf7470fe794
export SOURCE_DATE_EPOCH=1700000000

# --- help and version ---------------------------------------------------------
expect 0 "help template" -- "$B" help template
has "$T/stdout" "^usage: bulletin template TEMPLATE DATA\.json" "help template"
expect 0 "help of no command" -- "$B" help nosuch
has "$T/stdout" "^usage: bulletin COMMAND" "help nosuch: the main usage"
expect 0 "-h" -- "$B" -h
has "$T/stdout" "^commands:" "-h: the main usage"
expect 0 "parse -h" -- "$B" parse -h "$T/none.txt"
has "$T/stdout" "^usage: bulletin parse FILE" "parse -h: parse's usage, no input read"
empty "$T/stderr" "parse -h read its input"
expect 0 "-V" -- "$B" -V
has "$T/stdout" "^data: /" "-V names the data directory"
# A copy of the program away from any share/bulletin says it found none.
mkdir -p "$T/bin"
cp "$B" "$T/bin/bulletin"
if [ ! -d /usr/local/share/bulletin ] && [ ! -d /usr/share/bulletin ]; then
  expect 0 "-V without data" -- "$T/bin/bulletin" -V
  has "$T/stdout" "^data: \(none found\)$" "-V without a data directory"
fi

# --- option spellings and refusals ---------------------------------------------
long=--$(printf 'a%.0s' $(seq 70))
expect 2 "a 72-byte option name" -- "$B" parse "$long=1" "$P"
has "$T/stderr" "^bulletin: unknown option '--a{70}=1'$" "a long option name is unknown"
# A value option of the command is taken, then the bad style refused: no PDF.
expect 2 "--font-dir then a bad style" -- "$B" pdf --font-dir "$T" --style fancy "$P" -o "$T/fd.pdf"
has "$T/stderr" "unknown style 'fancy'" "--style fancy after --font-dir"
if [ ! -e "$T/fd.pdf" ]; then ok; else bad "a refused pdf was written"; fi
expect 2 "--font-size ''" -- "$B" pdf --font-size "" "$P" -o "$T/fd.pdf"
has "$T/stderr" "--font-size takes a size in points from 6 to 24, not ''" "--font-size ''"
expect 2 "check --format xml" -- "$B" check --format xml "$P"
has "$T/stderr" "unknown check format 'xml' \(known: text, json\)" "--format xml"
expect 0 "check --format text" -- "$B" check --format text "$P"
cp "$T/stdout" "$T/check-text"
expect 0 "check" -- "$B" check "$P"
if cmp -s "$T/stdout" "$T/check-text" && [ -s "$T/stdout" ]; then ok; else bad "check --format text differs from check"; fi
expect 0 "--from pipe" -- "$B" parse --from pipe "$P" -o "$T/from.json"
has "$T/from.json" '"format": "pipe"' "--from pipe"
# --from html (a byte reader) on a page.
printf '<html><body><table><tr><td>项目名称</td><td>责任单位</td><td>进展情况</td></tr><tr><td>新建公园</td><td>县住建局</td><td>已完工</td></tr></table></body></html>\n' >"$T/page.htm"
expect 0 "--from html" -- "$B" parse --from html "$T/page.htm" -o "$T/page.json"
has "$T/page.json" '"format": "html"' "--from html reads with the HTML reader"
has "$T/page.json" '"content": "新建公园"' "--from html: the project"
# --to json wins over the .xlsx extension.
expect 0 "--to json -o m.xlsx" -- "$B" parse --to json "$P" -o "$T/m.xlsx"
if head -c 1 "$T/m.xlsx" | grep -q '{'; then ok; else bad "--to json -o m.xlsx did not write JSON"; fi
# --quiet and -q print nothing; without them the size of each file.
expect 0 "html --quiet" -- "$B" html --quiet "$P" -o "$T/q.html"
empty "$T/stdout" "html --quiet printed"
has "$T/q.html" "</html>" "html --quiet wrote the page"
expect 0 "html" -- "$B" html "$P" -o "$T/nq.html"
has "$T/stdout" "^$T/nq.html	[0-9]+ bytes$" "html prints the size"
# --inline-styles alone is a fragment with styles on its elements.
expect 0 "html --inline-styles -o -" -- "$B" html --inline-styles "$P" -o -
if grep -q '<style' "$T/stdout" || grep -q '<html' "$T/stdout"; then bad "--inline-styles left <style> or <html>"; else ok; fi
has "$T/stdout" ' style="' "--inline-styles puts styles on elements"
cp "$T/stdout" "$T/inline.html"
expect 0 "html --fragment --inline-styles" -- "$B" html --fragment --inline-styles "$P" -o -
if cmp -s "$T/stdout" "$T/inline.html"; then ok; else bad "--fragment --inline-styles differs from --inline-styles"; fi

# --- --lag-tolerance and SOURCE_DATE_EPOCH values --------------------------------
for v in -1 1e999 "" 5x nan; do
  expect 2 "--lag-tolerance '$v'" -- "$B" parse --lag-tolerance "$v" "$P"
  has "$T/stderr" "^bulletin: error: --lag-tolerance '$v' is not a number of points >= 0$" "--lag-tolerance '$v'"
  empty "$T/stdout" "--lag-tolerance '$v' printed a model"
done
expect 0 "--lag-tolerance 5" -- "$B" parse --lag-tolerance 5 "$P" -o "$T/lag.json"
for v in -5 99999999999999999999; do
  SOURCE_DATE_EPOCH=$v expect 0 "SOURCE_DATE_EPOCH=$v" -- "$B" parse "$P" -o "$T/l.xlsx"
  has "$T/stderr" "^bulletin: warning: ignoring invalid SOURCE_DATE_EPOCH '$v'$" "SOURCE_DATE_EPOCH=$v"
done
SOURCE_DATE_EPOCH= expect 0 "SOURCE_DATE_EPOCH empty" -- "$B" parse "$P" -o "$T/l.xlsx"
empty "$T/stderr" "an empty SOURCE_DATE_EPOCH is unset, not invalid"

# --- inputs: missing side files, standard input ------------------------------------
mkdir -p "$T/none"
expect 1 "--previous missing" -- "$B" html --previous "$T/gone.txt" "$P" -o "$T/none/"
has "$T/stderr" "^$T/gone.txt: error: cannot open: No such file or directory$" "--previous missing"
if [ -z "$(ls -A "$T/none")" ]; then ok; else bad "--previous missing wrote $(ls "$T/none")"; fi
expect 1 "--aliases missing" -- "$B" parse --aliases "$T/gone.json" "$P"
has "$T/stderr" "^$T/gone.json: error: cannot open" "--aliases missing"
empty "$T/stdout" "--aliases missing printed a model"
python3 -c 'import os, subprocess, sys
fd = os.open(sys.argv[2], os.O_RDONLY)
r = subprocess.run([sys.argv[1], "parse", "-"], stdin=fd, capture_output=True)
sys.stdout.buffer.write(r.stdout); sys.stderr.buffer.write(r.stderr); sys.exit(r.returncode)' \
  "$B" "$T" >"$T/stdout" 2>"$T/stderr"; rc=$?
if [ $rc -eq 1 ]; then ok; else bad "parse - from a directory: exit $rc, want 1"; fi
has "$T/stderr" "^-: error: is a directory$" "a directory on standard input"
expect 1 "standard input over the limit" -- sh -c '"$1" parse --max-input-size 100 - <"$2"' sh "$B" "$P"
has "$T/stderr" "^-: error: larger than the input size limit of 100 bytes" "a file on standard input is measured"
empty "$T/stdout" "an input over the limit printed a model"

# --- outputs that fail for real ---------------------------------------------------
# A file size limit (ulimit -f, SIGXFSZ ignored): the write fails with EFBIG.
mkdir -p "$T/fsz"
echo old >"$T/fsz/m.json"
printf '{{x}}\n' >"$T/t.mustache"
python3 -c 'import json; print(json.dumps({"x": "y" * 3000}))' >"$T/big-x.json"
(
  ulimit -f 1
  trap '' XFSZ
  "$B" parse "$P" -o "$T/fsz/m.json" 2>"$T/fsz.err1"; echo $? >"$T/fsz.rc1"
  "$B" parse "$P" >"$T/fsz/stdout.json" 2>"$T/fsz.err2"; echo $? >"$T/fsz.rc2"
  "$B" html "$P" -o "$T/fsz/p.html" 2>"$T/fsz.err3"; echo $? >"$T/fsz.rc3"
  "$B" template "$T/t.mustache" "$T/big-x.json" -o "$T/fsz/t.out" 2>"$T/fsz.err4"; echo $? >"$T/fsz.rc4"
)
for k in 1 2 3 4; do
  if [ "$(cat "$T/fsz.rc$k")" = 1 ]; then ok; else bad "file size limit, run $k: exit $(cat "$T/fsz.rc$k"), want 1"; fi
done
has "$T/fsz.err1" "^$T/fsz/m.json: error: cannot write: File too large$" "parse -o FILE over the size limit"
if [ "$(cat "$T/fsz/m.json")" = old ]; then ok; else bad "a failed parse replaced the old file"; fi
has "$T/fsz.err2" "^bulletin: error: cannot write to standard output: File too large$" \
  "parse to standard output over the size limit says why"
has "$T/fsz.err3" "^$T/fsz/p.html: error: write failed: File too large$" "html over the size limit says why"
has "$T/fsz.err4" "^$T/fsz/t.out: error: write failed: File too large$" "template over the size limit says why"
if [ ! -e "$T/fsz/p.html" ] && [ ! -e "$T/fsz/t.out" ]; then ok; else bad "a failed write left its file"; fi
no_tmp "$T/fsz" "writes over the size limit"

# A full device on standard output, for each writer of it.
if [ -w /dev/full ]; then
  for cmd in "parse $P" "parse $P $Q" "parse --grid $P" "html $P -o -" "view $P" \
             "check --format json $P" "template $T/t.mustache $T/big-x.json"; do
    # shellcheck disable=SC2086
    "$B" $cmd >/dev/full 2>"$T/err"; rc=$?
    if [ $rc -eq 1 ]; then ok; else bad "$cmd >/dev/full: exit $rc, want 1"; fi
    has "$T/err" "^bulletin: error: cannot write to standard output: No space left on device$" "$cmd >/dev/full"
  done
fi
# A closed standard output: the help is not lost silently.
"$B" --help >&- 2>"$T/err"; rc=$?
if [ $rc -eq 1 ]; then ok; else bad "--help with standard output closed: exit $rc, want 1"; fi
has "$T/err" "^bulletin: error: cannot write to standard output: Bad file descriptor$" "--help >&-"

# pdf -o - goes through a private directory in TMPDIR, removed after.
mkdir -p "$T/tmp"
TMPDIR=$T/nodir expect 1 "pdf -o - with TMPDIR missing" -- "$B" pdf "$P" -o -
has "$T/stderr" "^$T/nodir: error: cannot create a temporary directory in it: No such file or directory$" \
  "a missing TMPDIR is named"
empty "$T/stdout" "pdf -o - with TMPDIR missing printed"
sed 's/完成县中崛起一对一结对帮扶学校1所/完成县中崛起𪛖一对一结对帮扶学校1所/' "$Q" >"$T/uncovered.txt"
TMPDIR=$T/tmp expect 1 "pdf -o - of an uncovered character" -- "$B" pdf "$T/uncovered.txt" -o -
has "$T/stderr" "U\+2A6D6" "the uncovered character is named"
empty "$T/stdout" "a failed pdf -o - printed part of a PDF"
if [ -z "$(ls -A "$T/tmp")" ]; then ok; else bad "pdf -o - left $(ls -A "$T/tmp") in TMPDIR"; fi
TMPDIR=$T/tmp expect 0 "pdf -o -" -- "$B" pdf "$P" -o -
if head -c 5 "$T/stdout" | grep -q '%PDF-' && tail -c 64 "$T/stdout" | grep -q '%%EOF'; then ok; else bad "pdf -o - is not a whole PDF"; fi
if [ -z "$(ls -A "$T/tmp")" ]; then ok; else bad "pdf -o - left $(ls -A "$T/tmp") in TMPDIR"; fi
if [ -w /dev/full ]; then
  TMPDIR=$T/tmp "$B" pdf "$P" -o - >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "pdf -o - >/dev/full: exit $rc, want 1"; fi
  has "$T/err" "cannot write to standard output: No space left on device" "pdf -o - >/dev/full"
  if [ -z "$(ls -A "$T/tmp")" ]; then ok; else bad "pdf -o - >/dev/full left $(ls -A "$T/tmp")"; fi
fi

# --- where outputs go ---------------------------------------------------------------
# The ledger needs a file: no -o, -o - and -o DIR/ are refused, nothing made.
for o in "" "-o -" "-o $T/ldir/"; do
  # shellcheck disable=SC2086
  expect 2 "--to xlsx $o" -- "$B" parse --to xlsx "$P" $o
  has "$T/stderr" "^bulletin: error: parse: the ledger is written to a file \(-o NAME\.xlsx\)" "--to xlsx $o"
  empty "$T/stdout" "--to xlsx $o printed"
done
if [ ! -e "$T/ldir" ]; then ok; else bad "a refused ledger created its directory"; fi
# -o DIR// names the files DIR/<stem>.html, as -o DIR/ does.
expect 0 "html -o DIR//" -- "$B" html "$P" -o "$T/sl//"
has "$T/stdout" "^$T/sl/$PS.html	[0-9]+ bytes$" "-o DIR// lists DIR/<stem>.html"
has "$T/sl/$PS.html" "</html>" "-o DIR// wrote the page"
# A link in DIR/ to a directory is refused, and stays a link.
mkdir -p "$T/ld/real" "$T/ld/out"
ln -s ../real "$T/ld/out/$PS.html"
expect 1 "html onto a link to a directory" -- "$B" html "$P" -o "$T/ld/out/"
has "$T/stderr" "^$T/ld/out/$PS.html: error: not a regular file; refusing to replace it$" "a link to a directory"
if [ -L "$T/ld/out/$PS.html" ] && [ -z "$(ls -A "$T/ld/real")" ]; then ok; else bad "the link to a directory was replaced or written into"; fi
no_tmp "$T/ld" "a refused link"
# --keep-going into one file: the page is written; a bad input is refused.
printf 'hello\n' >"$T/hello.txt"
expect 0 "html --keep-going -o FILE" -- "$B" html --keep-going "$P" -o "$T/kg.html"
has "$T/kg.html" "</html>" "--keep-going -o FILE wrote the page"
has "$T/stdout" "^$T/kg.html	[0-9]+ bytes$" "--keep-going -o FILE prints its size"
expect 1 "html --keep-going -o FILE, bad input" -- "$B" html --keep-going "$T/hello.txt" -o "$T/kg2.html"
has "$T/stderr" "^bulletin: 0 of 1 reports written; 1 refused: $T/hello.txt$" "--keep-going of one bad input"
if [ ! -e "$T/kg2.html" ]; then ok; else bad "--keep-going wrote a refused page"; fi
# Many refused inputs: the summary names as many as fit, one line.
names=()
for k in $(seq 1 40); do names+=("$T/missing-report-number-$k-of-the-county.txt"); done
expect 1 "--keep-going of 40 missing inputs" -- "$B" html --keep-going "${names[@]}" -o "$T/kg40/"
if [ "$(grep -c 'error: cannot open' "$T/stderr")" -eq 40 ]; then ok; else bad "--keep-going: not 40 errors"; fi
tail -n1 "$T/stderr" >"$T/summary"
has "$T/summary" "^bulletin: 0 of 40 reports written; 40 refused: $T/missing-report-number-1-of-the-county\.txt, " \
  "--keep-going summary of 40"
if [ "$(wc -c <"$T/summary")" -lt 1100 ]; then ok; else bad "the summary of 40 refusals is $(wc -c <"$T/summary") bytes"; fi
if [ -z "$(ls -A "$T/kg40" 2>/dev/null)" ]; then ok; else bad "--keep-going of 40 missing inputs wrote files"; fi
# --previous of the same stem is compared with, not written: no collision.
mkdir -p "$T/pa" "$T/pb"
cp "$Q" "$T/pa/x.txt"
cp "$P" "$T/pb/x.txt"
expect 0 "--previous of the same stem" -- "$B" html -q --previous "$T/pa/x.txt" "$T/pb/x.txt" -o "$T/pout/"
if [ "$(ls "$T/pout")" = x.html ]; then ok; else bad "--previous of the same stem wrote $(ls "$T/pout")"; fi

# --- view, site, template ------------------------------------------------------------
expect 2 "view of two" -- "$B" view "$P" "$Q"
has "$T/stderr" "view: expected one input FILE" "view of two inputs"
expect 0 "view -o FILE" -- "$B" view "$P" -o "$T/v.json"
has "$T/v.json" "^  \"generator\": \"bulletin " "view -o FILE wrote the view"
empty "$T/stdout" "view -o FILE also printed"
expect 0 "view -o -" -- "$B" view "$P" -o -
if cmp -s "$T/stdout" "$T/v.json"; then ok; else bad "view -o - differs from view -o FILE"; fi
expect 0 "view --previous" -- "$B" view --previous "$Q" "$P"
has "$T/stdout" "\"source\": \"$PS.txt\"" "view --previous shows the report"
if grep -q "\"source\": \"$QS" "$T/stdout"; then bad "view --previous shows the previous report"; else ok; fi
expect 1 "view of a non-report" -- "$B" view "$T/hello.txt" -o "$T/v2.json"
if [ ! -e "$T/v2.json" ]; then ok; else bad "view of a non-report wrote its output"; fi
echo x >"$T/afile"
for o in "" "-o -" "-o $T/afile"; do
  # shellcheck disable=SC2086
  expect 2 "site $o" -- "$B" site "$P" $o
  has "$T/stderr" "^bulletin: site: -o DIR/ is required" "site $o"
done
if [ "$(cat "$T/afile")" = x ]; then ok; else bad "site replaced a file"; fi
printf '{"x": 1}\n' >"$T/ok.json"
expect 0 "template -o -" -- "$B" template "$T/t.mustache" "$T/ok.json" -o -
if [ "$(cat "$T/stdout")" = 1 ]; then ok; else bad "template -o - wrote '$(cat "$T/stdout")'"; fi
expect 2 "template -o DIR/" -- "$B" template "$T/t.mustache" "$T/ok.json" -o "$T/tdir/"
has "$T/stderr" "template: -o $T/tdir/ is a directory; give a file name" "template -o DIR/"
if [ ! -e "$T/tdir" ]; then ok; else bad "template -o DIR/ created it"; fi

# --- PDFs in parallel -------------------------------------------------------------------
# On a terminal: how many documents are written, the line cleared before
# the sizes; -q shows none of it.
if command -v script >/dev/null; then
  script -qefc "$(printf '%q ' "$B" pdf "$P" "$Q" -o "$T/tty/" --jobs 2)" /dev/null >"$T/tty.out" 2>&1; rc=$?
  if [ $rc -eq 0 ]; then ok; else bad "pdf --jobs 2 on a terminal: exit $rc"; fi
  tr '\r' '\n' <"$T/tty.out" >"$T/tty.lines"
  has "$T/tty.lines" "^bulletin: 2 of 2 documents written$" "progress on a terminal"
  if grep -q $'\033\[K' "$T/tty.out"; then ok; else bad "the progress line is not cleared"; fi
  has "$T/tty.lines" "^.\[K$T/tty/$PS.pdf	[0-9]+ bytes$" "the sizes follow the cleared line"
  script -qefc "$(printf '%q ' "$B" pdf -q "$P" "$Q" -o "$T/ttyq/" --jobs 2)" /dev/null >"$T/ttyq.out" 2>&1
  empty "$T/ttyq.out" "pdf -q on a terminal printed"
  if [ -s "$T/ttyq/$QS.pdf" ]; then ok; else bad "pdf -q on a terminal wrote no PDF"; fi
fi
# More jobs than inputs, and --previous, which is not written: the same
# files and bytes as one after the other.
expect 0 "pdf --jobs 8 --previous" -- "$B" pdf -q --previous "$Q" "$P" "$R" -o "$T/j8/" --jobs 8
expect 0 "pdf --jobs 1 --previous" -- "$B" pdf -q --previous "$Q" "$P" "$R" -o "$T/j1/" --jobs 1
if [ "$(ls "$T/j8" | tr '\n' ' ')" = "$PS.pdf $RS.pdf " ]; then ok; else bad "pdf --previous --jobs 8 wrote $(ls "$T/j8")"; fi
if diff -r "$T/j1" "$T/j8" >/dev/null; then ok; else bad "--jobs 8 and --jobs 1 differ"; fi
# Faults in the workers: fsync fails there, mkdir before them.
for fault in fsync mkdir; do
  BULLETIN_TEST_FAULT=$fault expect 1 "pdf --jobs 2 with $fault failing" -- "$B" pdf "$P" "$R" -o "$T/f-$fault/sub/" --jobs 2
  case $fault in
    fsync) has "$T/stderr" "^$T/f-$fault/sub/$PS.pdf: error: cannot sync to disk: Input/output error$" "fsync in a worker" ;;
    mkdir) has "$T/stderr" ": error: cannot create directory: Permission denied$" "mkdir before the workers"
      if [ ! -e "$T/f-mkdir" ]; then ok; else bad "a failed mkdir created $T/f-mkdir"; fi ;;
  esac
  empty "$T/stdout" "pdf with $fault failing listed files"
  if [ -z "$(find "$T/f-$fault" -type f 2>/dev/null)" ]; then ok; else bad "pdf with $fault failing left files"; fi
done

# --- signals ignored at start stay ignored ---------------------------------------------
# template waits on a FIFO for its data: SIGINT (ignored by the shell that
# starts it, as nohup does) does not end it, the data then does.
mkfifo "$T/data.fifo"
(trap '' INT; exec "$B" template "$T/t.mustache" "$T/data.fifo" -o "$T/sig.out") 2>"$T/sig.err" &
pid=$!
sleep 0.3
kill -INT "$pid" 2>/dev/null
sleep 0.3
if kill -0 "$pid" 2>/dev/null; then ok; else bad "an ignored SIGINT ended the program"; fi
printf '{"x": 7}\n' >"$T/data.fifo"
wait "$pid"; rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/sig.out")" = 7 ]; then ok; else bad "after an ignored SIGINT: exit $rc, '$(cat "$T/sig.out" 2>/dev/null)'"; fi

# --- out of memory outside any input ------------------------------------------------
# 5 million numbers in the template's data: far more than an address-space
# limit that a small template renders in. The message names the program.
if grep -q __asan_init "$B" 2>/dev/null; then
  echo "skipping the out-of-memory check (AddressSanitizer build)"
else
  python3 -c 'import sys; sys.stdout.write("[" + ",0" * 4999999 + "0]")' | sed 's/^\[,/[/' >"$T/huge.json"
  limit=
  for kb in $(seq 20000 10000 400000); do
    if (ulimit -v "$kb"; "$B" template "$T/t.mustache" "$T/ok.json" >/dev/null 2>&1); then limit=$((kb + 20000)); break; fi
  done
  if [ -z "$limit" ]; then
    bad "no address-space limit under 400 MB lets a template render"
  else
    (ulimit -v "$limit"; "$B" template "$T/t.mustache" "$T/huge.json" -o "$T/oom.out") 2>"$T/err"; rc=$?
    if [ $rc -eq 1 ]; then ok; else bad "template out of memory: exit $rc, want 1"; fi
    has "$T/err" "^bulletin: error: out of memory \([0-9]+ bytes more were refused\)$" "out of memory names the program"
    if [ ! -e "$T/oom.out" ]; then ok; else bad "out of memory wrote its output"; fi
    no_tmp "$T" "out of memory"
  fi
fi

echo "cli values: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
