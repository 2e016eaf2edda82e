# lib.sh - the counters and checks every shell test uses; sourced after the
# test has made its scratch directory T (the place of expect's captured
# stdout and stderr).
#   ok / bad MESSAGE          count a check that held / failed (and say why)
#   expect CODE WHAT -- CMD   run CMD; its exit status must be CODE
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
