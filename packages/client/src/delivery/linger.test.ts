import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { DEFAULT_CLIENT_LIMITS } from '../client-limits.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import type { FakeTransport } from '../__fixtures__/fake-transport.js';
import { settle } from '../__fixtures__/test-clock.js';

const sizes = (transport: FakeTransport) => transport.requests.map((request) => request.events.length);

describe('the linger', () => {
  it('holds a partly filled batch for lingerMs from its first event, so a trickle goes out together', async () => {
    const { options, transport, clock } = testSetup({ lingerMs: 20 });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(0);
    for (let ms = 0; ms < 19; ms += 1) {
      await clock.advance(1);
      if (ms % 5 === 0) client.trackHookRun(tracking(), hook);
    }
    expect(transport.requests).toHaveLength(0);
    await clock.advance(1);
    expect(sizes(transport)).toEqual([5]);
    // The next event opens a new batch with its own linger.
    client.trackHookRun(tracking(), hook);
    await clock.advance(19);
    expect(sizes(transport)).toEqual([5]);
    await clock.advance(1);
    expect(sizes(transport)).toEqual([5, 1]);
  });

  it('sends a full batch at once, whatever the linger', async () => {
    const { options, transport } = testSetup({ lingerMs: 1_000, maxBatchEvents: 10 });
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 25; index += 1) client.trackHookRun(tracking(), hook);
    await settle();
    expect(sizes(transport)).toEqual([10, 10]);
  });

  it('never makes flush or shutdown wait for it', async () => {
    const { options, transport } = testSetup({ lingerMs: 1_000 });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(transport.requests).toHaveLength(0);
    expect((await client.flush()).sent).toBe(1);
    client.trackHookRun(tracking(), hook);
    client.trackHookRun(tracking(), hook);
    expect((await client.shutdown()).sent).toBe(3);
    expect(sizes(transport)).toEqual([1, 2]);
  });

  it('sends every event of an idle client within the linger, whatever the arrival times (virtual clock)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }), async (lingerMs, gaps) => {
        const { options, transport, clock } = testSetup({ lingerMs });
        const client = new AnalyticsEventsClient(options);
        const sentAt: number[] = [];
        client.on('sent', (event) => {
          for (let index = 0; index < event.events; index += 1) sentAt.push(clock.now());
        });
        const trackedAt: number[] = [];
        for (const gap of gaps) {
          await clock.advance(gap);
          trackedAt.push(clock.now());
          client.trackHookRun(tracking(), hook);
        }
        await clock.advance(lingerMs);
        expect(sentAt).toHaveLength(gaps.length);
        for (let index = 0; index < gaps.length; index += 1) {
          expect(sentAt[index]! - trackedAt[index]!).toBeLessThanOrEqual(lingerMs);
        }
        expect(transport.requests.length).toBeLessThanOrEqual(gaps.length);
        await client.shutdown();
      }),
      { numRuns: 40 },
    );
  });

  it('is bounded and configurable: by default a lone event waits the default linger, 0 sends at once, more than 1000 ms is refused', async () => {
    const { options: defaults, transport: defaultTransport, clock } = testSetup({ lingerMs: undefined });
    const lone = new AnalyticsEventsClient(defaults);
    lone.trackHookRun(tracking(), hook);
    await clock.advance(DEFAULT_CLIENT_LIMITS.lingerMs - 1);
    expect(defaultTransport.requests).toHaveLength(0);
    await clock.advance(1);
    expect(sizes(defaultTransport)).toEqual([1]);
    await lone.shutdown();
    const { options } = testSetup();
    expect(() => new AnalyticsEventsClient({ ...options, lingerMs: 1_000 })).not.toThrow();
    expect(() => new AnalyticsEventsClient({ ...options, lingerMs: 1_001 })).toThrow(RangeError);
    expect(() => new AnalyticsEventsClient({ ...options, lingerMs: -1 })).toThrow(RangeError);
    const { options: immediate, transport } = testSetup({ lingerMs: 0 });
    const client = new AnalyticsEventsClient(immediate);
    client.trackHookRun(tracking(), hook);
    await settle();
    expect(sizes(transport)).toEqual([1]);
  });
});
