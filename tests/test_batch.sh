#!/usr/bin/env bash
# Documents in parallel (issue 12.5, src/batch.c): `bulletin build` and
# `bulletin pdf` of several reports into a directory with --jobs 2 (worker
# processes) against --jobs 1 (one after the other): the same files, bytes,
# standard output, messages in input order, the first failing input's error
# and exit status, all or nothing; a worker killed, the parent killed.
set -u
export LC_ALL=C.UTF-8
B=${BULLETIN:-build/bulletin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SOURCE_DATE_EPOCH=1700000000
# LeakSanitizer's list of suppressions used, printed at exit by a process
# that loaded fontconfig (the workers, which _exit, do not print it).
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"

# Ten small reports, the three shapes in turn, and three of 200 projects
# (for the kills below), by bench/gen_report.py in one Python process.
mkdir -p "$T/in" "$T/big"
python3 - "$T" <<'EOF' || bad "gen_report failed"
import sys
sys.path.insert(0, "bench")
import gen_report as g
t = sys.argv[1]
def put(path, n, seed, shape):
    if shape == "cells":
        text = "\n\n".join(g.cells(n, seed)) + "\n"
    else:
        text = "\n".join((g.pipe if shape == "pipe" else g.pipe_seq)(n, seed)) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
for k in range(1, 11):
    put(f"{t}/in/r{k}.txt", 12, k, ["cells", "pipe", "pipe-seq"][k % 3])
for k in range(1, 4):
    put(f"{t}/big/b{k}.txt", 200, k, "cells")
EOF
inputs=("$T"/in/r{1..10}.txt)

# The same run with --jobs 1 and 2: stdout names the directory, so it is
# compared with the directory's name replaced.
same_run() { # same_run WHAT -- ARGS...: one run per --jobs into o1/ and o2/
  local what=$1; shift 2
  for j in 1 2; do
    rm -rf "$T/o$j"
    "$B" "$@" -o "$T/o$j/" --jobs "$j" >"$T/out$j" 2>"$T/err$j"
    echo $? >"$T/rc$j"
    sed -i "s|$T/o$j/|DIR/|g" "$T/out$j" "$T/err$j"
    # a sanitizer build without llvm-symbolizer (a fresh machine) warns
    # about it once per process: not the program's own output
    sed -i '/^==[0-9]*==WARNING: .*symbolizer/d' "$T/err$j"
  done
  if cmp -s "$T/rc1" "$T/rc2"; then ok; else bad "$what: exit $(cat "$T/rc1") vs $(cat "$T/rc2")"; fi
  if cmp -s "$T/out1" "$T/out2"; then ok; else bad "$what: stdout differs"; diff "$T/out1" "$T/out2" | head; fi
  if cmp -s "$T/err1" "$T/err2"; then ok; else bad "$what: stderr differs"; diff "$T/err1" "$T/err2" | head; fi
  if diff -r "$T/o1" "$T/o2" >/dev/null; then ok; else bad "$what: files differ"; diff -r "$T/o1" "$T/o2" | head -5; fi
}

same_run "build of 10" -- build "${inputs[@]}"
expect 0 "build of 10 exits 0" -- test "$(cat "$T/rc2")" -eq 0
n=$(ls "$T/o2" | wc -l)
if [ "$n" -eq 30 ]; then ok; else bad "build of 10: $n files, want 30"; fi
if [ "$(wc -l <"$T/out2")" -eq 30 ]; then ok; else bad "build of 10: sizes of 30 files printed"; fi
# In input order (r1, r2, ..., r10), each json, html, pdf.
printf 'DIR/r%s.%s\n' $(for k in $(seq 1 10); do echo "$k json $k html $k pdf"; done) >"$T/order"
if cut -f1 "$T/out2" | cmp -s - "$T/order"; then ok; else bad "build of 10: files listed out of input order"; fi
for k in 1 10; do
  if [ "$(grep -c '"lists"' "$T/o2/r$k.json")" -ge 1 ] && pdfinfo "$T/o2/r$k.pdf" >/dev/null 2>&1; then
    ok
  else
    bad "r$k: no model or no PDF written"
  fi
done
if ls -A "$T/o2" | grep -q 'tmp-'; then bad "build of 10: temporary files left"; else ok; fi

same_run "pdf of 3" -- pdf "${inputs[@]:0:3}"
if [ "$(ls "$T/o2" | wc -l)" -eq 3 ]; then ok; else bad "pdf of 3: not 3 PDFs"; fi

# Messages of the writers in input order (SOURCE_DATE_EPOCH is warned of by
# each PDF), then the error of the first input that fails (r4 and r7 have a
# character no face covers), exit 1, no file written.
for k in 4 7; do
  sed -i '0,/局/s/局/局𪛖/' "$T/in/r$k.txt"
done
SOURCE_DATE_EPOCH=bad same_run "two failing inputs" -- build "${inputs[@]}"
expect 0 "two failing inputs: exit 1" -- test "$(cat "$T/rc2")" -eq 1
if [ "$(grep -c "ignoring invalid SOURCE_DATE_EPOCH" "$T/err2")" -eq 4 ] &&
  tail -n1 "$T/err2" | grep -q "r4.txt:[0-9]*: error: 1 character not covered"; then
  ok
else
  bad "two failing inputs: not 4 warnings then r4's error"; cat "$T/err2"
fi
for j in 1 2; do
  if [ -z "$(ls -A "$T/o$j")" ]; then ok; else bad "failed batch (--jobs $j) left files"; ls -A "$T/o$j"; fi
done
for k in 4 7; do
  sed -i 's/𪛖//' "$T/in/r$k.txt"
done

# Write and rename failures: the same message as one after the other.
for fault in write rename; do
  BULLETIN_TEST_FAULT=$fault same_run "$fault fault" -- build "${inputs[@]:0:4}"
  expect 0 "$fault fault: exit 1" -- test "$(cat "$T/rc2")" -eq 1
done

# --keep-going and -o - stay one after the other; --jobs 1 takes no worker.
expect 0 "--keep-going with --jobs 2" -- "$B" build "${inputs[@]:0:3}" -o "$T/kg/" --jobs 2 --keep-going

# A worker killed: its document fails, nothing is written, no temporary
# file is left. The kills land once a temporary file shows that documents
# are being written (reports of 200 projects take long enough).
children() { cat /proc/"$1"/task/*/children 2>/dev/null; }
writing() { # writing PID DIR: waits (up to 30 s) for PID's workers to write into DIR
  local i
  for i in $(seq 1 3000); do
    if [ -n "$(children "$1")" ] && ls -A "$2" 2>/dev/null | grep -q 'tmp-'; then return 0; fi
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}
rm -rf "$T/k"
"$B" build "$T"/big/b*.txt -o "$T/k/" --jobs 2 >"$T/kout" 2>"$T/kerr" &
parent=$!
if writing "$parent" "$T/k"; then
  kids=$(children "$parent")
  kill -KILL $kids
  wait "$parent"
  rc=$?
  if [ "$rc" -eq 1 ]; then ok; else bad "a worker killed: exit $rc, want 1"; cat "$T/kerr"; fi
  if grep -q "b[0-9].txt: error: not written: its worker process" "$T/kerr"; then ok; else bad "a worker killed: not said"; cat "$T/kerr"; fi
  if [ -z "$(ls -A "$T/k" )" ]; then ok; else bad "a worker killed: files left"; ls -A "$T/k"; fi
else
  wait "$parent"
  bad "a worker killed: no worker seen writing"
fi

# The parent killed (SIGTERM to it alone): its workers follow
# (PR_SET_PDEATHSIG) and remove their temporary files.
rm -rf "$T/p"
"$B" build "$T"/big/b*.txt -o "$T/p/" --jobs 2 >/dev/null 2>&1 &
parent=$!
if writing "$parent" "$T/p"; then
  kids=$(children "$parent")
  kill -TERM "$parent"
  wait "$parent"
  alive() { # a process of $@ runs (a zombie does not)
    local p
    for p; do
      if [ -e /proc/"$p"/stat ] && ! grep -q '^[0-9]* (.*) Z' /proc/"$p"/stat; then return 0; fi
    done
    return 1
  }
  for i in $(seq 1 500); do
    alive $kids || break
    sleep 0.01
  done
  if alive $kids; then bad "parent killed: workers still run"; kill -KILL $kids; else ok; fi
  if [ -z "$(ls -A "$T/p" )" ]; then ok; else bad "parent killed: files left"; ls -A "$T/p"; fi
else
  wait "$parent"
  bad "parent killed: no worker seen writing"
fi

echo "test_batch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
