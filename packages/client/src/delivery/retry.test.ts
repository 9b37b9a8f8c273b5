import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import type { FailedEvent, RetryEvent } from '../client-events.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { networkError, ok, status } from '../__fixtures__/fake-transport.js';
import type { FakeTransport } from '../__fixtures__/fake-transport.js';
import { settle } from '../__fixtures__/test-clock.js';

const firstSeqs = (transport: FakeTransport) => transport.requests.map((request) => request.events[0]?.seq);

describe('retries', () => {
  it('retries a 503 after a full-jitter backoff and delivers once', async () => {
    // random 0.5: the first backoff is floor(0.5 * 250) = 125 ms.
    const { options, transport, clock } = testSetup();
    transport.respond([status(503)]);
    const client = new AnalyticsEventsClient(options);
    const retries: RetryEvent[] = [];
    client.on('retry', (event) => retries.push(event));
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(1);
    expect(retries).toEqual([{ events: 1, attempt: 1, delayMs: 125, statusCode: 503, retryAfterMs: undefined, error: undefined }]);
    await clock.advance(124);
    expect(transport.requests).toHaveLength(1);
    expect(client.stats().pending).toBe(1);
    await clock.advance(1);
    expect(transport.requests).toHaveLength(2);
    expect(client.stats()).toMatchObject({ sent: 1, pending: 0, retries: 1, requests: 2 });
  });

  it('retries network errors with growing backoff until they succeed', async () => {
    const { options, transport, clock } = testSetup();
    transport.respond([networkError, networkError, networkError, ok]);
    const client = new AnalyticsEventsClient(options);
    const delays: number[] = [];
    client.on('retry', (event) => delays.push(event.delayMs));
    client.trackHookRun(tracking(), hook);
    await clock.advance(10_000);
    expect(delays).toEqual([125, 250, 500]);
    expect(transport.requests).toHaveLength(4);
    expect(client.stats().sent).toBe(1);
  });

  it('honours Retry-After (429) even when the jitter is shorter, up to maxRetryAfterMs', async () => {
    const { options, transport, clock } = testSetup({ maxRetryAfterMs: 5_000 });
    transport.respond([status(429, 2_000), status(503, 3_600_000)]);
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await clock.advance(1_999);
    expect(transport.requests).toHaveLength(1);
    await clock.advance(1);
    expect(transport.requests).toHaveLength(2);
    await clock.advance(4_999);
    expect(transport.requests).toHaveLength(2);
    await clock.advance(1);
    expect(transport.requests).toHaveLength(3);
    expect(client.stats().sent).toBe(1);
  });

  it('backs off a failed batch alone while the other batches go on', async () => {
    const { options, transport, clock } = testSetup({ maxBatchEvents: 2 });
    transport.respond([status(503)]);
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 6; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    expect(firstSeqs(transport)).toEqual([0, 2, 4]);
    transport.release();
    client.trackHookRun(tracking(), hook);
    client.trackHookRun(tracking(), hook);
    await settle();
    // The newer batch does not wait for the failed one's backoff (125 ms).
    expect(firstSeqs(transport)).toEqual([0, 2, 4, 6]);
    expect(client.stats()).toMatchObject({ sent: 6, pending: 2 });
    await clock.advance(124);
    expect(transport.requests).toHaveLength(4);
    await clock.advance(1);
    expect(firstSeqs(transport)).toEqual([0, 2, 4, 6, 0]);
    expect(client.stats()).toMatchObject({ sent: 8, failed: 0, pending: 0 });
  });

  it('pauses every send during an outage (five retryable results in a row), probes one request at a time, then resends in order', async () => {
    const { options, transport, clock } = testSetup({ maxBatchEvents: 2 });
    transport.respond((_request, index) => (index < 5 ? status(503) : ok));
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 10; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    expect(firstSeqs(transport)).toEqual([0, 2, 4, 6]);
    transport.release();
    await settle();
    // Four failures back off their own batches; the fifth batch fails too: an outage, everything paused
    // for floor(0.5 * 250) = 125 ms.
    expect(firstSeqs(transport)).toEqual([0, 2, 4, 6, 8]);
    await clock.advance(124);
    expect(transport.requests).toHaveLength(5);
    transport.hold();
    await clock.advance(1);
    // One probe, the oldest batch, while the outage is on.
    expect(firstSeqs(transport)).toEqual([0, 2, 4, 6, 8, 0]);
    expect(transport.heldCount).toBe(1);
    transport.release();
    await settle();
    expect(firstSeqs(transport).slice(6)).toEqual([2, 4, 6, 8]);
    expect(client.stats()).toMatchObject({ sent: 10, failed: 0, pending: 0, retries: 5 });
  });

  it('a Retry-After pauses every batch, not only the one that got it', async () => {
    const { options, transport, clock } = testSetup({ maxBatchEvents: 1 });
    transport.respond([status(429, 2_000)]);
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(2);
    transport.release();
    await settle();
    client.trackHookRun(tracking(), hook);
    await clock.advance(1_999);
    expect(firstSeqs(transport)).toEqual([0, 1]);
    await clock.advance(1);
    expect(client.stats()).toMatchObject({ sent: 3, pending: 0 });
  });

  it('warns once per outage, with a count line when it ends, and not for isolated retries', async () => {
    const messages: string[] = [];
    const logger: ClientLogger = { warn: (message) => messages.push(message) };
    const { options, transport, clock } = testSetup({ logger });
    const outage = (last: number) => [status(503), status(502), status(500), status(503), status(last)];
    transport.respond([status(503), ok, ...outage(504), status(503), ok, ...outage(503)]);
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await clock.advance(10_000);
    expect(messages).toEqual([]);
    client.trackHookRun(tracking(), hook);
    await clock.advance(10_000);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('status 504');
    expect(messages[1]).toMatch(/^analytics backend unavailable since \S+Z: 2 failed attempts$/);
    client.trackHookRun(tracking(), hook);
    await clock.advance(10_000);
    expect(messages).toHaveLength(3);
    await client.shutdown();
    expect(messages).toHaveLength(3);
    expect(client.stats()).toMatchObject({ sent: 3, pending: 0 });
  });
});

describe('final statuses', () => {
  it('splits a batch on 413 and resends the halves', async () => {
    const { options, transport } = testSetup();
    transport.respond((request) => (request.events.length > 2 ? status(413) : ok));
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 5; index += 1) client.trackHookRun(tracking(), hook);
    const report = await client.flush();
    expect(transport.requests.map((request) => request.events.length)).toEqual([5, 3, 2, 2, 1]);
    expect(report).toEqual({ sent: 5, failed: 0, dropped: {}, pending: 0 });
    expect(transport.requests.slice(3).flatMap((request) => request.events.map((event) => event.seq))).toEqual([0, 1, 2]);
  });

  it('fails a single event that still gets 413 (too_large)', async () => {
    const { options, transport } = testSetup();
    transport.respond(() => status(413));
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    const report = await client.flush();
    expect(report).toEqual({ sent: 0, failed: 1, dropped: {}, pending: 0 });
    expect(client.stats().failedByReason).toEqual({ too_large: 1 });
  });

  it('isolates the bad event of a 400 by splitting, and delivers the others', async () => {
    const { options, transport } = testSetup();
    transport.respond((request) => (request.events.some((event) => event.seq === 2) ? status(400) : ok));
    const client = new AnalyticsEventsClient(options);
    const failed: FailedEvent[] = [];
    client.on('failed', (event) => failed.push(event));
    for (let index = 0; index < 4; index += 1) client.trackHookRun(tracking(), hook);
    const report = await client.flush();
    expect(report).toEqual({ sent: 3, failed: 1, dropped: {}, pending: 0 });
    expect(client.stats().failedByReason).toEqual({ rejected: 1 });
    expect(failed).toEqual([{ reason: 'rejected', events: 1, statusCode: 400, message: 'status 400: nope' }]);
    expect(transport.requests.map((request) => request.events.map((event) => event.seq))).toEqual([[0, 1, 2, 3], [0, 1], [2, 3], [2], [3]]);
  });

  it('fails other 4xx at once without retrying', async () => {
    const { options, transport } = testSetup();
    transport.respond([status(403), status(501)]);
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    client.trackHookRun(tracking(), hook);
    expect(await client.flush()).toEqual({ sent: 0, failed: 2, dropped: {}, pending: 0 });
    client.trackHookRun(tracking(), hook);
    expect(await client.flush()).toEqual({ sent: 0, failed: 3, dropped: {}, pending: 0 });
    expect(client.stats()).toMatchObject({ failedByReason: { http_error: 3 }, retries: 0, requests: 2 });
  });

  it('fails a batch whose transport throws (transport_error), and keeps going', async () => {
    const { options, transport } = testSetup();
    transport.respond((_request, index) => {
      if (index === 0) throw new Error('broken transport');
      return ok;
    });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    expect(await client.flush()).toMatchObject({ failed: 1 });
    client.trackHookRun(tracking(), hook);
    expect(await client.flush()).toMatchObject({ sent: 1, failed: 1 });
    expect(client.stats().failedByReason).toEqual({ transport_error: 1 });
  });
});

describe('an injected clock that does not move', () => {
  it('still ends a backoff once its sleep has been served', async () => {
    const { options, transport, clock } = testSetup({ now: () => 0 });
    transport.respond([status(503), status(503)]);
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await clock.advance(1_000);
    expect(transport.requests).toHaveLength(3);
    expect(client.stats().sent).toBe(1);
  });
});

describe('a zero backoff draw', () => {
  it('still waits for a timer (1 ms) before resending', async () => {
    const { options, transport, clock } = testSetup({ random: () => 0 });
    transport.respond([status(503)]);
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(1);
    await clock.advance(1);
    expect(transport.requests).toHaveLength(2);
  });
});
