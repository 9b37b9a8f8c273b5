import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import type { FakeTransport } from '../__fixtures__/fake-transport.js';
import { settle } from '../__fixtures__/test-clock.js';

const sizes = (transport: FakeTransport) => transport.requests.map((request) => request.events.length);

describe('batching without added latency', () => {
  it('sends a burst as one request as soon as the caller yields', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 50; index += 1) client.trackHookRun(tracking(), hook);
    expect(transport.requests).toHaveLength(0);
    await settle();
    expect(sizes(transport)).toEqual([50]);
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(sizes(transport)).toEqual([50, 1]);
  });

  it('caps each request at maxBatchEvents, in order', async () => {
    const { options, transport } = testSetup({ maxBatchEvents: 10 });
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 35; index += 1) client.trackHookRun(tracking(), hook);
    await client.flush();
    expect(sizes(transport)).toEqual([10, 10, 10, 5]);
    expect(transport.events.map((event) => event.seq)).toEqual(Array.from({ length: 35 }, (_, index) => index));
  });

  it('caps each request body at maxBatchBytes (a single larger event still goes alone)', async () => {
    const { options, transport, reducer } = testSetup({ maxBatchBytes: 400 });
    reducer.emit = (_fact, seq) => [{ event_type: 'echo', seq, pad: 'x'.repeat(seq === 7 ? 600 : 80) }];
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 12; index += 1) client.trackHookRun(tracking(), hook);
    await client.flush();
    for (const request of transport.requests) {
      if (request.events.some((event) => event.seq === 7)) expect(request.events).toHaveLength(1);
      else expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(400);
    }
    expect(transport.events.map((event) => event.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(transport.requests.length).toBeGreaterThan(3);
  });

  it('splits the events of one fact across batches when they do not fit', async () => {
    const { options, transport, reducer } = testSetup({ maxBatchEvents: 2 });
    reducer.emit = (_fact, seq) => [1, 2, 3].map((part) => ({ event_type: 'echo', seq, part }));
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await client.flush();
    expect(sizes(transport)).toEqual([2, 1]);
  });

  it('keeps at most maxInFlightRequests requests in flight', async () => {
    const { options, transport } = testSetup({ maxBatchEvents: 1, maxInFlightRequests: 2 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 5; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(2);
    expect(client.stats().inFlightRequests).toBe(2);
    transport.release();
    transport.hold();
    await settle();
    expect(transport.requests).toHaveLength(4);
    transport.release();
    expect((await client.flush()).sent).toBe(5);
    expect(transport.requests).toHaveLength(5);
  });

  it('sends fewer, larger requests when busy', async () => {
    const { options, transport } = testSetup({ maxInFlightRequests: 1 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    for (let round = 0; round < 4; round += 1) {
      for (let index = 0; index < 5; index += 1) client.trackHookRun(tracking(), hook);
      await settle();
    }
    expect(sizes(transport)).toEqual([1]);
    transport.release();
    await client.flush();
    expect(sizes(transport)).toEqual([1, 20]);
  });

  it('keeps reducing while every request slot is taken, so full batches are ready when one frees', async () => {
    const { options, transport } = testSetup({ maxBatchEvents: 10, maxInFlightRequests: 1 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 45; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    // One request of 10 in flight; the other 35 facts are already reduced and batched, none waits in the queue.
    expect(sizes(transport)).toEqual([10]);
    expect(client.stats()).toMatchObject({ queuedFacts: 0, bufferedEvents: 45, inFlightRequests: 1 });
    transport.release();
    await client.flush();
    expect(sizes(transport)).toEqual([10, 10, 10, 10, 5]);
    expect(transport.events.map((event) => event.seq)).toEqual(Array.from({ length: 45 }, (_, index) => index));
  });
});
