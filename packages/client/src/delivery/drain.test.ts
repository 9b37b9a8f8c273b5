import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { settle } from '../__fixtures__/test-clock.js';

describe('backpressure: needsDrain, drained() and the drain event', () => {
  it('turns on at half the pending bound and off again at a quarter, with one drain event', async () => {
    const { options, transport } = testSetup({ maxPendingFacts: 100, maxBatchEvents: 10, maxInFlightRequests: 1 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    const drains: number[] = [];
    client.on('drain', (event) => drains.push(event.pending));
    for (let index = 0; index < 49; index += 1) client.trackHookRun(tracking(), hook);
    expect(client.needsDrain).toBe(false);
    client.trackHookRun(tracking(), hook);
    expect(client.needsDrain).toBe(true);
    let drained = false;
    void client.drained().then(() => {
      drained = true;
    });
    await settle();
    expect(drained).toBe(false);
    transport.release();
    await client.flush();
    expect(drained).toBe(true);
    expect(client.needsDrain).toBe(false);
    expect(drains).toHaveLength(1);
    expect(drains[0]).toBeLessThanOrEqual(25);
    await expect(client.drained()).resolves.toBeUndefined();
  });

  it('lets a producer that waits on it push far more than the bound without a single drop', async () => {
    const { options, transport } = testSetup({ maxPendingFacts: 200, maxBatchEvents: 20, maxInFlightRequests: 2 });
    transport.respond(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { status: 'success', statusCode: 200, headers: {}, body: '' };
    });
    const client = new AnalyticsEventsClient(options);
    let waits = 0;
    for (let index = 0; index < 5_000; index += 1) {
      client.trackHookRun(tracking(), hook);
      if (client.needsDrain) {
        waits += 1;
        await client.drained();
      }
    }
    const report = await client.shutdown({ timeoutMs: 60_000 });
    expect(waits).toBeGreaterThan(0);
    expect(report.dropped).toEqual({});
    expect(report.sent).toBe(5_000);
  });

  it('releases a waiting producer when the client shuts down, even with nothing delivered', async () => {
    const { options, transport, clock } = testSetup({ maxPendingFacts: 10 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 6; index += 1) client.trackHookRun(tracking(), hook);
    expect(client.needsDrain).toBe(true);
    const waiting = client.drained();
    const shutdown = client.shutdown({ timeoutMs: 10 });
    await clock.advance(10);
    await shutdown;
    await expect(waiting).resolves.toBeUndefined();
    expect(client.needsDrain).toBe(false);
  });

  it('never asks a disabled client’s producer to wait', async () => {
    const client = AnalyticsEventsClient.disabled();
    expect(client.needsDrain).toBe(false);
    await expect(client.drained()).resolves.toBeUndefined();
  });
});
