import { describeWithChromium } from '@codex-analytics/config/describe-with-chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { launchChromium } from './__fixtures__/browser.js';
import { codexSessionEvents, playCodexSession } from './__fixtures__/codex-session.js';
import { appUsedEvent, commandExecutionEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

const hostileThread = '<img src=x onerror="window.__injected = true">';

// Page-side code is given as strings (this package compiles without the DOM library) and run with page.evaluate,
// which the page's CSP allows; waitForFunction would need 'unsafe-eval', so waits use selectors.
describeWithChromium('the live page', ({ executablePath }) => {
  let browser: Browser;
  let collector: Collector;
  let page: Page;
  let clock: { now: number };
  let realClock: boolean;
  const http = createTestHttp();
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(executablePath);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await http.close();
  });

  beforeEach(async () => {
    clock = { now: Date.parse('2026-12-01T14:03:07.250Z') };
    realClock = false;
    collector = await startCollector({ now: () => (realClock ? Date.now() - clock.now : clock.now), maxBodyBytes: 64 * 1024, logger: { warn: () => undefined } });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
    outsideRequests.length = 0;
    pageErrors.length = 0;
    page.on('request', (request) => {
      if (!request.url().startsWith(collector.url)) outsideRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await page.close();
    await collector.close();
    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });

  const open = async (path = '/', rendered?: string) => {
    await page.goto(`${collector.url}${path}`);
    await page.waitForSelector('#status[data-state="open"]');
    if (rendered !== undefined) await page.waitForSelector(`body[data-rendered="${rendered}"]`);
  };
  const evaluate = <T>(script: string) => page.evaluate<T>(script);
  const rowIds = () => evaluate<number[]>(`[...document.querySelectorAll('#event-rows tr')].map((row) => Number(row.dataset.eventId))`);

  it('draws the session: threads as lanes, turns as bars with their outcome, every event as a marker in order', async () => {
    await playCodexSession(collector, clock);
    await open('/', '24/3');

    const lanes = await evaluate<{ thread: string; label: string; markers: number[] }[]>(`[...document.querySelectorAll('#picture .lane[data-thread]')].map((lane) => ({
      thread: lane.dataset.thread, label: lane.querySelector('.lane-label').textContent,
      markers: [...lane.querySelectorAll('.marker')].map((marker) => Number(marker.dataset.eventId)) }))`);
    expect(lanes).toEqual([
      { thread: 'thread-a', label: 'thread-anew', markers: [1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
      { thread: 'thread-b', label: 'thread-bresumed', markers: [2, 16, 17, 18] },
      { thread: 'thread-c', label: 'thread-cforked', markers: [3, 19] },
      { thread: 'thread-a-explorer', label: 'thread-a-explorernew · sub-agent · from thread-a', markers: [20] },
      { thread: '', label: 'no thread', markers: [21, 22, 23, 24] },
    ]);
    // Left to right in arrival order, never overlapping.
    const xs = await evaluate<number[]>(`[...document.querySelectorAll('#picture .marker')].sort((a, b) => a.dataset.eventId - b.dataset.eventId).map((marker) => parseFloat(marker.style.left))`);
    expect(xs.every((x, index) => index === 0 || x >= xs[index - 1]! + 20)).toBe(true);
    const turns = await evaluate<string[]>(`[...document.querySelectorAll('#picture .turn')].map((bar) => bar.title)`);
    expect(turns).toEqual(expect.arrayContaining(['turn turn-1 (completed)', 'turn turn-2 (failed)', 'turn turn-3 (interrupted)']));
    expect(await page.getAttribute('#picture .marker[data-event-id="12"]', 'class')).toContain('bad');

    await page.click('#picture .marker[data-event-id="14"]');
    await page.waitForSelector('#detail[data-event-id="14"]');
    const shown = await evaluate<string>(`document.getElementById('detail').textContent`);
    expect(JSON.parse(shown)).toEqual(codexSessionEvents[13]);
    expect(await page.getAttribute('#picture .marker[data-event-id="14"]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('#event-rows tr[data-event-id="14"]', 'aria-selected')).toBe('true');
  }, 60_000);

  it('links the field names of the selected event to their meaning from the events schemas', async () => {
    await playCodexSession(collector, clock, { refused: false });
    await open('/', '24/0');
    await page.click('#event-rows tr[data-event-id="14"]');

    const threadKey = '#detail .json-key[data-path="event_params.thread_id"]';
    expect(await page.getAttribute(threadKey, 'title')).toBe('event_params.thread_id: The Codex thread (conversation) the event belongs to. (string)');
    expect(await page.getAttribute('#detail .json-key[data-path="event_params.status"]', 'title')).toContain('"completed" | "failed" | "interrupted"');
    await page.hover(threadKey);
    expect(await page.textContent('#field-help')).toContain('The Codex thread (conversation)');
    const undescribed = await evaluate<string[]>(`[...document.querySelectorAll('#detail .json-key:not(.described)')].map((key) => key.dataset.path)`);
    expect(undescribed).toEqual([]);
  }, 60_000);

  it('counts events against all 22 types, zeros visible, and a count filters by its type', async () => {
    await http.postEvents(collector, [hookRunEvent('thread-a'), hookRunEvent('thread-b'), appUsedEvent('thread-a'), pluginInstalledEvent()]);
    await open('/', '4/0');

    const counts = await evaluate<{ type: string; count: string; zero: boolean }[]>(`[...document.querySelectorAll('#counts .count-row')].map((row) => ({
      type: row.dataset.type, count: row.querySelector('.count-n').textContent, zero: row.classList.contains('zero') }))`);
    expect(counts).toHaveLength(22);
    expect(counts.filter(({ count }) => count !== '0')).toEqual([
      { type: 'codex_app_used', count: '1', zero: false },
      { type: 'codex_hook_run', count: '2', zero: false },
      { type: 'codex_plugin_installed', count: '1', zero: false },
    ]);
    expect(counts.filter(({ zero }) => zero).map(({ count }) => count)).toEqual(Array(19).fill('0'));
    expect(await page.textContent('#counts-summary')).toBe('3 of 22 types seen');

    await page.click('#counts .count-row[data-type="codex_hook_run"]');
    await page.waitForSelector('body[data-rendered="4/0"] #count:text("4 events, 2 shown")');
    expect(await rowIds()).toEqual([2, 1]);
    expect(await page.inputValue('#filter-type')).toBe('codex_hook_run');

    // Live: a new event raises its count without a reload.
    await http.postEvents(collector, [hookRunEvent('thread-c')]);
    await page.waitForSelector('#counts .count-row[data-type="codex_hook_run"][data-count="3"]');
    const rateBars = await evaluate<number>(`document.querySelectorAll('#rate .rate-bar').length`);
    expect(rateBars).toBe(40);
  }, 60_000);

  it('with a shared store, counts what the store holds when it is more than the page received (its stats)', async () => {
    await http.postEvents(collector, [hookRunEvent('thread-a'), appUsedEvent('thread-a')]);
    // A collector on ClickHouse answers /api/stats for every collector's events: here, 5,000 more than this page got.
    await page.route(`${collector.url}/api/stats`, async (route) => {
      const response = await route.fetch();
      const stats = (await response.json()) as { storedEvents: number; eventsByType: Record<string, number> };
      await route.fulfill({
        response,
        json: { ...stats, storedEvents: 5_002, eventsByType: { ...stats.eventsByType, codex_hook_run: 4_001, codex_app_used: 1_001 } },
      });
    });
    await open('/', '2/0');
    await page.waitForSelector('#counts .count-row[data-type="codex_hook_run"][data-count="4001"]');
    expect(await page.textContent('#count')).toBe('5002 events (2 received here)');
    expect(await page.textContent('#counts .count-row[data-type="codex_app_used"] .count-n')).toBe('1001');
    // The table still lists what this page received.
    expect(await rowIds()).toEqual([2, 1]);
    await page.unroute(`${collector.url}/api/stats`);
  }, 60_000);

  it('draws a tool call on its turn\'s bar, and an event type no era knows as drift: counted, filterable, drawn', async () => {
    const future = { event_type: 'codex_future_event', event_params: { thread_id: 'thread-a', turn_id: 'turn-1' } };
    await http.postEvents(collector, [hookRunEvent('thread-a', 'turn-1'), commandExecutionEvent('thread-a', 'turn-1'), future] as never[]);
    await open('/', '3/0');

    const tool = await evaluate<{ classes: string; label: string | null }>(`(() => { const m = document.querySelector('#picture .marker[data-event-id="2"]');
      return { classes: m.className, label: m.getAttribute('aria-label') }; })()`);
    expect(tool.classes).toContain('kind-tool');
    expect(tool.classes).toContain('good');
    expect(tool.label).toBe('command #2');
    // The marker sits on the bar of its turn.
    const within = await evaluate<boolean>(`(() => {
      const marker = document.querySelector('#picture .marker[data-event-id="2"]').getBoundingClientRect();
      const bar = [...document.querySelectorAll('#picture .turn')].find((b) => b.title.startsWith('turn turn-1')).getBoundingClientRect();
      const middle = marker.left + marker.width / 2;
      return middle >= bar.left - 1 && middle <= bar.right + 1 && marker.top < bar.bottom && marker.bottom > bar.top;
    })()`);
    expect(within).toBe(true);

    const futureRow = await evaluate<string | null>(`document.querySelector('#counts .count-row[data-type="codex_future_event"] .count-n')?.textContent ?? null`);
    expect(futureRow).toBe('1');
    expect(await page.textContent('#counts-summary')).toBe('2 of 22 types seen, 1 unknown (drift)');
    expect(await evaluate<string[]>(`[...document.querySelectorAll('#filter-type option')].map((o) => o.value)`)).toContain('codex_future_event');
    await page.click('#counts .count-row[data-type="codex_future_event"]');
    await page.waitForSelector('body[data-rendered="3/0"] #count:text("3 events, 1 shown")');
    expect(await rowIds()).toEqual([3]);
  }, 60_000);

  it('shows every refused request with status, reason and, per error, the event index, event_type and path', async () => {
    await playCodexSession(collector, clock);
    await open('/', '24/3');

    const rejected = await evaluate<{ reason: string; head: string; errors: string[][] }[]>(`[...document.querySelectorAll('#rejections .rejection')].map((item) => ({
      reason: item.dataset.reason, head: item.querySelector('.rejection-head').textContent,
      errors: [...item.querySelectorAll('.errors tbody tr')].map((row) => [...row.children].slice(0, 3).map((cell) => cell.textContent)) }))`);
    expect(rejected.map(({ reason }) => reason)).toEqual(['payload_too_large', 'invalid_events', 'unauthorized']);
    expect(rejected[0]!.head).toContain('413');
    expect(rejected[1]!.head).toContain('400');
    expect(rejected[1]!.errors).toEqual([
      ['0', 'codex_turn_event', 'event_params.turn_id'],
      ['1', 'codex_compaction_event', 'event_params.status'],
    ]);
    expect(rejected[2]!.head).toContain('401');
    expect(await page.textContent('#rejected-count')).toBe('3 rejected');

    // A refusal arrives live, newest first, and says how many errors were not listed.
    const many = Array.from({ length: 120 }, () => ({ event_type: 'codex_hook_run', event_params: {} }));
    await http.postEvents(collector, many);
    await page.waitForSelector('body[data-rendered="24/4"]');
    expect(await page.textContent('#rejections .rejection:first-child .more')).toMatch(/^… and \d+ more error\(s\)$/);
  }, 60_000);

  it('filters by type, thread, turn, account and time, keeps them in the URL, and resets them', async () => {
    await playCodexSession(collector, clock, { refused: false });
    const other = { ...bearerHeaders, 'chatgpt-account-id': 'account-2' };
    await http.postEvents(collector, [hookRunEvent('thread-z', 'turn-9')], other);
    await open('/', '25/0');

    await page.selectOption('#filter-thread', 'thread-a');
    await page.selectOption('#filter-turn', 'turn-1');
    await page.waitForSelector('#count:text("25 events, 10 shown")');
    expect(await rowIds()).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(await evaluate<number>(`document.querySelectorAll('#picture .marker').length`)).toBe(10);
    await page.selectOption('#filter-type', 'codex_hook_run');
    await page.waitForSelector('#count:text("25 events, 2 shown")');
    expect(new URL(page.url()).search).toBe('?type=codex_hook_run&thread=thread-a&turn=turn-1');

    await page.click('#filter-reset');
    await page.selectOption('#filter-account', 'account-2');
    await page.waitForSelector('#count:text("25 events, 1 shown")');
    expect(await rowIds()).toEqual([25]);

    // Restored from the URL on a fresh load.
    await open('/?thread=(none)', '25/0');
    expect(await rowIds()).toEqual([24, 23, 22, 21]);
    expect(await page.inputValue('#filter-thread')).toBe('(none)');
  }, 60_000);

  it('filters by time, and shows every time as local time with milliseconds, ISO on hover', async () => {
    realClock = true;
    clock.now = 10 * 60_000; // the first event arrives ten minutes ago
    await http.postEvents(collector, [hookRunEvent('thread-old')]);
    clock.now = 0;
    await http.postEvents(collector, [hookRunEvent('thread-new')]);
    await open('/', '2/0');

    await page.selectOption('#filter-since', '300');
    await page.waitForSelector('#count:text("2 events, 1 shown")');
    expect(await rowIds()).toEqual([2]);

    const time = await evaluate<{ text: string; title: string; datetime: string }>(`(() => { const node = document.querySelector('#event-rows tr time');
      return { text: node.textContent, title: node.title, datetime: node.getAttribute('datetime') }; })()`);
    const received = collector.events()[1]!.receivedAt;
    const local = await evaluate<string>(`(() => { const d = new Date(${received}); const p = (v, w) => String(v).padStart(w || 2, '0');
      return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()) + '.' + p(d.getMilliseconds(), 3); })()`);
    expect(time).toEqual({ text: local, title: new Date(received).toISOString(), datetime: new Date(received).toISOString() });
    expect(time.text).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  }, 60_000);

  it('clears only after confirmation, on every open page', async () => {
    await playCodexSession(collector, clock);
    await open('/', '24/3');
    const second = await browser.newPage();
    await second.goto(collector.url);
    await second.waitForSelector('body[data-rendered="24/3"]');

    await page.click('#clear');
    expect(await page.isVisible('#clear-dialog')).toBe(true);
    expect(await page.textContent('#clear-count')).toBe('24 event(s) and 3 rejected request(s)');
    await page.click('#clear-dialog button[value="cancel"]');
    expect(collector.events()).toHaveLength(24);

    await page.click('#clear');
    await page.click('#clear-confirm');
    await page.waitForSelector('body[data-rendered="0/0"]');
    await second.waitForSelector('body[data-rendered="0/0"]');
    await second.close();
    expect(collector.events()).toEqual([]);
    expect(await page.textContent('#count')).toBe('0 events');
    expect(await evaluate<number>(`document.querySelectorAll('#picture .marker, #event-rows tr, #rejections li').length`)).toBe(0);
  }, 60_000);

  it('moves through the table and the picture with the keyboard', async () => {
    await playCodexSession(collector, clock, { refused: false });
    await open('/', '24/0');
    const focused = () => evaluate<string>(`(document.activeElement.matches('.marker') ? 'marker ' : 'row ') + document.activeElement.dataset.eventId`);

    await page.focus('#event-rows tr[data-event-id="24"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('row 22');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail[data-event-id="22"]');
    expect(await focused()).toBe('row 22');

    await page.focus('#picture .marker[data-event-id="14"]');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('marker 15');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^marker (2|16|17|18)$/);
    await page.keyboard.press(' ');
    await page.waitForSelector('#picture .marker[aria-pressed="true"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#detail[data-event-id=""]', { state: 'attached' });
    expect(await page.isVisible('#detail-empty')).toBe(true);
  }, 60_000);

  it('fits 800 px without a page-wide horizontal scroll, and follows the dark colour scheme', async () => {
    await playCodexSession(collector, clock);
    await page.setViewportSize({ width: 800, height: 1000 });
    await open('/', '24/3');
    await page.click('#event-rows tr[data-event-id="14"]');

    const fit = await evaluate<{ scrollWidth: number; wide: string[] }>(`(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      wide: ['.top', '.filters', '.session', '.events', '.side', '#detail', '#counts', '#rejections']
        .filter((selector) => document.querySelector(selector).getBoundingClientRect().right > 800) }))()`);
    expect(fit).toEqual({ scrollWidth: 800, wide: [] });
    // Single column: the side panels sit under the events, not beside them.
    const [events, side] = await evaluate<number[]>(`['.events', '.side'].map((selector) => document.querySelector(selector).getBoundingClientRect().top)`);
    expect(side).toBeGreaterThan(events!);

    const background = () => evaluate<string>(`getComputedStyle(document.body).backgroundColor`);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).not.toBe(light);
  }, 60_000);

  it("shows today's wire format and the drift per event type, as text", async () => {
    await open('/', '0/0');
    expect(await page.isHidden('#drift')).toBe(true);

    const drifted = hookRunEvent('thread-drift') as unknown as { event_params: Record<string, unknown> };
    drifted.event_params['<b>new_key</b>'] = 1;
    await http.postEvents(collector, [drifted as never]);
    await page.waitForSelector('#drift:not([hidden])');

    expect(await page.textContent('#drift-summary')).toBe("1 in today's wire format · 1 with unknown keys");
    expect(await page.textContent('#drift-list')).toBe('codex_hook_run ×1: event_params.<b>new_key</b> ×1');
    expect(await evaluate<number>(`document.querySelectorAll('#drift-list b').length`)).toBe(0);
  }, 60_000);

  it('draws the newest 1000 events of a long session and lists the newest 500, counting them all', async () => {
    for (let burst = 0; burst < 6; burst += 1) {
      clock.now += 1000;
      await http.postEvents(collector, Array.from({ length: 175 }, (_, index) => hookRunEvent(`thread-${index % 3}`, `turn-${burst}`)));
    }
    await open('/', '1050/0');

    expect(await evaluate<number>(`document.querySelectorAll('#picture .marker').length`)).toBe(1000);
    expect(await page.textContent('#picture-note')).toBe('newest 1000 of 1050 drawn');
    expect(await evaluate<number>(`document.querySelectorAll('#event-rows tr').length`)).toBe(500);
    expect(await page.textContent('#table-note')).toBe('newest 500 of 1050 shown');
    expect(await page.getAttribute('#counts .count-row[data-type="codex_hook_run"]', 'data-count')).toBe('1050');
  }, 60_000);

  it('with 10,000 threads keeps lanes for the threads in view only, and a new event redraws no other lane', async () => {
    for (let from = 0; from < 10_000; from += 250) {
      clock.now += 100;
      await http.postEvents(collector, Array.from({ length: 250 }, (_, index) => hookRunEvent(`thread-${from + index}`)));
    }
    await open('/', '10000/0');
    const laneThreads = () => evaluate<string[]>(`[...document.querySelectorAll('#picture .lane[data-thread]')].map((lane) => lane.dataset.thread)`);

    // The newest 1000 events are drawn: 1000 lanes in the scrolled height, a handful of them in the DOM.
    expect(await page.textContent('#picture-note')).toBe('newest 1000 of 10000 drawn');
    const inView = await laneThreads();
    expect(inView.length).toBeGreaterThan(5);
    expect(inView.length).toBeLessThanOrEqual(30);
    expect(await evaluate<number>(`document.getElementById('picture').scrollHeight`)).toBeGreaterThanOrEqual(1000 * 48);
    expect(inView.slice(0, 3)).toEqual(['thread-9000', 'thread-9001', 'thread-9002']);

    // A new event in thread-9003: its lane gets a marker; the other lanes (and their markers) are the same elements.
    await evaluate(`(() => {
      const lane = document.querySelector('#picture .lane[data-thread="thread-9002"]');
      lane.setAttribute('data-probe', 'kept');
      lane.querySelector('.marker').setAttribute('data-probe', 'kept');
    })()`);
    clock.now += 100;
    await http.postEvents(collector, [appUsedEvent('thread-9003')]);
    await page.waitForSelector('body[data-rendered="10001/0"]');

    expect(await evaluate<string[]>(`[...document.querySelectorAll('[data-probe="kept"]')].map((node) => node.dataset.thread || 'marker ' + node.dataset.eventId)`)).toEqual([
      'thread-9002',
      'marker 9003',
    ]);
    expect(await evaluate<number[]>(`[...document.querySelectorAll('#picture .lane[data-thread="thread-9003"] .marker')].map((marker) => Number(marker.dataset.eventId))`)).toEqual([9004, 10001]);
    expect((await laneThreads()).length).toBeLessThanOrEqual(30);

    // Scrolled to the end, the lanes of the newest threads are made, and still only those in view.
    await evaluate(`(() => { const picture = document.getElementById('picture'); picture.scrollTop = picture.scrollHeight; })()`);
    await page.waitForSelector('#picture .lane[data-thread="thread-9999"]');
    expect((await laneThreads()).length).toBeLessThanOrEqual(30);
  }, 120_000);

  it('shows event content as text, never markup', async () => {
    await http.postEvents(collector, [appUsedEvent(hostileThread)]);
    await open('/', '1/0');
    await page.click('#event-rows tr[data-event-id="1"]');

    expect(await evaluate<number>(`document.querySelectorAll('img').length`)).toBe(0);
    expect(await evaluate<boolean>(`window.__injected === undefined`)).toBe(true);
    expect(await page.getAttribute('#picture .lane[data-thread]:not(.axis)', 'data-thread')).toBe(hostileThread);
  }, 60_000);
});
