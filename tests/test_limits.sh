#!/usr/bin/env bash
# Bounded inputs and memory: the input size limit (--max-input-size, 256 MiB
# by default) on files, standard input and /dev/zero; out of memory is a
# message and exit 1, not abort(); long -o paths are refused before anything
# is created.
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
code() { # code WANT GOT DESCRIPTION
  if [ "$2" -eq "$1" ]; then ok; else bad "$3: exit $2, want $1"; fi
}
SEED=examples/002_d2b346bc7988df13.txt
size=$(stat -c %s "$SEED")

# /dev/zero and an endless pipe stop at the default limit with a message.
timeout 60 "$B" parse /dev/zero >/dev/null 2>"$T/err"; rc=$?
code 1 $rc "parse /dev/zero"
has "$T/err" "^/dev/zero: error: larger than the input size limit of 268435456 bytes" \
  "/dev/zero names the limit"
timeout 60 "$B" parse --max-input-size 1M - </dev/zero >/dev/null 2>"$T/err"; rc=$?
code 1 $rc "parse - from /dev/zero"
has "$T/err" "^-: error: larger than the input size limit of 1048576 bytes" \
  "standard input names the limit"

# A file one byte over the limit is refused; at the limit it is read.
"$B" parse --max-input-size $((size - 1)) "$SEED" -o "$T/a.json" 2>"$T/err"; rc=$?
code 1 $rc "a file one byte over --max-input-size"
has "$T/err" "error: larger than the input size limit of $((size - 1)) bytes" \
  "the refusal names the limit"
if [ ! -e "$T/a.json" ]; then ok; else bad "a refused input wrote its output"; fi
"$B" parse --max-input-size "$size" "$SEED" -o "$T/a.json" 2>/dev/null; rc=$?
code 0 $rc "a file at --max-input-size"
"$B" parse --max-input-size=1K "$SEED" >/dev/null 2>"$T/err"; rc=$?
code 1 $rc "--max-input-size=1K"
has "$T/err" "limit of 1024 bytes" "K is 1024 bytes"
"$B" parse --max-input-size 1G "$SEED" >/dev/null 2>&1; rc=$?
code 0 $rc "--max-input-size 1G"
for badsize in 0 12X -5 M 99999999999999999999G; do
  "$B" parse --max-input-size "$badsize" "$SEED" >/dev/null 2>"$T/err"; rc=$?
  code 2 $rc "--max-input-size $badsize"
  has "$T/err" "is not a size" "--max-input-size $badsize is a usage error"
done

# Out of memory: an address-space limit the input cannot be read in. The
# limit is found from the smallest one a small report parses in. Skipped
# under AddressSanitizer, which reserves terabytes of address space.
if grep -q __asan_init "$B" 2>/dev/null; then
  echo "skipping the out-of-memory check (AddressSanitizer build)"
else
  python3 - "$T/big.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("2024年6月县政府民生实事项目进展情况\n\n| 序号 | 项目名称 | 责任单位 | 进展情况 | 完成率 |\n|---|---|---|---|---|\n")
    for i in range(1, 200001):
        f.write(f"| {i} | 新建农村公路{i % 97 + 1}公里 | 县交通运输局 | 正在推进 | {i % 101}% |\n")
PY
  limit=
  for kb in $(seq 20000 10000 400000); do
    if (ulimit -v "$kb"; "$B" parse "$SEED" >/dev/null 2>&1); then limit=$((kb + 20000)); break; fi
  done
  if [ -z "$limit" ]; then
    bad "no address-space limit under 400 MB lets a small report parse"
  else
    mkdir -p "$T/oom"
    (ulimit -v "$limit"; "$B" parse "$T/big.txt" -o "$T/oom/m.json") 2>"$T/err"; rc=$?
    code 1 $rc "parse out of memory (ulimit -v $limit)"
    has "$T/err" "^$T/big.txt: error: out of memory reading it" "out of memory names the input"
    if ! grep -q "Aborted\|core dumped" "$T/err"; then ok; else bad "out of memory aborted"; fi
    if [ -z "$(ls -A "$T/oom")" ]; then ok; else bad "out of memory left $(ls -A "$T/oom")"; fi
  fi
fi

# -o paths longer than PATH_MAX: refused before any directory is made.
long="$T/x"
while [ ${#long} -lt 5000 ]; do long="$long/dddddddddddddddddddddddddddddddddddddddddddddddd"; done
"$B" build -q "$SEED" -o "$long" 2>"$T/err"; rc=$?
code 2 $rc "build -o with a path of ${#long} bytes"
has "$T/err" "output path too long" "a long -o path says so"
if [ ! -e "$T/x" ]; then ok; else bad "a long -o path created part of its tree"; fi
"$B" parse "$SEED" -o "$long/m.json" 2>"$T/err"; rc=$?
code 2 $rc "parse -o with a path of ${#long} bytes"
if [ ! -e "$T/x" ]; then ok; else bad "parse -o with a long path created part of its tree"; fi

# Cell-per-line rows numbered past 99,999 are rows (six-digit numbers were
# refused, and every later row folded into row 99,999).
python3 - "$T/cells.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("2024年6月县政府民生实事项目进展情况\n\n序号\n项目名称\n责任单位\n进展情况\n")
    for i in range(1, 100004):
        f.write(f"{i}\n新建农村公路{i % 97 + 1}公里\n县交通运输局\n正在推进\n")
PY
got=$("$B" parse "$T/cells.txt" 2>/dev/null | python3 -c 'import json,sys
d = json.load(sys.stdin)["documents"][0]
p = [x for l in d["lists"] for x in l["projects"]]
print(len(p), p[-1]["seq"], p[-1]["content"])')
if [ "$got" = "100003 100003 新建农村公路94公里" ]; then ok; else bad "cells rows past 99,999: got '$got'"; fi

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
