// browser.test.mjs - loads each bulletin page in Debian's chromium.
//
// usage: node browser.test.mjs PAGES_DIR [SCREENSHOT_DIR]
//
// PAGES_DIR holds <stem>.html (from `bulletin html`) and <stem>.json (the
// model from `bulletin parse`, used as the independent expectation of what
// each page must show). For every page, at 1280x800 and 375x800, it checks
// that nothing but file:/data: URLs was requested, that the page never
// scrolls sideways, that every list has its accessible table, chart and
// lagging entries, and that every in-page link lands on an element. It saves
// full-page screenshots as SCREENSHOT_DIR/<stem>-<width>.png and prints
// "N passed, N failed" (exit status 1 when anything failed).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pagesDir = resolve(process.argv[2] ?? 'out');
const shotsDir = resolve(process.argv[3] ?? 'out/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const widths = [1280, 375];

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

// What the model says each page must show.
function expectations(model) {
  // `bulletin parse` writes {"documents": [...]}; a per-document file is
  // the document itself.
  const doc = model.documents ? model.documents[0] : model;
  const lists = doc.lists.map((l) => ({
    projects: l.projects.length,
    hasDepartments: l.projects.some((p) => p.entries.some((e) => e.department_key)),
    lagging: l.summary.lagging,
  }));
  return { lists, indicators: doc.indicators.length };
}

// Everything measured inside the page, in one round trip.
function inspect() {
  const root = document.documentElement;
  const q = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const shown = (el) => !!el && el.getClientRects().length > 0;
  const lists = q('section.bl-list').map((s) => {
    const table = s.querySelector('table');
    return {
      id: s.id,
      table: shown(table),
      caption: !!(table && table.querySelector('caption') &&
                  table.querySelector('caption').textContent.trim()),
      colHeads: table ? q('thead th[scope="col"]', table).length : 0,
      rowHeads: table ? q('tbody th[scope="row"]', table).length : 0,
      scrollRegion: !!(table && table.closest('[role="region"][tabindex="0"]')),
      chartTexts: q('figure.bl-chart svg text', s).filter(shown)
        .map((t) => t.textContent.trim()).filter((t) => t).length,
      chartRows: q('figure.bl-chart .bl-chart-row', s).length,
    };
  });
  const lagging = document.getElementById('lagging');
  const anchors = q('a[href^="#"]').map((a) => a.getAttribute('href').slice(1));
  const dangling = anchors.filter((id) => id && !document.getElementById(id));
  const wide = q('body *').filter((el) => {
    if (el.closest('.bl-table-wrap') && !el.classList.contains('bl-table-wrap')) return false;
    const r = el.getBoundingClientRect();
    return r.right > root.clientWidth + 1;
  }).slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  return {
    lang: root.getAttribute('lang'),
    title: document.title,
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    wide,
    lists,
    lagging: shown(lagging),
    laggingLinks: lagging ? q('a[href^="#list-"][href*="-p"]', lagging).length : 0,
    indicators: q('#indicators tbody tr').length,
    dangling,
    scripts: q('script').length,
    external: q('link[href], img[src], iframe, object, embed').length,
  };
}

async function testPage(browser, htmlPath) {
  const stem = basename(htmlPath, '.html');
  const modelPath = join(pagesDir, `${stem}.json`);
  if (!existsSync(modelPath)) {
    check(`${stem}: model ${stem}.json present`, false, 'run `bulletin parse` first');
    return;
  }
  const want = expectations(JSON.parse(readFileSync(modelPath, 'utf8')));
  for (const width of widths) {
    const tag = `${stem} @${width}`;
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const offsite = [];
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith('file:') && !url.startsWith('data:')) offsite.push(url);
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const got = await page.evaluate(inspect);
    check(`${tag}: lang is zh-CN`, got.lang === 'zh-CN', got.lang);
    check(`${tag}: has a title`, got.title.trim().length > 0);
    check(`${tag}: no request left the page`, offsite.length === 0, offsite.join(' '));
    check(`${tag}: no scripts or external resources`, got.scripts === 0 && got.external === 0);
    check(`${tag}: no horizontal page overflow`, got.scrollWidth <= got.clientWidth,
          `scrollWidth ${got.scrollWidth} > clientWidth ${got.clientWidth} (${got.wide.join(', ')})`);
    check(`${tag}: every in-page link has a target`, got.dangling.length === 0,
          got.dangling.slice(0, 5).join(' '));
    check(`${tag}: one table per list`, got.lists.length === want.lists.length,
          `${got.lists.length} sections for ${want.lists.length} lists`);
    want.lists.forEach((l, i) => {
      const s = got.lists[i];
      if (!s) return;
      const n = `${tag}: list ${i + 1}`;
      check(`${n} table with caption and header cells`,
            s.table && s.caption && s.colHeads >= 4 && s.rowHeads === l.projects,
            `table ${s.table}, caption ${s.caption}, ${s.colHeads} col heads, ${s.rowHeads} row heads for ${l.projects} projects`);
      check(`${n} table scrolls inside a focusable region`, s.scrollRegion);
      if (l.hasDepartments)
        check(`${n} chart is SVG with text`, s.chartRows > 0 && s.chartTexts >= s.chartRows,
              `${s.chartRows} rows, ${s.chartTexts} texts`);
    });
    if (want.lists.length > 0) {
      const lagging = want.lists.reduce((a, l) => a + l.lagging, 0);
      check(`${tag}: lagging index present`, got.lagging);
      check(`${tag}: lagging index links every lagging project`, got.laggingLinks === lagging,
            `${got.laggingLinks} links for ${lagging} lagging projects`);
    }
    if (want.indicators > 0)
      check(`${tag}: every indicator shown`, got.indicators === want.indicators,
            `${got.indicators} of ${want.indicators}`);
    mkdirSync(shotsDir, { recursive: true });
    // Chromium now and then fails to capture a frame of a long page on a
    // loaded machine ("Unable to capture screenshot"): tried three times,
    // then a failed check, never an uncaught error.
    let shot = null;
    for (let attempt = 0; attempt < 3 && shot === null; attempt++) {
      try {
        await page.screenshot({ path: join(shotsDir, `${stem}-${width}.png`), fullPage: true });
        shot = '';
      } catch (e) {
        if (attempt === 2) shot = String(e.message).split('\n')[0];
        else await page.waitForTimeout(500);
      }
    }
    check(`${tag}: screenshot taken`, shot === '', shot);
    await context.close();
  }
}

const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
if (pages.length === 0) {
  console.log(`no pages in ${pagesDir}`);
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const f of pages) await testPage(browser, join(pagesDir, f));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
