import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { ClientEmitter } from '../client-events.js';
import { DEFAULT_CLIENT_LIMITS } from '../client-limits.js';
import { silentLogger } from '../client-logger.js';
import { DeliveryPipeline } from './delivery-pipeline.js';
import { chatgptAuth, hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { EchoReducer } from '../__fixtures__/fake-reducer.js';
import { FakeTransport, status } from '../__fixtures__/fake-transport.js';
import { settle, TestClock } from '../__fixtures__/test-clock.js';

describe('flush', () => {
  it('resolves at once when nothing is pending', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    await expect(client.flush()).resolves.toEqual({ sent: 0, failed: 0, dropped: {}, pending: 0 });
  });

  it('waits for what was enqueued before the call, not for what came after', async () => {
    const { options, transport } = testSetup({ maxInFlightRequests: 1 });
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking('a'), hook);
    await settle();
    let flushed = false;
    const flushing = client.flush().then((report) => {
      flushed = true;
      return report;
    });
    client.trackHookRun(tracking('b'), hook);
    await settle();
    expect(flushed).toBe(false);
    transport.release();
    transport.hold();
    const report = await flushing;
    expect(report).toEqual({ sent: 1, failed: 0, dropped: {}, pending: 1 });
    await settle();
    expect(transport.requests).toHaveLength(2);
    transport.release();
    expect(await client.flush()).toEqual({ sent: 2, failed: 0, dropped: {}, pending: 0 });
  });

  it('shares the work between concurrent flushes', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 10; index += 1) client.trackHookRun(tracking(), hook);
    const [first, second, third] = await Promise.all([client.flush(), client.flush(), client.flush()]);
    expect(first).toEqual({ sent: 10, failed: 0, dropped: {}, pending: 0 });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(transport.requests).toHaveLength(1);
  });

  it('resolves at its timeout with what is still pending', async () => {
    const { options, transport, clock } = testSetup();
    transport.respond(() => status(503));
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    let report: unknown;
    void client.flush({ timeoutMs: 1_000 }).then((value) => (report = value));
    await clock.advance(999);
    expect(report).toBeUndefined();
    await clock.advance(1);
    expect(report).toEqual({ sent: 0, failed: 0, dropped: {}, pending: 1 });
  });
});

describe('shutdown', () => {
  it('delivers what is pending, reports, and is idempotent', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 3; index += 1) client.trackHookRun(tracking(), hook);
    const first = client.shutdown();
    const second = client.shutdown({ timeoutMs: 1 });
    expect(second).toBe(first);
    expect(await first).toEqual({ sent: 3, failed: 0, dropped: {}, pending: 0 });
    expect(transport.closed).toBe(0);
  });

  it('counts track* after shutdown as a no-op with reason shutdown', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    const shutting = client.shutdown();
    client.trackHookRun(tracking(), hook);
    expect(await shutting).toEqual({ sent: 1, failed: 0, dropped: { shutdown: 1 }, pending: 0 });
    client.trackAppUsed(tracking(), { connectorId: 'c', appName: null, invocationType: null });
    expect(client.stats().dropped).toEqual({ shutdown: 2 });
    expect(reducer.facts).toHaveLength(1);
    await expect(client.flush()).resolves.toEqual({ sent: 1, failed: 0, dropped: { shutdown: 2 }, pending: 0 });
  });

  it('gives up retrying at its deadline and reports the rest as pending', async () => {
    const { options, transport, clock } = testSetup();
    transport.respond(() => status(503));
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 4; index += 1) client.trackHookRun(tracking(), hook);
    let report: unknown;
    void client.shutdown({ timeoutMs: 2_000 }).then((value) => (report = value));
    await clock.advance(1_999);
    expect(report).toBeUndefined();
    const attempts = transport.requests.length;
    expect(attempts).toBeGreaterThan(1);
    await clock.advance(1);
    expect(report).toEqual({ sent: 0, failed: 0, dropped: {}, pending: 4 });
    await clock.advance(60_000);
    expect(transport.requests).toHaveLength(attempts);
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts requests still in flight at the deadline', async () => {
    const { options, transport, clock } = testSetup();
    transport.hold();
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    const shutting = client.shutdown({ timeoutMs: 500 });
    await clock.advance(500);
    expect(transport.requests[0]?.signal?.aborted).toBe(true);
    expect(await shutting).toEqual({ sent: 0, failed: 0, dropped: {}, pending: 1 });
    expect(client.stats()).toMatchObject({ pending: 1, failed: 0, inFlightRequests: 0 });
  });

  it('closes a transport it owns', async () => {
    const clock = new TestClock();
    const transport = new FakeTransport();
    const pipeline = new DeliveryPipeline({
      authManager: chatgptAuth(),
      transport,
      ownsTransport: true,
      url: 'https://chatgpt.example/codex/analytics-events/events',
      reducer: new EchoReducer(),
      limits: DEFAULT_CLIENT_LIMITS,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      logger: silentLogger,
      emitter: new ClientEmitter(() => undefined),
    });
    pipeline.enqueue({ type: 'hook_run', tracking: tracking(), hook });
    expect(await pipeline.shutdown(1_000)).toEqual({ sent: 1, failed: 0, dropped: {}, pending: 0 });
    expect(transport.closed).toBe(1);
  });
});
