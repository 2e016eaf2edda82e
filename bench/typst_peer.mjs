// bench/typst_peer.mjs - the Typst peer of bench/bare.sh: the same full
// table (columns, widths, font, repeated head, running title,
// "第 X 页 共 Y 页"), typeset by Typst from `bulletin parse` JSON.
//
//   NODE_PATH=DIR/node_modules node bench/typst_peer.mjs PARSE.json OUT.pdf
//
// Needs the npm package @myriaddreamin/typst-ts-node-compiler (bare.sh
// installs it into its WORK directory when TYPST=1). Run by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [json, out] = process.argv.slice(2);
const widths = (process.env.WIDTHS || '32.740,149.696,70.993,44.440,146.243,49.120')
    .split(',').map(w => `${w}pt`).join(', ');

const doc = `
#let d = json("/rows.json")
#let labels = (ahead: "提前完成", done: "已完成", mostly_done: "基本完成",
  partial: "部分完成", not_done: "未完成", on_schedule: "按序时推进", behind: "滞后")
#let label(s) = labels.at(if s == none { "" } else { s }, default: "未注明")
#let title = d.documents.at(0).at("title", default: "")
#set page(paper: "a4", margin: (left: 18mm, right: 18mm, top: 22mm, bottom: 20mm),
  header: [#set text(size: 8pt, fill: luma(35%)); #title #line(length: 100%, stroke: 0.5pt + luma(35%))],
  footer: context align(center, text(size: 8pt, fill: luma(35%))[第 #counter(page).display() 页 共 #counter(page).final().first() 页]))
#set text(font: "WenQuanYi Micro Hei", size: 9pt, lang: "zh")
#set par(leading: 5.5pt)
#let progress(e) = {
  let parts = ()
  if e.target != none { parts.push("目标：" + e.target) }
  if e.planned != none { parts.push("计划：" + e.planned) }
  if e.progress != none { parts.push(if e.target != none or e.planned != none { "进展：" } else { "" } + e.progress) }
  if e.behind_reason != none and (e.progress == none or not e.progress.contains(e.behind_reason)) {
    parts.push("滞后原因：" + e.behind_reason)
  }
  parts.join("\\n")
}
#let rates(e) = e.rates.map(r => str(r) + "%").join("、")
#for doc in d.documents {
  for list in doc.lists {
    pagebreak(weak: true)
    table(columns: (${widths}), inset: 3pt, stroke: 0.5pt,
      align: (center + horizon, left + horizon, center + horizon, center + horizon, left + horizon, center + horizon),
      table.header(..("序号", "项目内容", "责任单位", "状态", "进展情况", "完成率")
        .map(t => table.cell(fill: luma(86%), stroke: 0.8pt, t))),
      ..list.projects.map(p => {
        let es = p.entries
        let n = calc.max(es.len(), 1)
        let cells = (table.cell(rowspan: n, p.seq), table.cell(rowspan: n, p.content))
        if es.len() == 0 { cells += ("", label(p.status), "", "") }
        for e in es {
          cells += (if e.department == none { "" } else { e.department },
            label(e.status) + if e.behind and e.status != "behind" { "\\n（滞后）" } else { "" },
            progress(e), rates(e))
        }
        cells
      }).flatten())
  }
}
`;

const root = resolve('.');
const compiler = NodeCompiler.create({
    workspace: root,
    fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/wqy'] }],
});
compiler.mapShadow(resolve(root, 'rows.json'), readFileSync(json));
const pdf = compiler.pdf({ mainFileContent: doc });
writeFileSync(out, pdf);
