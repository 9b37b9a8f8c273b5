import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import type { DroppedEvent } from '../client-events.js';
import { estimateHeapBytes } from './estimate-heap-bytes.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { status } from '../__fixtures__/fake-transport.js';
import { settle } from '../__fixtures__/test-clock.js';

function recordingLogger(): ClientLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => messages.push(message) };
}

describe('the bounded queue', () => {
  it('absorbs a synchronous burst of 10,000 track* calls with the default bounds and loses nothing', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 10_000; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    expect(client.stats().queuedFacts).toBe(10_000);
    const report = await client.flush();
    expect(report).toEqual({ sent: 10_000, failed: 0, dropped: {}, pending: 0 });
    expect(transport.events.map((event) => event.seq)).toEqual(Array.from({ length: 10_000 }, (_, index) => index));
  });

  it('drops new facts when full, counts queue_full, and warns once per burst', async () => {
    const logger = recordingLogger();
    const { options, reducer, clock } = testSetup({ maxPendingFacts: 5, logger });
    const client = new AnalyticsEventsClient(options);
    const dropped: DroppedEvent[] = [];
    client.on('dropped', (event) => dropped.push(event));
    for (let index = 0; index < 12; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    expect(client.stats().dropped).toEqual({ queue_full: 7 });
    expect(logger.messages.filter((message) => message.includes('queue is full'))).toHaveLength(1);
    expect(dropped).toHaveLength(7);
    expect(dropped[0]).toEqual({ reason: 'queue_full', count: 1, unit: 'fact' });
    await client.flush();
    // The first five (the oldest) were kept: drop-newest.
    expect(reducer.facts.map((fact) => fact.type === 'hook_run' && fact.tracking.turnId)).toEqual([
      'turn-0',
      'turn-1',
      'turn-2',
      'turn-3',
      'turn-4',
    ]);
    // Full again before the condition had been absent for a minute: the same episode (hysteresis), no new line.
    for (let index = 0; index < 12; index += 1) client.trackHookRun(tracking(), hook);
    expect(logger.messages.filter((message) => message.includes('queue is full'))).toHaveLength(1);
    await client.flush();
    // Absent for a minute: the episode ends with its count line, and the next burst starts a new one.
    await clock.advance(60_000);
    for (let index = 0; index < 12; index += 1) client.trackHookRun(tracking(), hook);
    expect(logger.messages.filter((message) => message.includes('queue is full'))).toHaveLength(2);
    expect(logger.messages).toContainEqual(expect.stringMatching(/^14 analytics facts dropped since \S+Z: the queue was full$/));
    expect((await client.flush()).dropped).toEqual({ queue_full: 21 });
  });

  // Issue 21, finding 7: 3 s of continuous overload printed 215 lines, because every accepted fact ended the episode.
  // The invariant: under any sustained overload the queue_full condition logs at most three lines a minute, and the
  // count lines (with the first line of a lone drop) add up to every drop.
  it('sustained overload for five minutes: at most three queue_full lines a minute, and every drop in a count', async () => {
    const lines: { at: number; text: string }[] = [];
    const { options, clock } = testSetup({ maxPendingFacts: 20 });
    const client = new AnalyticsEventsClient({ ...options, logger: { warn: (text) => lines.push({ at: clock.time, text }) } });
    for (let tick = 0; tick < 5 * 60 * 10; tick += 1) {
      // 100 ms ticks: 40 facts each (twice what the queue holds), so each tick both accepts and drops.
      for (let index = 0; index < 40; index += 1) client.trackHookRun(tracking(`turn-${tick}-${index}`), hook);
      await clock.advance(100);
    }
    const report = await client.shutdown();
    const queueLines = lines.filter(({ text }) => text.includes('queue'));
    for (let index = 0; index + 3 < queueLines.length; index += 1) {
      expect(queueLines[index + 3]!.at - queueLines[index]!.at).toBeGreaterThanOrEqual(60_000);
    }
    expect(queueLines.length).toBeLessThanOrEqual(7);
    const counted = queueLines
      .map(({ text }) => /^([\d,]+) analytics facts dropped since/.exec(text)?.[1])
      .filter((count) => count !== undefined)
      .reduce((sum, count) => sum + Number(count.replaceAll(',', '')), 0);
    expect(report.dropped.queue_full).toBeGreaterThan(0);
    expect(counted).toBe(report.dropped.queue_full);
  });

  it('bounds the queue in bytes (the heap a fact holds, estimated), and drops a fact larger than the bound', async () => {
    const factBytes = estimateHeapBytes({ type: 'hook_run', tracking: tracking('turn-00'), hook });
    const { options } = testSetup({ maxPendingBytes: factBytes * 3 + 1 });
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 10; index += 1) client.trackHookRun(tracking(`turn-0${index}`), hook);
    const stats = client.stats();
    expect(stats.queuedFacts).toBe(3);
    expect(stats.queuedBytes).toBeLessThanOrEqual(factBytes * 3 + 1);
    expect(stats.dropped).toEqual({ queue_full: 7 });
    await client.flush();
    client.trackHookRun({ ...tracking(), turnId: 'x'.repeat(factBytes * 4) }, hook);
    expect(client.stats().dropped).toEqual({ queue_full: 8 });
    expect((await client.flush()).sent).toBe(3);
  });

  it('counts events in flight toward the bound', async () => {
    const { options, transport } = testSetup({ maxPendingFacts: 10, maxBatchEvents: 5, maxInFlightRequests: 1 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 10; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    const stats = client.stats();
    expect(stats.inFlightRequests).toBe(1);
    expect(stats.queuedFacts + stats.bufferedEvents).toBe(10);
    client.trackHookRun(tracking(), hook);
    expect(client.stats().dropped).toEqual({ queue_full: 1 });
    transport.release();
    expect(await client.flush()).toEqual({ sent: 10, failed: 0, dropped: { queue_full: 1 }, pending: 0 });
  });

  it('stays within its bounds while the backend keeps failing, whatever the caller does', async () => {
    const { options, transport, clock } = testSetup({ maxPendingFacts: 50, maxPendingBytes: 1_000_000, maxBatchEvents: 10 });
    transport.respond(() => status(503));
    const client = new AnalyticsEventsClient(options);
    for (let round = 0; round < 20; round += 1) {
      for (let index = 0; index < 10; index += 1) client.trackHookRun(tracking(), hook);
      await clock.advance(1_000);
      const stats = client.stats();
      expect(stats.queuedFacts + stats.bufferedEvents).toBeLessThanOrEqual(50);
      expect(stats.inFlightRequests).toBeLessThanOrEqual(4);
    }
    const stats = client.stats();
    // 200 facts recorded: 50 held, 150 dropped at once.
    expect(stats.enqueued).toBe(200);
    expect(stats.pending).toBe(50);
    expect(stats.dropped).toEqual({ queue_full: 150 });
    expect(stats.sent).toBe(0);
    expect(stats.retries).toBeGreaterThan(5);
  });
});
