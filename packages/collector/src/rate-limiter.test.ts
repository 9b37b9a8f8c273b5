import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { Collector } from './collector-options.js';
import { createRateLimiter } from './rate-limiter.js';
import { startCollector } from './start-collector.js';

describe('createRateLimiter', () => {
  it('never lets a source take more than its burst plus what refilled since, and a refusal takes nothing', () => {
    fc.assert(
      fc.property(
        fc.record({ requestsPerSecond: fc.integer({ min: 1, max: 50 }), requestBurst: fc.integer({ min: 1, max: 20 }), bytesPerSecond: fc.integer({ min: 1, max: 5000 }) }),
        fc.array(fc.record({ advanceMs: fc.integer({ min: 0, max: 400 }), bytes: fc.integer({ min: 0, max: 3000 }), source: fc.constantFrom('a', 'b') }), { maxLength: 80 }),
        (rates, steps) => {
          const limits = { ...rates, byteBurst: 3000 };
          const clock = { now: 0 };
          const limiter = createRateLimiter(limits, () => clock.now);
          const taken = { a: { requests: 0, bytes: 0 }, b: { requests: 0, bytes: 0 } };
          for (const step of steps) {
            clock.now += step.advanceMs;
            const decision = limiter.take(step.source, step.bytes);
            if (decision.ok) {
              taken[step.source].requests += 1;
              taken[step.source].bytes += step.bytes;
            } else {
              expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
            }
            const seconds = clock.now / 1000;
            expect(taken[step.source].requests).toBeLessThanOrEqual(limits.requestBurst + seconds * limits.requestsPerSecond + 1e-9);
            expect(taken[step.source].bytes).toBeLessThanOrEqual(limits.byteBurst + seconds * limits.bytesPerSecond + 1e-9);
          }
        },
      ),
    );
  });

  it('says how long to wait, and lets the source in once that time passed', () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ requestsPerSecond: 0.5, requestBurst: 1, bytesPerSecond: 10, byteBurst: 100 }, () => clock.now);
    expect(limiter.take('a', 60)).toEqual({ ok: true });
    const refused = limiter.take('a', 10);
    expect(refused).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 2 });
    expect(limiter.take('b', 10)).toEqual({ ok: true });
    clock.now += 2000;
    // 40 + 20 bytes refilled: 40 missing at 10 per second.
    expect(limiter.take('a', 100)).toEqual({ ok: false, reason: 'byte_rate_limited', retryAfterSeconds: 4 });
    clock.now += 4000;
    expect(limiter.take('a', 100)).toEqual({ ok: true });
  });
});

describe('rate limits on the events endpoint', () => {
  let collector: Collector | undefined;
  let http: ReturnType<typeof createTestHttp> | undefined;
  afterEach(async () => {
    await http?.close();
    await collector?.close();
  });

  it('answers 429 with Retry-After per source (the account id), counts it per reason and stores nothing of it', async () => {
    const clock = { now: 0 };
    collector = await startCollector({
      now: () => clock.now,
      rateLimits: { requestsPerSecond: 1, requestBurst: 2, bytesPerSecond: 10 * 1024 * 1024, byteBurst: 10 * 1024 * 1024 },
    });
    http = createTestHttp();
    expect((await http.postEvents(collector, [hookRunEvent()])).status).toBe(200);
    expect((await http.postEvents(collector, [hookRunEvent()])).status).toBe(200);
    const limited = await http.postEvents(collector, [hookRunEvent()]);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    // Another account has its own budget.
    expect((await http.postEvents(collector, [hookRunEvent()], { ...bearerHeaders, 'chatgpt-account-id': 'account-2' })).status).toBe(200);
    clock.now += 1000;
    expect((await http.postEvents(collector, [hookRunEvent()])).status).toBe(200);
    expect(collector.events()).toHaveLength(4);
    expect(collector.stats().rejections).toMatchObject({ rate_limited: 1, byte_rate_limited: 0 });
  });

  it('answers 429 byte_rate_limited when a source spends its body bytes', async () => {
    collector = await startCollector({
      now: () => 0,
      maxBodyBytes: 2000,
      rateLimits: { requestsPerSecond: 100, requestBurst: 100, bytesPerSecond: 1000, byteBurst: 2000 },
    });
    http = createTestHttp();
    const events = [hookRunEvent(), hookRunEvent(), hookRunEvent()];
    let status = 200;
    let sent = 0;
    while (status === 200 && sent < 20) {
      status = (await http.postEvents(collector, events)).status;
      sent += 1;
    }
    expect(status).toBe(429);
    expect(collector.stats().rejections.byte_rate_limited).toBe(1);
  });

  it('is off on loopback by default', async () => {
    collector = await startCollector();
    http = createTestHttp();
    for (let index = 0; index < 30; index += 1) expect((await http.postEvents(collector, [hookRunEvent()])).status).toBe(200);
  });
});
