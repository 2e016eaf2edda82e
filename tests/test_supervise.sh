#!/usr/bin/env bash
# The 督查室's instrument (issue 9) through the command line: lag by the
# time schedule and its options, the 督办清单 of the page.
set -u
B=${BULLETIN:-build/bulletin}
D=tests/data/supervise
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
# jq_is FILE FILTER WANT DESCRIPTION
jq_is() {
  local got
  got=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2]), ensure_ascii=False))' "$1" "$2" 2>&1)
  if [ "$got" = "$3" ]; then ok; else bad "$4: $2 = $got, want $3"; fi
}
P='j["documents"][0]["lists"][0]["projects"]'

# --- lag by the schedule (acceptance: month 6, 37.5%, shortfall 12.5) -----
expect 0 "parse m6" -- "$B" parse "$D/m6.txt" -o "$T/m6.json"
jq_is "$T/m6.json" "[p['seq'] for p in $P if p['lagging']]" '["1", "3"]' "lagging at month 6"
jq_is "$T/m6.json" "[r['kind'] for r in $P[0]['lag_reasons']]" '["schedule"]' "reason of (1)"
jq_is "$T/m6.json" "$P[0]['shortfall']" '12.5' "shortfall of (1)"
jq_is "$T/m6.json" "[r['kind'] for r in $P[2]['lag_reasons']]" '["text", "schedule"]' "reasons of (3)"
expect 0 "--no-schedule-lag" -- "$B" parse "$D/m6.txt" --no-schedule-lag -o "$T/n.json"
jq_is "$T/n.json" "[p['seq'] for p in $P if p['lagging']]" '["3"]' "--no-schedule-lag keeps only the text"
jq_is "$T/n.json" "[r['kind'] for r in $P[2]['lag_reasons']]" '["text"]' "--no-schedule-lag reasons"
expect 0 "--lag-tolerance 12.5" -- "$B" parse "$D/m6.txt" --lag-tolerance 12.5 -o "$T/t.json"
jq_is "$T/t.json" "[p['seq'] for p in $P if p['lagging']]" '["3"]' "12.5 points tolerated"
expect 0 "--lag-tolerance=12" -- "$B" parse "$D/m6.txt" --lag-tolerance=12 -o "$T/t.json"
jq_is "$T/t.json" "[p['seq'] for p in $P if p['lagging']]" '["1", "3"]' "12 points are not enough"
expect 2 "--lag-tolerance x" -- "$B" parse "$D/m6.txt" --lag-tolerance x
expect 2 "--lag-tolerance -1" -- "$B" parse "$D/m6.txt" --lag-tolerance -1
expect 2 "--lag-tolerance nan" -- "$B" parse "$D/m6.txt" --lag-tolerance nan

# --- the 督办清单 of the page -------------------------------------------------
# lag_rows FILE: the sequence numbers of the 督办清单's rows, in order.
lag_rows() { sed -n '/id="lagging"/,/<\/section>/p' "$1" | sed -n 's/.*class="lag-seq">\([^<]*\)<.*/\1/p' | tr '\n' ' '; }
expect 0 "html m6 plan none" -- "$B" html "$D/m6.txt" "$D/plan.txt" "$D/none.txt" -o "$T/h"
got=$(lag_rows "$T/h/m6.html")
[ "$got" = "3 1 " ] && ok || bad "m6 rows by shortfall (30 then 12.5): '$got'"
grep -q '<td class="lag-shortfall">12.5</td>' "$T/h/m6.html" && ok || bad "m6 shortfall 12.5"
grep -q '<th scope="col">分管领导</th>' "$T/h/m6.html" && ok || bad "m6 leader column"
grep -q '<td class="lag-leader">李明华</td>' "$T/h/m6.html" && ok || bad "m6 leader"
grep -q 'is-derived[^>]*>推算·滞后' "$T/h/m6.html" && ok || bad "derived status marked"
got=$(lag_rows "$T/h/plan.html")
[ "$got" = "1 2 " ] && ok || bad "plan rows: '$got'"
grep -q '分管领导</th>' "$T/h/plan.html" && bad "plan has no leader column" || ok
grep -q '<td class="lag-plan">加快土建施工</td><td class="lag-deadline">7月底前</td>' "$T/h/plan.html" && ok || bad "plan columns"
n=$(sed -n '/id="lagging"/,/<\/section>/p' "$T/h/none.html" | grep -c 'class="empty"')
[ "$n" = 1 ] && ok || bad "empty 督办清单 in one line"
grep -q '<tr class="lag-item' "$T/h/none.html" && bad "none has no lagging row" || ok
expect 0 "html m6 --no-schedule-lag" -- "$B" html "$D/m6.txt" --no-schedule-lag -o "$T/n"
got=$(lag_rows "$T/n/m6.html")
[ "$got" = "3 " ] && ok || bad "--no-schedule-lag rows: '$got'"

echo "test_supervise: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
