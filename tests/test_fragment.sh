#!/usr/bin/env bash
# `bulletin html --fragment` pasted into a hostile CMS page (issue 10): the
# host page has its own *, body, a, p, ul/li, table, .card and .page rules
# and a narrow side menu. In Debian's chromium (headless, --dump-dom), a
# script in each page reads the computed styles and boxes of probe
# elements; the test compares
#   the host's probes: host page alone  vs  host page with the bulletin,
#   the bulletin's:    fragment alone in a plain page  vs  in the host page,
# for every example. Also: every selector of the fragment's style sheet is
# scoped under .bl-bulletin; --inline-styles writes no <style> and leaves
# the host alone too; the fragment has no html/head/body.
# Exit 77 (skip) when chromium or python3 is missing and CI is not "true".
set -u
B=${BULLETIN:-build/bulletin}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
skip() { echo "$1"; [ "${CI:-}" = true ] && exit 1; exit 77; }
[ -x "$CHROMIUM" ] || skip "chromium is not installed ($CHROMIUM)"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$B" html --fragment examples/*.txt -o "$T/frag" >/dev/null || { echo "FAIL: html --fragment"; exit 1; }
"$B" html --inline-styles examples/*.txt -o "$T/inline" >/dev/null || { echo "FAIL: html --inline-styles"; exit 1; }

cat >"$T/host.css" <<'EOF_CSS'
* { color: grey; box-sizing: content-box; }
html { background: #fff; }
body { margin: 8px; font: 14px/1.2 serif; letter-spacing: 1px; word-spacing: 3px; }
a { color: orange; text-decoration: none; font-weight: 700; }
p { margin: 2em 0; text-indent: 2em; }
ul { padding-left: 30px; margin: 12px 0; }
li { margin: 4px 0; list-style: square; }
table { border: 3px solid black; width: 50%; }
td, th { padding: 20px; text-align: center; }
h1, h2, h3 { font-size: 40px; margin: 30px 0; }
section, header, footer, main, figure { padding: 30px; margin: 10px; }
div { border: 0 solid; min-height: 1px; }
span { font-style: italic; }
svg { border: 2px solid red; }
.card { display: flex; padding: 40px; background: yellow; }
.page { display: flex; gap: 10px; align-items: flex-start; }
.side { width: 120px; flex: none; }
.content { width: 900px; flex: none; }
EOF_CSS

# The probe script: computed styles and boxes as JSON in <pre id="probe-out">.
cat >"$T/probe.js" <<'EOF_JS'
(function () {
  const props = ['color', 'background-color', 'font-family', 'font-size',
    'font-weight', 'font-style', 'line-height', 'letter-spacing', 'word-spacing',
    'text-indent', 'text-align', 'text-decoration-line', 'display', 'position',
    'margin-top', 'margin-left', 'padding-top', 'padding-left', 'border-top-width',
    'border-left-width', 'list-style-type', 'box-sizing', 'flex-direction'];
  const out = {};
  const probe = (key, el) => {
    if (!el) { out[key] = null; return; }
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    const o = {};
    for (const p of props) o[p] = cs.getPropertyValue(p);
    o.width = Math.round(r.width);
    if (!el.hasAttribute('data-grows')) o.height = Math.round(r.height);
    out[key] = o;
  };
  document.querySelectorAll('[data-probe]').forEach((el) => probe('host:' + el.dataset.probe, el));
  const root = document.querySelector('.bl-bulletin');
  if (root) {
    const sels = ['.bl-masthead', '.bl-masthead-title', '.bl-masthead-meta li', '.bl-page',
      '.bl-card', '.bl-section-title', '.bl-overview-card', '.bl-overview-link', '.bl-figures',
      '.bl-fig .bl-num', '.bl-chart-row', '.bl-chart-row .bl-c-name', '.bl-c-count',
      '.bl-lag-item', '.bl-lag-link', '.bl-badge', '.bl-table-wrap', 'table.bl-projects',
      '.bl-projects caption', '.bl-projects thead th', '.bl-projects tbody th',
      '.bl-projects td', '.bl-col-progress p', '.bl-ind', '.bl-ind-text',
      '.bl-page-footer', '.bl-page-footer p'];
    probe('bl:root', root);
    for (const s of sels) {
      const all = root.querySelectorAll(s);
      if (all.length) { probe('bl:' + s, all[0]); probe('bl:' + s + ':last', all[all.length - 1]); }
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'probe-out';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
EOF_JS

# host PAGE FRAGMENT-FILE|"" > page: the host page, the fragment in its
# content column (or nothing)
host_page() {
  {
    printf '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>县政府门户</title>\n<style>\n'
    cat "$T/host.css"
    printf '</style></head>\n<body data-probe="body" data-grows>\n<div class="page" data-probe="page" data-grows>\n'
    printf '<nav class="side" data-probe="side"><ul data-probe="menu"><li data-probe="menu-li"><a href="#" data-probe="menu-a">政务公开</a></li><li><a href="#">办事服务</a></li><li><a href="#">互动交流</a></li></ul></nav>\n'
    printf '<div class="content" data-probe="content" data-grows>\n<div class="card" data-probe="card"><p data-probe="p">本站公告：政务服务中心周六照常办公。</p><a href="#" data-probe="a">更多</a></div>\n'
    [ -n "$1" ] && cat "$1"
    printf '\n<p data-probe="p-after">页脚信息</p><table data-probe="table"><tr><td data-probe="td">主办单位</td></tr></table></div></div>\n<script>\n'
    cat "$T/probe.js"
    printf '</script></body></html>\n'
  }
}
# plain FRAGMENT-FILE > page: the fragment alone, in a column of the same width
plain_page() {
  printf '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>plain</title></head>\n<body style="margin: 8px">\n<div style="width: 900px; margin-left: 130px">\n'
  cat "$1"
  printf '\n</div>\n<script>\n'
  cat "$T/probe.js"
  printf '</script></body></html>\n'
}
probe() { # probe PAGE.html > JSON
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars --window-size=1280,900 --dump-dom "file://$1" 2>/dev/null |
    python3 -c 'import sys, re, html; m = re.search(r"<pre id=\"probe-out\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "{}")'
}
# same A.json B.json PREFIX: the probes named PREFIX* equal in both files
same() {
  python3 - "$1" "$2" "$3" <<'EOF_PY'
import json, sys
a, b, prefix = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
keys = sorted(k for k in set(a) | set(b) if k.startswith(prefix))
diffs = []
for k in keys:
    if a.get(k) is None or b.get(k) is None:
        diffs.append(f"{k}: missing"); continue
    for p in a[k]:
        if a[k][p] != b[k].get(p):
            diffs.append(f"{k} {p}: {a[k][p]} -> {b[k].get(p)}")
print(f"{len(keys)} probes compared")
for d in diffs[:12]: print("  " + d)
sys.exit(1 if diffs or not keys else 0)
EOF_PY
}

first=$(basename "$(ls "$T"/frag/*.html | head -1)" .html)
host_page "" >"$T/host-alone.html"
probe "$T/host-alone.html" >"$T/host-alone.json"
for frag in "$T"/frag/*.html; do
  stem=$(basename "$frag" .html)
  # no document around the fragment
  if grep -qiE '<(!DOCTYPE|html|head|body)[ >]' "$frag"; then bad "$stem: fragment has html/head/body"; else ok; fi
  # every selector of its style sheet starts with .bl-bulletin
  unscoped=$(python3 - "$frag" <<'EOF_PY'
import re, sys
s = open(sys.argv[1]).read()
css = re.search(r"<style>(.*?)</style>", s, re.S).group(1)
css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
bad = []
for m in re.finditer(r"([^{}]+)\{", css):
    pre = m.group(1).strip()
    if pre.startswith("@media") or pre.startswith("@container"):
        continue
    sels, depth, cur = [], 0, ""
    for ch in pre:  # commas outside parentheses
        depth += ch == "("; depth -= ch == ")"
        if ch == "," and depth == 0: sels.append(cur); cur = ""
        else: cur += ch
    for sel in sels + [cur]:
        sel = sel.strip()
        if not (sel == ".bl-bulletin" or sel.startswith(".bl-bulletin ")):
            bad.append(sel)
        # every class named in it is bulletin's own
        bad += [c for c in re.findall(r"\.([\w-]+)", sel) if not c.startswith("bl-")]
print(" | ".join(bad[:5]))
EOF_PY
)
  if [ -z "$unscoped" ]; then ok; else bad "$stem: selectors not scoped under .bl-bulletin: $unscoped"; fi

  host_page "$frag" >"$T/host-$stem.html"
  plain_page "$frag" >"$T/plain-$stem.html"
  probe "$T/host-$stem.html" >"$T/host-$stem.json" &
  probe "$T/plain-$stem.html" >"$T/plain-$stem.json"
  wait
  if same "$T/host-alone.json" "$T/host-$stem.json" host: >"$T/log"; then ok; else bad "$stem: the bulletin restyles the host page"; fi
  cat "$T/log"
  if same "$T/plain-$stem.json" "$T/host-$stem.json" bl: >"$T/log"; then ok; else bad "$stem: the host page restyles the bulletin"; fi
  cat "$T/log"

  inl=$T/inline/$stem.html
  if grep -qi '<style' "$inl"; then bad "$stem: --inline-styles has a <style> element"; else ok; fi
  if grep -q 'style="' "$inl"; then ok; else bad "$stem: --inline-styles has no style attribute"; fi
  if [ "$stem" = "$first" ]; then # one example: a browser run costs seconds
    host_page "$inl" >"$T/host-inline-$stem.html"
    probe "$T/host-inline-$stem.html" >"$T/host-inline-$stem.json"
    if same "$T/host-alone.json" "$T/host-inline-$stem.json" host: >"$T/log"; then ok; else bad "$stem: the inline fragment restyles the host page"; fi
    cat "$T/log"
  fi
  # the public page: no internal source file name, no 未注明
  for f in "$frag" "$inl"; do
    if grep -qE '来源|\.txt|未注明' "$f"; then bad "$stem: $(basename "$(dirname "$f")") names the source file or prints 未注明"; else ok; fi
  done
done
[ -n "${BL_FRAGMENT_SHOTS:-}" ] && cp "$T"/host-*.html "$BL_FRAGMENT_SHOTS"/ 2>/dev/null
echo "fragment: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
