# lib.sh - the counters and checks every shell test uses; sourced after the
# test has made its scratch directory T (the place of expect's captured
# stdout and stderr).
#   ok / bad MESSAGE          count a check that held / failed (and say why)
#   expect CODE WHAT -- CMD   run CMD; its exit status must be CODE
#   has FILE PATTERN WHAT     FILE holds a line matching the ERE PATTERN
#   no_tmp DIR WHAT           no temporary output file (*.tmp-*) under DIR
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; cat "$T/stderr"; fi
}
has() {
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
no_tmp() {
  local left
  left=$(find "$1" -name '*.tmp-*' 2>/dev/null | head -3)
  if [ -z "$left" ]; then ok; else bad "$2: temporary files left: $left"; fi
}
