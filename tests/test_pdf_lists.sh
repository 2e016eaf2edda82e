#!/usr/bin/env bash
# A briefing of a report with 22 lists (a made pipe text, one project each):
# the lists' headings are numbered past ten in Chinese as the 公文 style
# writes them (（十一）, （二十）, （二十二）), every list's project and
# department are in the text, and the same input gives the same bytes with
# one thread and with worker threads (--jobs).
set -u
B=${BULLETIN:-build/bulletin}
SRC_DIR=$(pwd)
case $B in /*) ;; *) B=$SRC_DIR/$B ;; esac
. "$(dirname "${BASH_SOURCE[0]}")/require_tools.sh"
require_tools pdftotext qpdf
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cn=(零 一 二 三 四 五 六 七 八 九 十)
cn_num() { # 1..99 as 一 … 十一 … 二十二
  local n=$1
  if [ "$n" -le 10 ]; then printf '%s' "${cn[$n]}"
  elif [ "$n" -lt 20 ]; then printf '十%s' "${cn[$((n - 10))]}"
  else printf '%s十' "${cn[$((n / 10))]}"; [ $((n % 10)) -gt 0 ] && printf '%s' "${cn[$((n % 10))]}"
  fi
}
{
  echo "2023年10月民生实事项目进展情况"
  echo
  for i in $(seq 1 22); do
    echo "第$(cn_num "$i")批民生实事项目"
    echo "项 目 内 容 | 实际进度情况 | 完成率 | 责任 单位 |"
    echo "(1)新建第${i}批城乡道路${i}公里。 | 已完成道路${i}公里。 | $((60 + i))% | 县第${i}办 |"
    echo
  done
} >"$T/lists.txt"

expect 0 "parse 22 lists" -- "$B" parse "$T/lists.txt"
n=$(grep -c '"title": "第' "$T/stdout")
if [ "$n" -eq 22 ]; then ok; else bad "22 lists read as $n"; fi

SOURCE_DATE_EPOCH=0 expect 0 "pdf of 22 lists" -- "$B" pdf "$T/lists.txt" -o "$T/one.pdf" --jobs 1
SOURCE_DATE_EPOCH=0 expect 0 "pdf of 22 lists, threads" -- "$B" pdf "$T/lists.txt" -o "$T/two.pdf" --jobs 4
if cmp -s "$T/one.pdf" "$T/two.pdf"; then ok; else bad "--jobs 1 and --jobs 4 differ"; fi
pdftotext -layout "$T/one.pdf" "$T/one.txt"
for i in 1 10 11 19 20 21 22; do
  c=$(cn_num "$i")
  if grep -q "（${c}）第${c}批民生实事项目" "$T/one.txt"; then ok; else
    bad "no heading （${c}）第${c}批民生实事项目"; fi
done
for i in $(seq 1 22); do
  if grep -q "新建第${i}批城乡道路${i}公里" "$T/one.txt" && grep -q "县第${i}办" "$T/one.txt"; then
    ok; else bad "list $i's project or department is not in the PDF"; fi
done
if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "pdf_lists: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
