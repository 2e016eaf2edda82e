#!/usr/bin/env bash
# test_wording.sh - one wording (issue 10.7): for each example, and a report
# with a list without a title and a 分管领导 column, the page's column
# headers and section headings (parsed from its HTML) are the briefing's
# (pdftotext), as sets; tests/wording_compare.py does the comparing.
set -u
B=${BULLETIN:-build/bulletin}
B=$(cd "$(dirname "$B")" && pwd)/$(basename "$B")
cd "${BL_SOURCE_DIR:-.}" || exit 1
command -v pdftotext >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 || {
  echo "pdftotext or python3 missing"; [ "${CI:-}" = "true" ] && exit 1; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

# a list without a title, leaders, a lagging item with 下步计划 and 整改时限
cat >"$T/untitled.txt" <<'EOT'
| 序号 | 项目内容 | 责任单位 | 分管领导 | 完成率 | 进展情况 | 下步计划 | 整改时限 |
|---|---|---|---|---|---|---|---|
| 1 | 新建公园一座 | 县住建局 | 王明 | 30% | 进度滞后，正在施工 | 加快施工 | 12月底 |
| 2 | 改造老旧小区 | 县住建局 | 王明 | 100% | 已完成 | | |
EOT
inputs=(examples/* "$T/untitled.txt")
for input in "${inputs[@]}"; do
  stem=$(basename "${input%.*}")
  if ! "$B" build "$input" --period 2024年9月 -o "$T/out/" -q 2>"$T/err"; then
    fail=$((fail + 1)); echo "FAIL $stem: build: $(head -3 "$T/err")"; continue
  fi
  if python3 tests/wording_compare.py "$T/out/$stem.html" "$T/out/$stem.pdf" >"$T/cmp"; then
    pass=$((pass + 1)); echo "ok   $stem"; sed 's/^/     /' "$T/cmp"
  else
    fail=$((fail + 1)); echo "FAIL $stem: page and briefing word it differently"; cat "$T/cmp"
  fi
done
# the untitled list is named the same way in both, and its optional
# 督办清单 columns are in both
grep -q '项目清单1' "$T/cmp" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: stand-in title 项目清单1"; }
grep -q '下步计划' "$T/cmp" && grep -q '整改时限' "$T/cmp" && pass=$((pass + 1)) ||
  { fail=$((fail + 1)); echo "FAIL: 下步计划 / 整改时限 columns"; }
echo "wording: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
