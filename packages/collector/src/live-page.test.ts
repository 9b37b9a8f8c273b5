import { describeWithChromium } from '@codex-analytics/config/describe-with-chromium';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

// Headless Chromium driven by playwright-core, found by describeWithChromium (CHROMIUM_PATH, playwright's own browsers,
// common install paths); skipped with the reason when there is none, failing under CI=true.
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hostileThread = '<img src=x onerror="window.__injected = true">';

describeWithChromium('the live page', ({ executablePath }) => {
  let browser: Browser;
  let collector: Collector;
  let page: Page;
  const http = createTestHttp();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: launchArgs, timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await http.close();
  });

  beforeEach(async () => {
    collector = await startCollector();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterEach(async () => {
    await page.close();
    await collector.close();
  });

  // Page-side code is given as strings: this package compiles without the DOM library.
  const visibleRows = () =>
    page.evaluate<{ id: number; type: string }[]>(
      `[...document.querySelectorAll('#event-rows tr:not([hidden])')].map((row) => ({ id: Number(row.dataset.eventId), type: row.dataset.eventType }))`,
    );
  // Polled through a locator, not a string predicate: playwright polls a string with eval inside the page, which the
  // page's CSP (script-src nonce only) refuses whenever the first check is not already true.
  const waitForRows = (count: number) => expect.poll(() => page.locator('#event-rows tr').count(), { timeout: 20_000 }).toBe(count);

  it('lists events as they arrive, filters them by type and thread, and shows the selected JSON, escaped', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await http.postEvents(collector, [hookRunEvent('thread-old')]);

    await page.goto(collector.url);
    await page.waitForSelector('#status[data-state="open"]');
    await waitForRows(1);

    await http.postEvents(collector, [appUsedEvent(hostileThread), pluginInstalledEvent()]);
    await http.postEvents(collector, [hookRunEvent('thread-new')]);
    await waitForRows(4);

    expect((await visibleRows()).map(({ id }) => id)).toEqual([4, 3, 2, 1]);
    expect(await page.textContent('#count')).toBe('4 events');
    // Event content is text, never markup.
    const hostileCell = await page.evaluate<{ text: string; elements: number }>(
      `(() => { const cell = document.querySelector('#event-rows tr[data-event-id="2"] td:nth-child(4)'); return { text: cell.textContent, elements: cell.children.length }; })()`,
    );
    expect(hostileCell).toEqual({ text: hostileThread, elements: 0 });
    expect(await page.evaluate<number>(`document.querySelectorAll('img').length`)).toBe(0);
    expect(await page.evaluate<boolean>(`window.__injected === undefined`)).toBe(true);

    await page.selectOption('#filter-type', 'codex_hook_run');
    expect(await visibleRows()).toEqual([
      { id: 4, type: 'codex_hook_run' },
      { id: 1, type: 'codex_hook_run' },
    ]);
    expect(await page.textContent('#count')).toBe('4 events, 2 shown');

    // A new event respects the active filter.
    await http.postEvents(collector, [appUsedEvent('thread-new'), hookRunEvent('thread-new')]);
    await waitForRows(6);
    expect((await visibleRows()).map(({ id }) => id)).toEqual([6, 4, 1]);

    await page.fill('#filter-thread', 'thread-new');
    expect((await visibleRows()).map(({ id }) => id)).toEqual([6, 4]);
    await page.selectOption('#filter-type', '');
    expect((await visibleRows()).map(({ id }) => id)).toEqual([6, 5, 4]);
    expect(new URL(page.url()).searchParams.get('thread')).toBe('thread-new');

    await page.fill('#filter-thread', '');
    await page.click('#event-rows tr[data-event-id="2"]');
    const detail = JSON.parse((await page.textContent('#detail')) ?? '');
    expect(detail).toEqual(collector.events()[1]);
    expect(await page.getAttribute('#event-rows tr[data-event-id="2"]', 'aria-selected')).toBe('true');
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows today's wire format and the drift per event type, as text", async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(collector.url);
    await page.waitForSelector('#status[data-state="open"]');
    expect(await page.isHidden('#drift')).toBe(true);

    const drifted = hookRunEvent('thread-drift') as unknown as { event_params: Record<string, unknown> };
    drifted.event_params['<b>new_key</b>'] = 1;
    await http.postEvents(collector, [drifted as never]);
    await waitForRows(1);
    await page.waitForSelector('#drift:not([hidden])');

    expect(await page.textContent('#drift-summary')).toContain("1 event(s) in today's wire format, 1 with keys no known era has");
    expect(await page.textContent('#drift-list')).toBe('codex_hook_run (1): event_params.<b>new_key</b> x1');
    expect(await page.evaluate<number>(`document.querySelectorAll('#drift-list b').length`)).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('restores the filters from its URL', async () => {
    await http.postEvents(collector, [hookRunEvent('thread-a'), appUsedEvent('thread-a'), hookRunEvent('thread-b')]);

    await page.goto(`${collector.url}/?type=codex_hook_run&thread=thread-b`);
    await waitForRows(3);

    expect(await page.inputValue('#filter-type')).toBe('codex_hook_run');
    expect((await visibleRows()).map(({ id }) => id)).toEqual([3]);
  }, 60_000);
});
