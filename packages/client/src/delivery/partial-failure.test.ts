import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { ok, status } from '../__fixtures__/fake-transport.js';
import type { TestClock } from '../__fixtures__/test-clock.js';

/** A reproducible draw in [0, 1) (mulberry32), for the jitter. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * 5,000 events tracked at once, in batches of 25 (200 requests: what events of ~20 KB make of the 512 KiB batch
 * cap), every `failEvery`th request answered 503 and the others 200, each after `latencyMs` (virtual time); then
 * `shutdown({ timeoutMs: 5000 })`. Returns the final report.
 */
async function deliverWithFailures(failEvery: number, latencyMs: number, seed: number) {
  const { options, transport, clock } = testSetup({ random: seededRandom(seed), maxBatchEvents: 25 });
  transport.respond(async (_request, index) => {
    await clock.sleep(latencyMs);
    return (index + 1) % failEvery === 0 ? status(503) : ok;
  });
  const client = new AnalyticsEventsClient(options);
  for (let index = 0; index < 5_000; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
  const shutdown = client.shutdown({ timeoutMs: 5_000 });
  await advanceUntil(clock, shutdown, 6_000);
  return { report: await shutdown, transport };
}

async function advanceUntil(clock: TestClock, promise: Promise<unknown>, limitMs: number): Promise<void> {
  let done = false;
  void promise.then(() => (done = true));
  for (let elapsed = 0; elapsed < limitMs && !done; elapsed += 10) await clock.advance(10);
}

describe('partial failure does not halve throughput: retries per batch', () => {
  for (const failEvery of [10, 5]) {
    it(`delivers all 5,000 events before a 5 s shutdown deadline with ${100 / failEvery}% of requests answered 503`, async () => {
      for (const [seed, latencyMs] of [[1, 10], [2, 50], [3, 50]] as const) {
        const { report, transport } = await deliverWithFailures(failEvery, latencyMs, seed);
        expect(report).toEqual({ sent: 5_000, failed: 0, dropped: {}, pending: 0 });
        const delivered = new Set(transport.requests.filter((_, index) => (index + 1) % failEvery !== 0).flatMap((r) => r.events.map((e) => e.seq)));
        expect(delivered.size).toBe(5_000);
      }
    });
  }
});
