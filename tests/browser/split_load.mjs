// split_load.mjs PAGE PEER - loads PAGE (the largest page of a split
// bulletin) and PEER (an example's page, about 200 KB) in Debian's
// chromium through playwright-core, three times each, interleaved, and
// prints the navigation timing of each (loadEventEnd of the
// PerformanceNavigation entry: parsing, style and layout of the whole page;
// the pages run no scripts). Passes when PAGE's median is under a second,
// or, on a machine loaded by other work, under 6 times PEER's median
// measured in the same run (an unsplit 10,000-project page takes some 50).
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [page, peer] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
async function load(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  await p.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: 120000 });
  const t = await p.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { load: n.loadEventEnd - n.startTime, rows: document.querySelectorAll('tbody tr').length };
  });
  await context.close();
  return t;
}
const a = [], b = [];
try {
  for (let i = 0; i < 3; i++) {
    a.push(await load(page));
    b.push(await load(peer));
  }
} finally {
  await browser.close();
}
const median = (xs) => xs.map((x) => x.load).sort((x, y) => x - y)[1];
const ma = median(a), mb = median(b);
console.log(`largest page: ${a.map((t) => t.load.toFixed(0)).join(', ')} ms, median ${ma.toFixed(0)} ms ` +
            `(${a[0].rows} rows); peer: median ${mb.toFixed(0)} ms (${b[0].rows} rows); ratio ${(ma / mb).toFixed(2)}`);
process.exit(ma < 1000 || ma < 6 * mb ? 0 : 1);
