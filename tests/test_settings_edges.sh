#!/usr/bin/env bash
# The briefing's masthead and footer at their edges (pdf_office.c): an SVG
# logo sized only by its viewBox and far wider than tall (capped at a third
# of the text width), an office name too long to sit beside it, a footer
# without a contact line and a contact line without a footer (gongwen), no
# colours; an SVG with neither a size nor a viewBox refused before any
# output. Each checked in the PDF's text (pdftotext).
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
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
S=$SRC_DIR/examples/004_4439fbf7470fe794.txt
NAME=某某县人民政府办公室某某县民生实事项目推进工作领导小组办公室暨督查室

printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 40"><rect width="1000" height="40" fill="#c00"/></svg>\n' >"$T/wide.svg"
cat >"$T/footer.conf" <<CONF
[office]
name = $NAME
logo = wide.svg
footer = 某某县人民政府督查室 编印
CONF
SOURCE_DATE_EPOCH=0 expect 0 "wide logo, long name, footer only" -- \
  "$B" pdf "$S" --config "$T/footer.conf" --style default -o "$T/footer.pdf"
pdftotext "$T/footer.pdf" "$T/footer.txt"
# The name wraps under its own width, all of it there.
has <(tr -d '\n' <"$T/footer.txt") "$NAME" "the long office name"
n=$(grep -c "某某县人民政府督查室 编印" "$T/footer.txt")
pages=$(pdfinfo "$T/footer.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if [ -n "$pages" ] && [ "$n" -eq "$pages" ]; then ok; else
  bad "the footer on $n of ${pages:-?} pages"; fi

cat >"$T/contact.conf" <<CONF
[office]
name = 某某县人民政府办公室
contact = 联系人：王某某　电话：0000-1234567
CONF
SOURCE_DATE_EPOCH=0 expect 0 "contact only, gongwen" -- \
  "$B" pdf "$S" --config "$T/contact.conf" --style gongwen -o "$T/contact.pdf"
pdftotext "$T/contact.pdf" "$T/contact.txt"
n=$(grep -c "联系人：王某某" "$T/contact.txt")
pages=$(pdfinfo "$T/contact.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if [ -n "$pages" ] && [ "$n" -eq "$pages" ]; then ok; else
  bad "the contact line on $n of ${pages:-?} pages"; fi

printf '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>\n' >"$T/nosize.svg"
cat >"$T/nosize.conf" <<CONF
[office]
logo = nosize.svg
CONF
expect 1 "SVG without size or viewBox" -- \
  "$B" pdf "$S" --config "$T/nosize.conf" -o "$T/nosize.pdf"
has "$T/stderr" "nosize.conf:2: error: logo .*nosize.svg: the SVG gives neither a size nor a viewBox" \
  "SVG without size or viewBox"
if [ ! -e "$T/nosize.pdf" ]; then ok; else bad "a refused logo left a PDF"; fi

if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "settings_edges: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
