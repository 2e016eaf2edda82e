#!/usr/bin/env bash
# Where outputs go and what is left behind: standard output errors, targets
# that are not regular files, symbolic links, long paths, signals during a
# render, concurrent runs into one directory, the JSON source name.
set -u
B=${BULLETIN:-build/bulletin}
B=$(cd "$(dirname "$B")" && pwd)/$(basename "$B")
SRC=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect CODE DESCRIPTION -- COMMAND...
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; cat "$T/stderr"; fi
}
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
SEED=examples/002_d2b346bc7988df13.txt

# --- write errors on standard output --------------------------------------
if [ -w /dev/full ]; then
  "$B" parse "$SEED" >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "parse >/dev/full: exit $rc, want 1"; fi
  has "$T/err" "error: .*standard output" "parse >/dev/full names standard output"
  "$B" parse "$SEED" -o - >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "parse -o - >/dev/full: exit $rc, want 1"; fi
  printf '{{x}}\n' >"$T/t.mustache"; echo '{"x": "y"}' >"$T/d.json"
  "$B" template "$T/t.mustache" "$T/d.json" >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "template >/dev/full: exit $rc, want 1"; fi
  has "$T/err" "error: .*standard output" "template >/dev/full names standard output"
  "$B" --version >/dev/full 2>/dev/null; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "--version >/dev/full: exit $rc, want 1"; fi
  "$B" build "$SEED" -o "$T/full" >/dev/full 2>/dev/null; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "build >/dev/full: exit $rc, want 1"; fi
fi
"$B" parse "$SEED" -o - >"$T/dash.json"
has "$T/dash.json" '"format": "pipe"' "-o - writes to standard output"
if [ ! -e ./- ]; then ok; else bad "-o - created a file named -"; fi

echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
