import { findUnknownWireKeys, trackEventRequestSchema, wireEraSchemas } from '@codex-analytics/events';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { silentLogger } from './client-logger.js';
import type { AnalyticsEventsClientOptions } from './client-options.js';
import { chatgptAuth, hook, runtime, tracking } from './__fixtures__/fixtures.js';
import { FakeTransport } from './__fixtures__/fake-transport.js';
import { playSession } from './__fixtures__/session.js';
import { downBaseUrl, startTestServer } from './__fixtures__/test-server.js';
import type { TestServer } from './__fixtures__/test-server.js';

// Real HTTP on 127.0.0.1 through the default transport (undici) and the default reducer. Time bounds below are
// hang guards only; nothing asserts how fast delivery is.
const HANG_GUARD_MS = 5_000;

let server: TestServer | undefined;
let client: AnalyticsEventsClient | undefined;

afterEach(async () => {
  await client?.shutdown({ timeoutMs: 100 });
  client = undefined;
  await server?.close();
  server = undefined;
});

function options(baseUrl: string, overrides: Partial<AnalyticsEventsClientOptions> = {}): AnalyticsEventsClientOptions {
  return {
    authManager: chatgptAuth(),
    baseUrl,
    logger: silentLogger,
    runtimeMetadata: runtime,
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    // These tests pin the seed era's exact wire; the default (today's format) has its own test below.
    wireEra: 'seed',
    ...overrides,
  };
}

/** One hook-run fact per turn id, so every event on the wire can be told apart. */
function trackHookRuns(target: AnalyticsEventsClient, from: number, count: number): void {
  for (let index = from; index < from + count; index += 1) target.trackHookRun(tracking(`turn-${index}`), hook);
}

function turnIds(events: Record<string, unknown>[]): string[] {
  return events.map((event) => (event.event_params as { turn_id: string }).turn_id);
}

describe('AnalyticsEventsClient over real HTTP', () => {
  it('sends today\'s wire format by default: the same session, every event valid in the current era, none in the seed\'s strict one where today\'s keys differ', async () => {
    server = await startTestServer();
    const { wireEra: _seed, ...defaults } = options(server.baseUrl);
    client = new AnalyticsEventsClient(defaults);
    playSession(client);
    const report = await client.shutdown({ timeoutMs: HANG_GUARD_MS });
    const events = server.accepted();
    expect(report).toEqual({ sent: events.length, failed: 0, dropped: {}, pending: 0 });
    for (const event of events) {
      expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(findUnknownWireKeys(event, 'current')).toEqual([]);
    }
    const thread = events.find((event) => event.event_type === 'codex_thread_initialized')!;
    expect(Object.keys(thread.event_params as object)).toContain('session_id');
    expect(trackEventRequestSchema.safeParse(thread).success).toBe(false);
  });

  it('delivers a realistic session whole: the reducer events, in order, valid on the wire, with the seed headers', async () => {
    server = await startTestServer();
    // The same session through the same reducer, into a recording transport: what the wire must carry.
    const recording = new FakeTransport();
    const reference = new AnalyticsEventsClient({ ...options('http://unused/'), transport: recording });
    playSession(reference);
    await reference.shutdown();

    client = new AnalyticsEventsClient(options(server.baseUrl));
    playSession(client);
    const report = await client.shutdown({ timeoutMs: HANG_GUARD_MS });

    const events = server.accepted();
    expect(events).toEqual(recording.events);
    expect(report).toEqual({ sent: events.length, failed: 0, dropped: {}, pending: 0 });
    for (const event of events) expect(trackEventRequestSchema.safeParse(event).success).toBe(true);
    expect(new Set(events.map((event) => event.event_type))).toEqual(
      new Set([
        'codex_thread_initialized',
        'skill_invocation',
        'codex_app_mentioned',
        'codex_app_used',
        'codex_hook_run',
        'codex_plugin_used',
        'codex_compaction_event',
        'codex_guardian_review',
        'codex_turn_event',
        'codex_plugin_installed',
      ]),
    );
    expect(events.filter((event) => event.event_type === 'codex_app_used')).toHaveLength(1);
    const request = server.received[0];
    expect(request?.url).toBe('/backend-api/codex/analytics-events/events');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      'chatgpt-account-id': 'account-1',
      'content-type': 'application/json',
    });
    expect(request?.headers['x-openai-fedramp']).toBeUndefined();
  });

  it('loses nothing and duplicates nothing when the server fails its first five requests with 500', async () => {
    server = await startTestServer((index) => ({ statusCode: index < 5 ? 500 : 200 }));
    client = new AnalyticsEventsClient(options(server.baseUrl, { initialBackoffMs: 5, maxBackoffMs: 20, maxBatchEvents: 50 }));
    trackHookRuns(client, 0, 100);
    await new Promise<void>((resolve) => setImmediate(resolve));
    trackHookRuns(client, 100, 100);
    const report = await client.shutdown({ timeoutMs: HANG_GUARD_MS });
    expect(server.received.filter((request) => request.statusCode === 500)).toHaveLength(5);
    expect(report).toEqual({ sent: 200, failed: 0, dropped: {}, pending: 0 });
    const delivered = turnIds(server.accepted());
    expect(delivered).toHaveLength(200);
    expect(new Set(delivered).size).toBe(200);
  });

  it('honours Retry-After on a 429', async () => {
    server = await startTestServer((index) =>
      index === 0 ? { statusCode: 429, headers: { 'retry-after': '1' } } : { statusCode: 200 },
    );
    client = new AnalyticsEventsClient(options(server.baseUrl, { initialBackoffMs: 5 }));
    const retries: Array<{ delayMs: number; retryAfterMs?: number; statusCode?: number }> = [];
    client.on('retry', (event) => retries.push(event));
    trackHookRuns(client, 0, 3);
    const report = await client.shutdown({ timeoutMs: HANG_GUARD_MS });
    expect(report).toEqual({ sent: 3, failed: 0, dropped: {}, pending: 0 });
    // The one retry waited for the server's Retry-After (1 s), not for the 5 ms backoff.
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ statusCode: 429, retryAfterMs: 1_000 });
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1_000);
    expect(server.received.map((request) => request.statusCode)).toEqual([429, 200]);
  });

  it('returns from shutdown by its deadline when the server is down, with the right counts', async () => {
    client = new AnalyticsEventsClient(options(await downBaseUrl()));
    const retries: number[] = [];
    client.on('retry', (event) => retries.push(event.attempt));
    trackHookRuns(client, 0, 100);
    const started = Date.now();
    const report = await client.shutdown({ timeoutMs: 2_000 });
    expect(Date.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(report).toEqual({ sent: 0, failed: 0, dropped: {}, pending: 100 });
    expect(retries.length).toBeGreaterThan(0);
    expect(client.stats()).toMatchObject({ inFlightRequests: 0, pending: 100 });
  });

  it('keeps memory within its bounds against a slow server while the caller keeps tracking', async () => {
    server = await startTestServer(() => ({ statusCode: 200, delayMs: 200 }));
    const limits = { maxPendingFacts: 2_000, maxPendingBytes: 1_000_000, maxBatchEvents: 100, maxInFlightRequests: 2 };
    client = new AnalyticsEventsClient(options(server.baseUrl, limits));
    let tracked = 0;
    for (let round = 0; round < 30; round += 1) {
      trackHookRuns(client, tracked, 500);
      tracked += 500;
      await new Promise<void>((resolve) => setImmediate(resolve));
      const stats = client.stats();
      expect(stats.queuedFacts + stats.bufferedEvents).toBeLessThanOrEqual(limits.maxPendingFacts);
      expect(stats.queuedBytes + stats.bufferedBytes).toBeLessThanOrEqual(limits.maxPendingBytes);
      expect(stats.inFlightRequests).toBeLessThanOrEqual(limits.maxInFlightRequests);
    }
    const report = await client.shutdown({ timeoutMs: 15_000 });
    const dropped = report.dropped.queue_full ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(report.sent + dropped).toBe(tracked);
    expect(report).toMatchObject({ failed: 0, pending: 0 });
    expect(server.accepted()).toHaveLength(report.sent);
  });
});
