// Takes the README's screenshot of the live page: `node scripts/screenshot-live-page.mjs URL OUT.png [WIDTH] [EVENT_ID]`
// opens URL (a collector's live page, e.g. `npm run demo -- --serve --port 4319`) in Chromium at WIDTH px (default
// 1400) by 1000, selects event EVENT_ID (default: the demo's failed build command, #12), and saves the view as OUT.png.
import { chromium } from 'playwright-core';
import { findChromium } from '@codex-analytics/config/chromium';

const [url, out, width = '1400', eventId = '12'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot-live-page.mjs URL OUT.png [WIDTH] [EVENT_ID]');
  process.exit(2);
}
const found = findChromium();
if (!found.found) {
  console.error(`screenshot: no Chromium (${found.reason})`);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: found.executablePath });
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 1000 } });
  await page.goto(url);
  await page.waitForFunction(() => Number((document.body.dataset.rendered ?? '0/0').split('/')[0]) > 0);
  await page.click(`#event-rows tr[data-event-id="${eventId}"]`);
  await page.waitForSelector(`#detail[data-event-id="${eventId}"]`);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}
