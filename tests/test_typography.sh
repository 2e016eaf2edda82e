#!/usr/bin/env bash
# Typography for leaders (issue 10.2), on the PDF as printed: the examples'
# briefings and a crafted report (long office names, numbers with units at
# every wrap point) in the default and gongwen styles and landscape, read
# back with `pdftotext -bbox-layout` and checked by typography_check.py: no
# line break inside a number and its unit or before an office name's last
# character, table text at least 10.5 pt (and what --font-size or the
# settings' font-size ask, the command line winning), no page holding a
# lone row of a table or chart; the text is the source's own.
set -u
export LC_ALL=C.UTF-8
B=${BULLETIN:-build/bulletin}
HERE=$(dirname "${BASH_SOURCE[0]}")
. "$HERE/require_tools.sh"
require_tools pdftotext python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=0
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The crafted report: 40 projects whose texts are padded by 0 to 18
# characters, so the wrap points of each column fall at every place of
# 3.71万人, 104.82%, 2023年10月15日, 12.5个百分点 and of the office names.
python3 - "$T/crafted.txt" <<'PY'
import sys
pad = "全面加快推进实施重点民生工程建设项目"
depts = ["县文广旅游体育局", "县住房和城乡建设局", "县人民政府办公室", "县发展和改革委员会",
         "县残疾人联合会", "县政府办", "县发改委", "县农业农村局、县文广旅游体育局"]
rows = ["2023年10月份县政府民生实事项目进展情况", "",
        "项 目 内 容 | 10月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |"]
for i in range(1, 41):
    rows.append("(%d)%s城乡供水一体化，受益3.71万人，完成率104.82%%。 | %s于2023年10月底前完成 | "
                "%s截至2023年10月15日，较上月提高12.5个百分点，累计投资2.5亿元，完成率%d%%。 | %d%% | %s | 王某某 |"
                % (i, pad[:i % 19], pad[:(i * 7) % 19], pad[:(i * 3) % 19], 60 + i, 60 + i,
                   depts[i % len(depts)]))
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY

# Department names as printed, from the model: words equal to one are
# table or chart cells, measured for their size.
names() {
  "$B" parse "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for doc in d["documents"]:
    for l in doc["lists"]:
        for p in l["projects"]:
            for e in p["entries"]:
                if e.get("department"):
                    print(e["department"])
for x in d.get("departments", []):
    for v in x.values():
        if isinstance(v, str):
            print(v)'
}
names examples/*.txt "$T/crafted.txt" >"$T/names.txt" || bad "names from the model"
# and the tables' heads (a narrative report's tables have no departments)
printf '%s\n' 序号 项目内容 责任单位 指标 完成情况 比率 >>"$T/names.txt"

# render NAME MIN_PT RIGHT_MM FILE OPTIONS...: renders, checks the rules;
# RIGHT_MM: the text block's right edge (default 210 - 18, landscape
# 297 - 15; gongwen 28 + 156)
render() {
  local name=$1 min=$2 right=$3 src=$4; shift 4
  if ! "$B" pdf "$src" -q -o "$T/$name.pdf" "$@"; then
    bad "$name: the PDF was not written"; return
  fi
  pdftotext -bbox-layout "$T/$name.pdf" "$T/$name.xhtml"
  local out
  if out=$(python3 "$HERE/typography_check.py" "$min" "$right" "$T/names.txt" "$T/$name.xhtml"); then
    ok
  else
    bad "$name: $out"
  fi
  echo "$name: ${out##*$'\n'}"
}

for src in examples/*.txt; do
  stem=$(basename "$src" .txt)
  render "$stem" 10.5 192 "$src"
  render "$stem-gongwen" 10.5 184 "$src" --style gongwen
done
render crafted 10.5 192 "$T/crafted.txt"
render crafted-gongwen 10.5 184 "$T/crafted.txt" --style gongwen
render crafted-landscape 10.5 282 "$T/crafted.txt" --landscape
render crafted-gongwen-landscape 10.5 262 "$T/crafted.txt" --style gongwen --landscape
render crafted-12pt 12 192 "$T/crafted.txt" --font-size 12

# The text as printed: every crafted cell is in the PDF's text, whole.
python3 -c '
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/1999/xhtml}"
for b in ET.parse(sys.argv[1]).getroot().iter(ns + "block"):
    print("".join(w.text or "" for w in b.iter(ns + "word")))' "$T/crafted.xhtml" >"$T/crafted.squashed"
for cell in 城乡供水一体化，受益3.71万人，完成率104.82%。 较上月提高12.5个百分点，累计投资2.5亿元 \
            县文广旅游体育局 于2023年10月底前完成; do
  n=$(grep -o -F "$cell" "$T/crafted.squashed" | wc -l)
  if [ "$n" -ge 5 ]; then ok; else bad "'$cell' in the PDF text $n times"; fi
done

# The settings' font-size sets the table text; --font-size wins over it.
printf '[output]\nfont-size = 11\n' >"$T/bulletin.conf"
render crafted-conf11 11 192 "$T/crafted.txt" --config "$T/bulletin.conf"
python3 "$HERE/typography_check.py" 11.5 192 "$T/names.txt" "$T/crafted-conf11.xhtml" >/dev/null &&
  bad "font-size 11 from the settings measured at 11.5 or more" || ok
render crafted-conf-cli 12 192 "$T/crafted.txt" --config "$T/bulletin.conf" --font-size 12

# --font-size is checked and only for the PDF.
for args in "pdf --font-size 3" "pdf --font-size 12pt" "parse --font-size 12" "html --font-size 12"; do
  # shellcheck disable=SC2086
  "$B" $args "$T/crafted.txt" -o "$T/x.out" >/dev/null 2>"$T/err"
  rc=$?
  if [ "$rc" = 2 ] && grep -q "font-size" "$T/err"; then ok; else bad "$args: exit $rc, $(cat "$T/err")"; fi
done

echo "test_typography: $pass passed, $fail failed"
[ "$fail" = 0 ]
