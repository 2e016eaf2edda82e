#!/usr/bin/env bash
# The 督查室's instrument (issue 9) through the command line: lag by the
# time schedule and its options, the 督办清单 of the page.
set -u
B=${BULLETIN:-build/bulletin}
D=tests/data/supervise
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
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
lag_rows() { sed -n '/id="lagging"/,/<\/section>/p' "$1" | sed -n 's/.*class="bl-lag-seq">\([^<]*\)<.*/\1/p' | tr '\n' ' '; }
expect 0 "html m6 plan none" -- "$B" html "$D/m6.txt" "$D/plan.txt" "$D/none.txt" -o "$T/h"
got=$(lag_rows "$T/h/m6.html")
[ "$got" = "3 1 " ] && ok || bad "m6 rows by shortfall (30 then 12.5): '$got'"
grep -q '<td class="bl-lag-shortfall">12.5</td>' "$T/h/m6.html" && ok || bad "m6 shortfall 12.5"
grep -q '<th scope="col">分管领导</th>' "$T/h/m6.html" && ok || bad "m6 leader column"
grep -q '<td class="bl-lag-leader">李明华</td>' "$T/h/m6.html" && ok || bad "m6 leader"
grep -q 'is-derived[^>]*>推算·滞后' "$T/h/m6.html" && ok || bad "derived status marked"
got=$(lag_rows "$T/h/plan.html")
[ "$got" = "1 2 " ] && ok || bad "plan rows: '$got'"
grep -q '分管领导</th>' "$T/h/plan.html" && bad "plan has no leader column" || ok
grep -q '<td class="bl-lag-plan">加快土建施工</td><td class="bl-lag-deadline">7月底前</td>' "$T/h/plan.html" && ok || bad "plan columns"
n=$(sed -n '/id="lagging"/,/<\/section>/p' "$T/h/none.html" | grep -c 'class="bl-empty"')
[ "$n" = 1 ] && ok || bad "empty 督办清单 in one line"
grep -q '<tr class="bl-lag-item' "$T/h/none.html" && bad "none has no lagging row" || ok
expect 0 "html m6 --no-schedule-lag" -- "$B" html "$D/m6.txt" --no-schedule-lag -o "$T/n/"
got=$(lag_rows "$T/n/m6.html")
[ "$got" = "3 " ] && ok || bad "--no-schedule-lag rows: '$got'"

# --- the 督办清单 of the briefing: the same list, with the leader -----------
if command -v pdftotext >/dev/null 2>&1; then
  expect 0 "pdf m6" -- "$B" pdf "$D/m6.txt" -o "$T/p/"
  pdftotext -layout "$T/p/m6.pdf" "$T/m6.txt"
  sed -n '/督办清单/,/^四、/p' "$T/m6.txt" > "$T/lag.txt"
  grep -q '分管' "$T/lag.txt" && ok || bad "pdf: leader column"
  grep -q '李明华' "$T/lag.txt" && ok || bad "pdf: leader"
  got=$(grep -oE '^ *[0-9]+ +(改造|新增)' "$T/lag.txt" | awk '{print $1}' | tr '\n' ' ')
  [ "$got" = "3 1 " ] && ok || bad "pdf rows by shortfall: '$got'"
  grep -q '推算·滞后' "$T/lag.txt" && ok || bad "pdf: derived status marked"
  grep -qE '37.5% +12.5' "$T/lag.txt" && ok || bad "pdf: rate and shortfall"
fi

# --- month over month: jul, aug, sep of one office (edited copies of 002) -----
S=$D/series
# changes FILE DOC KIND: the sequence numbers (before, for removed) of a change list
changes() {
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["documents"][int(sys.argv[2])]["changes"]; print(" ".join((i["seq"] or i["seq_before"]) for i in c[sys.argv[3]]))' "$@"
}
# is CHANGE-OUTPUT WANT DESCRIPTION
is() { if [ "$1" = "$2" ]; then ok; else bad "$3: '$1', want '$2'"; fi; }
expect 0 "parse three months (given out of order)" -- "$B" parse "$S/sep.txt" "$S/jul.txt" "$S/aug.txt" -o "$T/s.json"
# documents stay in input order; changes follow the periods: sep is [0], jul [1], aug [2]
jq_is "$T/s.json" 'j["documents"][1]["changes"]' 'null' "the first period has no changes"
is "$(changes "$T/s.json" 2 newly_done)" "2 4 5" "aug newly done (超额完成, 已全部安装完成, 100%)"
is "$(changes "$T/s.json" 2 newly_lagging)" "6" "aug newly lagging (45%, 滞后进度)"
is "$(changes "$T/s.json" 2 recovered)" "4 8" "aug recovered"
is "$(changes "$T/s.json" 2 stalled)" "7" "aug stalled (progress as in jul)"
is "$(changes "$T/s.json" 2 added)" "9" "aug added"
is "$(changes "$T/s.json" 2 removed)" "11" "aug removed"
is "$(changes "$T/s.json" 2 movers | cut -d' ' -f1-2)" "8 4" "aug top movers (+32, +22)"
jq_is "$T/s.json" 'j["documents"][2]["changes"]["renamed"]' '1' "(10) renamed by one character is matched"
is "$(changes "$T/s.json" 0 added)" "3 11" "sep: rewritten (3) is added"
is "$(changes "$T/s.json" 0 removed)" "3" "sep: rewritten (3) is removed"
is "$(changes "$T/s.json" 0 newly_lagging)" "7 8" "sep newly lagging (72% < 75.0)"
is "$(changes "$T/s.json" 0 recovered)" "6" "sep recovered"
jq_is "$T/s.json" '[h["rate"] for h in j["documents"][0]["lists"][0]["projects"][7]["history"]]' '[40, 72, 72]' "history of (8)"
jq_is "$T/s.json" '[(x["rate_change"], x["lagging_change"]) for x in j["documents"][2]["changes"]["departments"] if x["key"]=="民政局"]' '[[46, -1]]' "department change"
expect 0 "--previous" -- "$B" parse "$S/aug.txt" --previous "$S/jul.txt" -o "$T/p.json"
jq_is "$T/p.json" 'len(j["documents"])' '1' "--previous is not written"
is "$(changes "$T/p.json" 0 newly_done)" "2 4 5" "--previous gives the same changes"
expect 0 "html three months" -- "$B" html "$S/jul.txt" "$S/aug.txt" "$S/sep.txt" -o "$T/sh"
grep -q 'id="changes"' "$T/sh/jul.html" && bad "the first period has no 与上期对比" || ok
sec() { sed -n '/id="changes"/,/<\/section>/p' "$1"; }
sec "$T/sh/aug.html" | grep -q '新滞后</span><span class="bl-fig-value"><span class="bl-num">1</span>' && ok || bad "aug: 1 newly lagging on the page"
sec "$T/sh/aug.html" | grep -q '第8项</span>打造示范型村社区居家养老服务照料中心17个。<span class="bl-ch-rate">40% → 72%（+32）' && ok || bad "aug: top mover on the page"
sec "$T/sh/aug.html" | grep -q '上期第11项</span>新建城市书房5个' && ok || bad "aug: removed on the page"
sec "$T/sh/aug.html" | grep -q '<th scope="row">民政局</th><td>40%</td><td>86%</td><td>+46</td><td>1 → 0（-1）</td>' && ok || bad "aug: department change row"
grep -q '<svg class="bl-trend"[^>]*aria-label="历期完成率：7月 40% → 8月 72% → 9月 72%"' "$T/sh/sep.html" && ok || bad "sep: trend of (8)"
grep -q '<script' "$T/sh/sep.html" && bad "no script" || ok
if command -v tidy >/dev/null 2>&1; then
  for f in "$T/sh/aug.html" "$T/sh/sep.html" "$T/h/m6.html" "$T/h/plan.html"; do
    tidy -errors -quiet "$f" >/dev/null 2>"$T/tidy" && ok || bad "tidy $f: $(head -3 "$T/tidy")"
  done
fi
# the briefing's 与上期对比 says what the JSON says: counts, every item of
# every list under its heading (number, content, rates), every department
if command -v pdftotext >/dev/null 2>&1; then
  expect 0 "pdf three months" -- "$B" build "$S/jul.txt" "$S/aug.txt" "$S/sep.txt" -o "$T/sb/"
  for m in jul aug sep; do pdftotext -layout "$T/sb/$m.pdf" "$T/sb/$m.txt"; done
  grep -q '与上期对比' "$T/sb/jul.txt" && bad "pdf: the first period has no 与上期对比" || ok
  for m in aug sep; do
    out=$(python3 - "$T/sb/$m.json" "$T/sb/$m.txt" <<'PY'
import json, re, sys
c = json.load(open(sys.argv[1]))["documents"][0]["changes"]
text = open(sys.argv[2], encoding="utf-8").read()
sec = text[text.index("与上期对比"):text.index("项目进展明细")]
flat = re.sub(r"\s+", "", sec)
def rate(v):
    return "—" if v is None else ("%g" % v) + "%"
want = "新完成%d项，新滞后%d项，已追上%d项，进展未更新%d项，新增%d项，不再列出%d项。" % tuple(
    len(c[k]) for k in ("newly_done", "newly_lagging", "recovered", "stalled", "added", "removed"))
if want not in flat:
    print("counts: want", want)
heads = [("newly_done", "新完成序号"), ("newly_lagging", "新滞后序号"), ("recovered", "已追上序时序号"),
         ("stalled", "进展表述与上期相同序号"), ("movers", "完成率变化较大序号"), ("added", "本期新增序号"),
         ("removed", "上期有、本期未列上期序号")]
for i, (k, h) in enumerate(heads):
    if not c[k]:
        if h in flat: print(k, "heading without items")
        continue
    start = flat.find(h)
    if start < 0:
        print(k, "no heading"); continue
    ends = [flat.find(x, start + len(h)) for _, x in heads[i + 1:]] + [flat.find("各单位变化")]
    part = flat[start:min(e for e in ends if e >= 0)]
    for it in c[k][:10]:
        # a wrapped content cell puts the number and rates on its middle line
        seq = it["seq"] or it["seq_before"]
        row = [re.sub(r"\s+", "", it["content"])[:12]]
        if k not in ("stalled", "added", "removed"):
            change = ("%+g" % it["rate_change"] if it["rate_change"] else "0") if k == "movers" else ""
            row.append(rate(it["rate_before"]) + rate(it["rate"]) + change)
        if not all(x in part for x in row) or not re.search(r"^ *" + re.escape(seq) + " ", sec, re.M):
            print(k, "row missing:", row)
for d in c["departments"]:
    row = d["key"] + rate(d["rate_before"]) + rate(d["rate"])
    if row not in flat:
        print("department missing:", row)
PY
)
    [ -z "$out" ] && ok || bad "pdf $m 与上期对比 differs from the JSON: $out"
  done
fi
expect 0 "an ambiguous match" -- "$B" parse "$D/amb-may.txt" "$D/amb-jun.txt" -o "$T/a.json"
grep -q 'amb-jun.txt: warning: project 5 (line 2) matched .*project 1 (line 2), but another is about as similar' "$T/stderr" && ok || bad "ambiguous match warned: $(cat "$T/stderr")"
is "$(changes "$T/a.json" 1 removed)" "2" "the other candidate is listed as removed"
expect 1 "an ambiguous match with --strict" -- "$B" parse "$D/amb-may.txt" "$D/amb-jun.txt" --strict

# --- bulletin check: each code fires on its input and on nothing clean ---------
K=$D/check
expect 0 "check clean" -- "$B" check "$K/clean.txt"
[ -s "$T/stdout" ] && bad "clean input has no findings: $(cat "$T/stdout")" || ok
for code in C001 C002 C003 C004 C005 C006 C007 C009 C010; do
  expect 0 "check $code" -- "$B" check "$K/$code.txt"
  got=$(grep -oE '(warning|error)\[C[0-9]+\]' "$T/stdout" | sort -u | tr '\n' ' ')
  [ "$got" = "warning[$code] " ] && ok || bad "$code.txt fires only $code: '$got'"
  grep -qE "^$K/$code.txt(:[0-9]+)?: warning\[$code\]: " "$T/stdout" && ok || bad "$code format: $(cat "$T/stdout")"
  # and not on the clean input
  "$B" check "$K/clean.txt" | grep -q "\[$code\]" && bad "$code fires on clean" || ok
done
expect 0 "check C008" -- "$B" check "$K/C008-may.txt" "$K/C008-jun.txt"
grep -q "^$K/C008-jun.txt:2: warning\[C008\]: project 1: done in the previous period" "$T/stdout" && ok || bad "C008: $(cat "$T/stdout")"
expect 0 "C008 needs the previous period" -- "$B" check "$K/C008-jun.txt"
grep -q '\[C008\]' "$T/stdout" && bad "C008 alone" || ok
expect 1 "--error raises a code" -- "$B" check "$K/C001.txt" --error C003,C001
grep -q 'error\[C001\]' "$T/stdout" && ok || bad "--error prints error[C001]"
expect 0 "--error of another code" -- "$B" check "$K/C001.txt" --error C0011,C00
grep -q 'C010.txt: warning\[C010\]: .*add the alias line "县城乡建设局(住建局)": "住建局"' <("$B" check "$K/C010.txt") && ok || bad "C010 suggests the alias line"
# near misses: each refined rule does not fire on the input beside it
for pair in C002-status:C002 C006-nodept:C006 C010-company:C010; do
  f=${pair%%:*} code=${pair##*:}
  expect 0 "check $f" -- "$B" check "$K/$f.txt"
  grep -q "\[$code\]" "$T/stdout" && bad "$f.txt: $code fires: $(cat "$T/stdout")" || ok
done
# --format json: the same findings, with the project they concern
"$B" check "$K/C001.txt" "$K/C010.txt" --error C010 >"$T/k.txt"
expect 1 "check --format json" -- "$B" check "$K/C001.txt" "$K/C010.txt" --error C010 --format json
cp "$T/stdout" "$T/k.json"
# in the layout of parse's JSON: two-space indentation, no tabs
if grep -q "$(printf '\t')" "$T/k.json" || ! grep -q '^  "findings": \[' "$T/k.json"; then
  bad "check --format json is not laid out as parse's JSON: $(head -c 120 "$T/k.json")"
else ok; fi
jq_is "$T/k.json" '[(f["file"].split("/")[-1], f["line"], f["code"], f["level"], f["list"], f["seq"]) for f in j["findings"]]' \
  '[["C001.txt", 2, "C001", "warning", 1, "1"], ["C010.txt", null, "C010", "error", null, null]]' "check --format json findings"
got=$(python3 -c 'import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["file"] + (":%d" % f["line"] if f["line"] else "") + ": %s[%s]: %s" % (f["level"], f["code"], f["message"]))' "$T/k.json")
[ "$got" = "$(cat "$T/k.txt")" ] && ok || bad "json and text findings differ: $got"
expect 2 "check --format xml" -- "$B" check "$K/C001.txt" --format xml
# the examples: only the findings judged right by hand (issue 9's closing note)
for f in examples/*.txt; do "$B" check "$f"; done | sed 's/: [^[]*\[\(C[0-9]*\)\].*/ \1/; s|.*/||' | tr '\n' ' ' >"$T/ex.txt"
want="000_03b3a4d07901329f.txt:201 C007 000_03b3a4d07901329f.txt:991 C001 000_03b3a4d07901329f.txt:1001 C001 000_03b3a4d07901329f.txt:1073 C007 000_03b3a4d07901329f.txt:1213 C001 000_03b3a4d07901329f.txt:1273 C003 002_d2b346bc7988df13.txt:2 C009 002_d2b346bc7988df13.txt:3 C001 002_d2b346bc7988df13.txt:5 C001 002_d2b346bc7988df13.txt:18 C009 002_d2b346bc7988df13.txt:19 C009 002_d2b346bc7988df13.txt:35 C001 002_d2b346bc7988df13.txt:48 C009 "
[ "$(cat "$T/ex.txt")" = "$want" ] && ok || bad "findings on the examples: $(cat "$T/ex.txt")"

# --- the 数据核查 appendix: --checks or edition = internal; never the page ---
if command -v pdftotext >/dev/null 2>&1; then
  X=examples/000_03b3a4d07901329f.txt
  "$B" check "$X" --error C001 --format json >"$T/x.json"
  appendix() { pdftotext -layout "$1" - | sed -n '/数据核查（内部）/,$p' | tr -d ' \n\f'; }
  expect 0 "pdf --checks" -- "$B" pdf "$X" --checks --error C001 -o "$T/x/"
  appendix "$T/x/000_03b3a4d07901329f.pdf" >"$T/x.txt"
  out=$(python3 -c 'import json,sys
a = open(sys.argv[2], encoding="utf-8").read()
fs = json.load(open(sys.argv[1]))["findings"]
want = "以下%d条" % len(fs)
if want not in a: print("count: want", want)
pos = 0
for f in fs:
    where = "清单%d第%s项" % (f["list"], f["seq"]) if f["seq"] else "清单%d" % f["list"] if f["list"] else "全文"
    row = f["code"] + ("错误" if f["level"] == "error" else "警告") + where + (str(f["line"]) if f["line"] else "")
    p = a.find(row, pos)
    if p < 0 or f["message_zh"][:12].replace(" ", "") not in a[p:]: print("finding missing or out of order:", row)
    else: pos = p + len(row)' "$T/x.json" "$T/x.txt")
  [ -z "$out" ] && ok || bad "appendix differs from check --format json: $out"
  expect 0 "pdf without --checks" -- "$B" pdf "$K/C001.txt" -o "$T/y/"
  [ -z "$(appendix "$T/y/C001.pdf")" ] && ok || bad "no appendix by default"
  printf '[output]\nedition = internal\n' >"$T/internal.conf"
  printf '[output]\nedition = public\n' >"$T/public.conf"
  expect 0 "build, edition = internal" -- "$B" build "$K/C001.txt" --config "$T/internal.conf" -o "$T/z/"
  appendix "$T/z/C001.pdf" | grep -q "数据核查（内部）以下1条.*C001警告清单1第1项2" && ok || bad "edition = internal draws the appendix"
  grep -q '数据核查\|C00[0-9]' "$T/z/C001.html" && bad "the page never has the appendix" || ok
  expect 0 "pdf, edition = public" -- "$B" pdf "$K/C001.txt" --config "$T/public.conf" -o "$T/w/"
  [ -z "$(appendix "$T/w/C001.pdf")" ] && ok || bad "edition = public: no appendix"
  expect 0 "pdf --checks, no finding" -- "$B" pdf "$K/clean.txt" --checks -o "$T/c.pdf"
  pdftotext "$T/c.pdf" - | grep -q '数据核查未发现问题' && ok || bad "--checks without findings says so"
fi
expect 2 "html --checks" -- "$B" html "$K/clean.txt" --checks -o "$T/c.html"

# --- 未低于序时 (lagging by status only) is not drawn as a shortfall ---------
expect 0 "html 000 --inline-styles" -- "$B" html examples/000_03b3a4d07901329f.txt --inline-styles -o "$T/i.html"
colour() { grep -o "<td class=\"bl-lag-shortfall[^\"]*\"[^>]*>$1<" "$T/i.html" | head -1 | grep -o 'color: #[0-9a-f]*' | tail -1; }
red=$(colour 33.3) plain=$(colour 未低于序时)
[ -n "$red" ] && [ -n "$plain" ] && [ "$red" != "$plain" ] && ok || bad "未低于序时 drawn as a shortfall: '$red' '$plain'"

# --- matching on an example: 9月 made from 000's 10月 by two edits ------------
# (1) of the 县政府 list renamed by one character, (5) rewritten
python3 - examples/000_03b3a4d07901329f.txt "$T/m9.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read().replace("2023年10月", "2023年9月")
a = "新增公共停车位800个以上。"
b = "新改建农村公路40公里。"
assert t.count(a) == 1 and t.count(b) == 1
t = t.replace(a, "新增公共停车位800处以上。").replace(b, "建成城市书房3个。")
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
expect 0 "parse 9月 and 10月 of 000" -- "$B" parse "$T/m9.txt" examples/000_03b3a4d07901329f.txt -o "$T/m.json"
jq_is "$T/m.json" '(j["documents"][1]["changes"]["renamed"], [(i["seq"], i["content"]) for i in j["documents"][1]["changes"]["added"]], [(i["seq_before"], i["content"]) for i in j["documents"][1]["changes"]["removed"]])' \
  '[1, [["5", "新改建农村公路40公里。"]], [["5", "建成城市书房3个。"]]]' "000: one-character rename matched, rewrite removed + added"
jq_is "$T/m.json" 'j["documents"][1]["changes"]["matched"] == sum(len(l["projects"]) for l in j["documents"][1]["lists"]) - 1' 'true' "000: every other project matched"

echo "test_supervise: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
