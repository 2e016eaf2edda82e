// site.test.mjs - loads a `bulletin site` directory in Debian's chromium.
//
// usage: node site.test.mjs SITE_DIR PERIODS [SCREENSHOT_DIR]
//
// SITE_DIR holds index.html and the period pages of `bulletin site`;
// PERIODS is the number of reports given (the test's own count). At
// 1280x800 and 375x800 it checks, on the index and on every page it links
// to: nothing but file:/data: URLs requested, no script, no sideways
// scrolling; on the index: one row per period, one trend per list drawn as
// SVG, every link (href) a file that exists in SITE_DIR or an element of the
// page; on each period page: the previous/next links lead to the pages the
// index lists before and after it. Full-page screenshots of the index go to
// SCREENSHOT_DIR/site-index-<width>.png. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const siteDir = resolve(process.argv[2] ?? 'out/site');
const periods = Number(process.argv[3] ?? 0);
const shotsDir = resolve(process.argv[4] ?? 'out/screenshots');
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

// Measured inside the page, in one round trip.
function inspect() {
  const root = document.documentElement;
  const q = (sel) => Array.from(document.querySelectorAll(sel));
  const wide = q('body *').filter((el) => {
    if (el.closest('.bl-table-wrap') && !el.classList.contains('bl-table-wrap')) return false;
    return el.getBoundingClientRect().right > root.clientWidth + 1;
  }).slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    wide,
    links: q('a[href]').map((a) => ({ raw: a.getAttribute('href'), url: a.href })),
    rows: q('#periods tbody tr').map((tr) => tr.querySelector('th a').href),
    trends: q('#list-trends figure svg polyline').length,
    figures: q('#list-trends figure').length,
    dots: q('#list-trends circle').length,
    prev: document.querySelector('.bl-site-nav a[rel="prev"]')?.href ?? null,
    next: document.querySelector('.bl-site-nav a[rel="next"]')?.href ?? null,
    scripts: q('script').length,
    external: q('link[href], img[src]:not([src^="data:"]), iframe, object, embed').length,
  };
}

// One context per width; its page goes from the index to each period.
async function open(browser, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const offsite = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith('file:') && !u.startsWith('data:')) offsite.push(u);
  });
  return { context, page, offsite };
}

async function load(tab, url) {
  tab.offsite.length = 0;
  await tab.page.goto(url, { waitUntil: 'load' });
  return { got: await tab.page.evaluate(inspect), offsite: [...tab.offsite] };
}

function common(tag, got, offsite) {
  check(`${tag}: no request left the page`, offsite.length === 0, offsite.join(' '));
  check(`${tag}: no scripts or external resources`, got.scripts === 0 && got.external === 0);
  check(`${tag}: no horizontal page overflow`, got.scrollWidth <= got.clientWidth,
        `scrollWidth ${got.scrollWidth} > clientWidth ${got.clientWidth} (${got.wide.join(', ')})`);
}

const indexUrl = pathToFileURL(join(siteDir, 'index.html')).href;
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const width of widths) {
    const tag = `index @${width}`;
    const tab = await open(browser, width);
    const { got, offsite } = await load(tab, indexUrl);
    common(tag, got, offsite);
    check(`${tag}: one row per period`, got.rows.length === periods,
          `${got.rows.length} rows for ${periods} reports`);
    check(`${tag}: a drawn trend per list`, got.figures > 0 && got.trends === got.figures &&
          got.dots >= got.figures * Math.min(periods, 2), `${got.figures} lists, ${got.trends} lines, ${got.dots} points`);
    const missing = got.links.filter((l) => {
      const u = new URL(l.url);
      if (u.protocol !== 'file:') return true;
      if (l.raw.startsWith('#')) return false;
      return !existsSync(fileURLToPath(u));
    }).map((l) => l.raw);
    check(`${tag}: every link is a file of the site`, got.links.length > 0 && missing.length === 0,
          missing.slice(0, 5).join(' '));
    check(`${tag}: each period links its page and PDF`,
          got.links.filter((l) => l.raw.endsWith('.pdf')).length === periods &&
          new Set(got.rows).size === periods);
    mkdirSync(shotsDir, { recursive: true });
    await tab.page.screenshot({ path: join(shotsDir, `site-index-${width}.png`), fullPage: true });
    // Each period's page: its neighbours are the index's rows around it.
    for (let i = 0; i < got.rows.length; i++) {
      const p = await load(tab, got.rows[i]);
      const ptag = `page ${i + 1} @${width}`;
      common(ptag, p.got, p.offsite);
      check(`${ptag}: previous and next periods as the index orders them`,
            p.got.prev === (i > 0 ? got.rows[i - 1] : null) &&
            p.got.next === (i + 1 < got.rows.length ? got.rows[i + 1] : null),
            `prev ${p.got.prev}, next ${p.got.next}`);
      const dead = p.got.links.filter((l) => !l.raw.startsWith('#') &&
        !existsSync(fileURLToPath(new URL(l.url)))).map((l) => l.raw);
      check(`${ptag}: its links to other files exist`, dead.length === 0, dead.join(' '));
      if (i === 1 && width === 375)
        await tab.page.screenshot({ path: join(shotsDir, `site-page-${width}.png`) });
    }
    await tab.context.close();
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
