import type { AppInvocation, AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from '@codex-analytics/reducer';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import type { FactReducer } from '../client-options.js';
import { FACT_SLICE_ITEMS } from './reduce-fact.js';
import { runtime, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { networkError } from '../__fixtures__/fake-transport.js';

const mentions = (count: number): AppInvocation[] =>
  Array.from({ length: count }, (_, index) => ({ connectorId: `connector_${index}`, appName: 'Calendar', invocationType: 'explicit' }));

/** The real reducer, recording how many list items each `ingest` got and how many event-loop turns had run by then. */
function slicingReducer(): FactReducer & { calls: { items: number; turn: number }[]; stop: () => void } {
  const inner = new AnalyticsReducer({ runtimeMetadata: () => runtime, gitLookup: () => Promise.resolve(undefined) });
  let turn = 0;
  let ticking = true;
  const tick = (): void => {
    turn += 1;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const calls: { items: number; turn: number }[] = [];
  return {
    calls,
    stop: () => (ticking = false),
    ingest: (fact: AnalyticsFact) => {
      calls.push({ items: fact.type === 'app_mentioned' ? fact.mentions.length : 1, turn });
      return inner.ingest(fact);
    },
  };
}

describe('pending bounds hold whatever one fact expands into', () => {
  it('keeps one 50,000-mention fact within 5,000 pending events while the server is down, counting the excess', async () => {
    const reducer = slicingReducer();
    const messages: string[] = [];
    const logger: ClientLogger = { warn: (message) => messages.push(message) };
    const { options, transport, clock } = testSetup({ reducer, maxPendingFacts: 5_000, logger });
    transport.respond(() => networkError);
    const client = new AnalyticsEventsClient(options);
    client.trackAppMentioned(tracking(), mentions(50_000));
    let peak = 0;
    for (let step = 0; step < 200 && client.stats().queuedFacts > 0; step += 1) {
      await clock.advance(100);
      peak = Math.max(peak, client.stats().bufferedEvents);
    }
    reducer.stop();
    const stats = client.stats();
    expect(stats.queuedFacts).toBe(0);
    expect(peak).toBeLessThanOrEqual(5_000);
    expect(stats.bufferedEvents).toBe(5_000);
    expect(stats.dropped).toEqual({ pending_full: 45_000 });
    expect(stats).toMatchObject({ enqueued: 50_000, reducedFacts: 1, emittedEvents: 50_000, pending: 5_000 });
    expect(messages.filter((message) => message.includes('pending bounds'))).toHaveLength(1);
  });

  it('holds the byte bound too: events past maxPendingBytes are dropped, counted', async () => {
    const { options, transport } = testSetup({
      reducer: new AnalyticsReducer({ runtimeMetadata: () => runtime }),
      maxPendingBytes: 300_000,
    });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    // The fact's estimate (~140 kB) fits the bound; its 2,000 events (~250 bytes each) do not.
    client.trackAppMentioned(tracking(), mentions(2_000));
    expect(client.stats().queuedFacts).toBe(1);
    for (let turn = 0; turn < 100 && client.stats().queuedFacts > 0; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const stats = client.stats();
    expect(stats.queuedFacts).toBe(0);
    expect(stats.bufferedBytes).toBeLessThanOrEqual(300_000);
    expect(stats.bufferedEvents + (stats.dropped.pending_full ?? 0)).toBe(2_000);
    expect(stats.dropped.pending_full).toBeGreaterThan(0);
    transport.release();
  });

  it('reduces a large list fact in slices, letting the event loop run between them', async () => {
    const reducer = slicingReducer();
    const { options } = testSetup({ reducer });
    const client = new AnalyticsEventsClient(options);
    client.trackAppMentioned(tracking(), mentions(3_000));
    const report = await client.flush();
    reducer.stop();
    expect(report).toEqual({ sent: 3_000, failed: 0, dropped: {}, pending: 0 });
    expect(reducer.calls.length).toBe(Math.ceil(3_000 / FACT_SLICE_ITEMS));
    for (const call of reducer.calls) expect(call.items).toBeLessThanOrEqual(FACT_SLICE_ITEMS);
    for (let index = 1; index < reducer.calls.length; index += 1) {
      expect(reducer.calls[index]?.turn).toBeGreaterThan(reducer.calls[index - 1]?.turn ?? Infinity);
    }
  });

  it('reports an invalid item of a sliced fact at its index in the whole fact, and sends none of it', async () => {
    const { options, transport, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const list = mentions(1_000);
    (list[700] as unknown as Record<string, unknown>).invocationType = 42;
    const paths: (string | undefined)[] = [];
    client.on('dropped', (event) => paths.push(event.path));
    client.trackAppMentioned(tracking(), list);
    expect(await client.flush()).toEqual({ sent: 0, failed: 0, dropped: { invalid_fact: 1 }, pending: 0 });
    expect(paths).toEqual(['mentions[700].invocationType']);
    expect(reducer.facts).toHaveLength(0);
    expect(transport.requests).toHaveLength(0);
  });
});
