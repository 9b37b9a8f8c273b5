// The ClickHouse store against a real clickhouse-server (one node), started by the test from a temporary folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseAvailability, plantedClickHousePassword, plantedClickHouseUser, startClickHouseServers } from './__fixtures__/clickhouse-servers.js';
import type { ClickHouseServers } from './__fixtures__/clickhouse-servers.js';
import { checkStoredExactlyOnce, clickHouseRows, createRetryingSender, keysOf, loadBody, sleep } from './__fixtures__/clickhouse-load.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import { appUsedEvent, hookRunEvent } from './__fixtures__/sample-events.js';
import { runCli } from './run-cli.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';
import type { ScheduleTimer } from './store-feed.js';

const availability = clickHouseAvailability();
// Under CI the server is installed by .ci/install-clickhouse: a missing one is a failure, never a silent skip.
if (!availability.available && process.env.CI === 'true') throw new Error(`CI=true but ${availability.reason}`);
const suite = availability.available ? describe : describe.skip;
const title = availability.available ? 'the ClickHouse store (one node)' : `the ClickHouse store (skipped: ${availability.reason})`;

suite(title, () => {
  let clickhouse: ClickHouseServers;
  let serverUrl: string;
  const http = createTestHttp();
  const warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };
  const open: Collector[] = [];
  const start = async (database: string, extra: Partial<Parameters<typeof startCollector>[0]> = {}) => {
    const collector = await startCollector({ logger, ...extra, clickhouse: { pollMs: 50, ...extra.clickhouse, url: `${serverUrl}/${database}` } });
    open.push(collector);
    return collector;
  };

  beforeAll(async () => {
    clickhouse = await startClickHouseServers(1);
    serverUrl = clickhouse.servers[0]!.url;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(open.map((collector) => collector.close()));
    await http.close();
    await clickhouse?.close();
  });

  it('stores, shows and answers queries from ClickHouse; a second collector on the same store sees every event', async () => {
    const first = await start('codex_shared');
    const second = await start('codex_shared');
    expect((await http.postEvents(first, [hookRunEvent('thread-a', 'turn-1'), appUsedEvent('thread-a')])).status).toBe(200);
    expect((await http.postEvents(second, [hookRunEvent('thread-b', 'turn-2')])).status).toBe(200);

    for (const collector of [first, second]) {
      const page = (await http.send(`${collector.url}/api/events?limit=10`)).json();
      expect(page.total).toBe(3);
      const types = (page.events as { event: { event_type: string } }[]).map((stored) => stored.event.event_type);
      expect(types.sort()).toEqual(['codex_app_used', 'codex_hook_run', 'codex_hook_run']);
      const byThread = (await http.send(`${collector.url}/api/events?thread_id=thread-b`)).json();
      expect(byThread.total).toBe(1);
      const stats = (await http.send(`${collector.url}/api/stats`)).json();
      expect(stats.storedEvents).toBe(3);
      expect(stats.eventsByType.codex_hook_run).toBe(2);
      expect(stats.eventsByType.codex_app_used).toBe(1);
      // The live view (what /api/stream and the page show) is fed from the store: every collector's events.
      await collector.syncStore();
      expect(collector.events().map((stored) => stored.key).sort()).toHaveLength(3);
    }
    // Only this process's counts stay per process.
    expect(second.stats().acceptedEvents).toBe(1);
  });

  it('/api/events pages through the store with nextCursor (no gaps, no repeats) and filters by since', async () => {
    let clock = Date.UTC(2026, 11, 1, 12);
    const collector = await start('codex_pages', { now: () => clock });
    expect((await http.postEvents(collector, Array.from({ length: 15 }, (_, index) => hookRunEvent('thread-p', `early-${index}`)))).status).toBe(200);
    clock += 60_000;
    const later = clock;
    expect((await http.postEvents(collector, Array.from({ length: 10 }, (_, index) => hookRunEvent('thread-p', `late-${index}`)))).status).toBe(200);
    const turns: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await http.send(`${collector.url}/api/events?limit=10${cursor === null ? '' : `&cursor=${cursor}`}`)).json();
      expect(page.total).toBe(25);
      turns.push(...(page.events as { event: { event_params: { turn_id: string } } }[]).map((stored) => stored.event.event_params.turn_id));
      cursor = page.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null && pages < 5);
    expect(pages).toBe(3);
    expect(new Set(turns).size).toBe(25);
    const recent = (await http.send(`${collector.url}/api/events?since=${later}&limit=100`)).json();
    expect(recent.total).toBe(10);
    expect(new Date(later).toISOString()).toBe('2026-12-01T12:01:00.000Z');
    expect((await http.send(`${collector.url}/api/events?since=${new Date(later).toISOString()}`)).json().total).toBe(10);
  });

  it('counts per type and drift from the store equal what the embedded store counts for the same requests', async () => {
    const writer = await start('codex_drift');
    const reader = await start('codex_drift');
    const embedded = await startCollector({ logger });
    open.push(embedded);
    const drifted = hookRunEvent('thread-d', 'turn-d') as unknown as { event_params: Record<string, unknown> };
    drifted.event_params.session_id = 'session-1';
    drifted.event_params.brand_new_key = { nested: true };
    const bodies = [
      JSON.stringify({ events: [hookRunEvent('thread-d', 'turn-1'), drifted, { event_type: 'codex_future_event', event_params: { thread_id: 'thread-f' } }] }),
      JSON.stringify({ events: [appUsedEvent('thread-e')], envelope_extra: 1 }),
    ];
    for (const body of bodies) {
      for (const collector of [writer, embedded]) {
        const response = await http.send(`${collector.url}/codex/analytics-events/events`, { method: 'POST', headers: { authorization: 'Bearer t', 'chatgpt-account-id': 'a' }, body });
        expect(response.status).toBe(200);
      }
    }
    const fromStore = (await http.send(`${reader.url}/api/stats`)).json();
    const expected = embedded.stats();
    expect(fromStore.drift).toEqual(expected.drift);
    expect(fromStore.eventsByType).toEqual(expected.eventsByType);
    expect(fromStore.storedEvents).toBe(expected.storedEvents);
  });

  it('the live stream of one collector carries an event stored through another', async () => {
    const reader = await start('codex_stream');
    const writer = await start('codex_stream');
    const controller = new AbortController();
    const response = await fetch(`${reader.url}/api/stream?after=0`, { signal: controller.signal });
    const body = response.body!.getReader();
    let text = '';
    expect((await http.postEvents(writer, [hookRunEvent('thread-live', 'turn-live')])).status).toBe(200);
    const decoder = new TextDecoder();
    while (!text.includes('turn-live')) {
      const chunk = await body.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(text).toMatch(/id: \d+\ndata: .*"turn_id":"turn-live"/);
  });

  it('a request retried after its first attempt was committed collapses into the same rows', async () => {
    const collector = await start('codex_retry');
    const body = loadBody('retry', 20);
    const sender = createRetryingSender();
    try {
      await sender.send([collector.url], body);
      await sender.send([collector.url], body);
    } finally {
      await sender.close();
    }
    const check = await checkStoredExactlyOnce(serverUrl, 'codex_retry.events', keysOf(body, 20));
    expect(check).toMatchObject({ missing: [], doubled: [], extra: 0, final: 20 });
    // Both attempts wrote their rows (a background merge may already have collapsed them); reads see one of each.
    expect(check.rows).toBeGreaterThanOrEqual(20);
    expect((await http.send(`${collector.url}/api/events`)).json().total).toBe(20);
  });

  it('starts while ClickHouse is down, answers 503 with Retry-After, stores nothing twice once it is back', async () => {
    const server = clickhouse.servers[0]!;
    await server.kill();
    let collector: Collector;
    try {
      collector = await start('codex_down', { clickhouse: { url: '', requestTimeoutMs: 2000 } });
      const refused = await http.postEvents(collector, [hookRunEvent('thread-down', 'turn-down')]);
      expect(refused.status).toBe(503);
      expect(refused.json().error).toBe('store_unavailable');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(collector.stats().rejections.store_unavailable).toBe(1);
      expect(collector.stats().acceptedEvents).toBe(0);
    } finally {
      await server.restart();
    }
    const body = loadBody('down', 10);
    const sender = createRetryingSender();
    try {
      await sender.send([collector.url], body);
    } finally {
      await sender.close();
    }
    expect(await checkStoredExactlyOnce(serverUrl, 'codex_down.events', keysOf(body, 10))).toMatchObject({ missing: [], doubled: [], extra: 0 });
  }, 60_000);

  it('never shows the password of the ClickHouse URL: not in warnings, answers, stats or the CLI output', async () => {
    const server = clickhouse.servers[0]!;
    const url = `http://${plantedClickHouseUser}:${plantedClickHousePassword}@127.0.0.1:${server.httpPort}/codex_secret`;
    warnings.length = 0;
    const collector = await startCollector({ logger, clickhouse: { url, pollMs: 50, requestTimeoutMs: 2000 } });
    open.push(collector);
    expect((await http.postEvents(collector, [hookRunEvent('thread-s', 'turn-s')])).status).toBe(200);
    await server.kill();
    let answers = '';
    try {
      const refused = await http.postEvents(collector, [hookRunEvent('thread-s', 'turn-s2')]);
      expect(refused.status).toBe(503);
      answers += refused.text;
      answers += (await http.send(`${collector.url}/api/events`)).text;
      answers += (await http.send(`${collector.url}/api/rejections`)).text;
      await collector.syncStore();
    } finally {
      await server.restart();
    }
    answers += JSON.stringify(collector.stats());
    const output: string[] = [];
    const io = {
      stdout: { write: (text: string) => output.push(text) },
      stderr: { write: (text: string) => output.push(text) },
      env: { CODEX_ANALYTICS_CLICKHOUSE_URL: `http://${plantedClickHouseUser}:${plantedClickHousePassword}@127.0.0.1:1/codex_secret` },
      waitForShutdown: () => sleep(300).then(() => 'SIGTERM'),
    };
    await runCli(['--port', '0'], io);
    const everything = [answers, ...warnings, ...output].join('\n');
    expect(warnings.some((warning) => warning.includes('ClickHouse'))).toBe(true);
    expect(output.join('')).toContain(`ClickHouse http://${plantedClickHouseUser}:[redacted]@127.0.0.1:1/codex_secret`);
    expect(everything).not.toContain(plantedClickHousePassword);
  }, 60_000);

  it('--retention-days drops whole day partitions older than N days, on its timer', async () => {
    const day = 24 * 60 * 60 * 1000;
    const today = Date.now();
    let clock = today - 10 * day;
    const collector = await start('codex_retention', { now: () => clock });
    expect((await http.postEvents(collector, [hookRunEvent('thread-old', 'turn-old')])).status).toBe(200);
    clock = today - 2 * day;
    expect((await http.postEvents(collector, [hookRunEvent('thread-recent', 'turn-recent')])).status).toBe(200);
    clock = today;
    expect((await http.postEvents(collector, [hookRunEvent('thread-now', 'turn-now')])).status).toBe(200);

    const timers: (() => void)[] = [];
    let swept!: () => void;
    const firstSweep = new Promise<void>((resolve) => (swept = resolve));
    // The first sweep runs at start; the timer is armed once it is done.
    const schedule: ScheduleTimer = (callback, ms) => {
      if (ms === 60 * 60 * 1000) {
        timers.push(callback);
        swept();
      }
      return { cancel: () => undefined };
    };
    await start('codex_retention', { now: () => today, clickhouse: { url: '', retentionDays: 3, schedule } });
    await firstSweep;
    expect(timers).toHaveLength(1);
    const left = await clickHouseRows<{ turn: string }>(
      serverUrl,
      "SELECT visitParamExtractString(visitParamExtractRaw(event, 'event_params'), 'turn_id') AS turn FROM codex_retention.events ORDER BY turn",
    );
    expect(left.map((row) => row.turn)).toEqual(['turn-now', 'turn-recent']);
  });
});
