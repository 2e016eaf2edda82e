#!/usr/bin/env bash
# Writes the seed corpora of fuzz_read, fuzz_html and fuzz_pdf
# (tests/fuzz/corpus/{read,html,pdf}/) from the project's own examples and
# hostile inputs: each file cut to its first lines (a few KB: a handful of
# projects, so the PDF harness renders a page or two), prefixed with the
# byte that picks the reader (see each harness). The files are committed;
# run this again when the examples change.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus
mkdir -p "$out/read" "$out/html" "$out/pdf"
rm -f "$out"/read/seed-* "$out"/html/seed-* "$out"/pdf/seed-*
# head_lines FILE N: the first N lines
head_lines() { head -n "$2" "$1"; }
seed() { # seed DIR NAME PICK FILE-CONTENT-ON-STDIN
  { printf "\\x$(printf %02x "$3")"; cat; } > "$1/seed-$2-$3"
}
cells=examples/000_03b3a4d07901329f.txt
pipe=examples/002_d2b346bc7988df13.txt
prose=examples/004_4439fbf7470fe794.txt
# fuzz_read: 0 sniffed, 1 cells, 2 pipe, 3 prose
for k in 0 1; do head_lines $cells 60 | seed "$out/read" cells $k; done
for k in 0 2; do head_lines $pipe 6 | seed "$out/read" pipe $k; done
for k in 0 3; do head_lines $prose 14 | seed "$out/read" prose $k; done
for f in tests/data/hostile/*.txt tests/data/table/*.txt; do
  head -c 4096 "$f" | seed "$out/read" "$(basename "$f" .txt)" 0
done
# fuzz_pdf: bits 0-1 the reader, 2 landscape, 3 gongwen, 4 fallback faces
head_lines $cells 40 | seed "$out/pdf" cells 0
head_lines $cells 40 | seed "$out/pdf" cells 13
head_lines $pipe 5 | seed "$out/pdf" pipe 2
head_lines $pipe 5 | seed "$out/pdf" pipe 4
head_lines $prose 14 | seed "$out/pdf" prose 3
head_lines $prose 14 | seed "$out/pdf" prose 27
# fuzz_html: even --from html, odd sniffed; pages written here around the
# pipe example's first rows
rows=$(head_lines $pipe 4 | tail -n 3 | sed -e 's/^/<tr><td>/' -e 's/ | /<\/td><td>/g' -e 's/ |$/<\/td><\/tr>/')
page() {
  cat <<HTML
<html><head><meta charset="$1"><title>2022年8月民生实事项目进展情况</title></head>
<body><p class=MsoNormal>发布日期:2022-09-05<o:p></o:p></p>
<table border=1><tr><td>项 目 内 容</td><td>8月计划进度</td><td>实际进度情况</td><td>完成率</td><td>责任 单位</td><td>具体分管领导</td></tr>
$rows
<tr><td rowspan=2>(9)建设老年食堂助餐点22个。</td><td colspan=2>已完成<br>22个</td><td>100%</td><td>市民政局</td><td>&nbsp;</td></tr>
<tr><td>∕</td><td>已完成。</td><td>100%</td><td>市科协</td><td><span>林</span><span>玮</span></td></tr>
</table></body></html>
HTML
}
for k in 0 1; do page utf-8 | seed "$out/html" page-utf8 $k; done
for k in 0 1; do page gb2312 | iconv -f utf-8 -t gb18030 | seed "$out/html" page-gbk $k; done
