import { describe, expect, it } from 'vitest';
import { createRetryingTransport } from './create-retrying-transport.js';
import type { RetryingTransportOptions } from './create-retrying-transport.js';
import type { Sleep } from './sleep.js';
import type { Transport, TransportRequest, TransportResult } from './transport.js';
import { TransportError } from './transport-error.js';

const request: TransportRequest = { url: 'https://analytics.test/events', headers: {}, body: '{}' };
const ok: TransportResult = { status: 'success', statusCode: 200, headers: {}, body: '' };
const busy: TransportResult = {
  status: 'retryable',
  statusCode: 503,
  error: new TransportError({ code: 'HTTP_STATUS', message: 'status 503', statusCode: 503 }),
};
const badRequest: TransportResult = {
  status: 'failure',
  statusCode: 400,
  error: new TransportError({ code: 'HTTP_STATUS', message: 'status 400', statusCode: 400 }),
};
const rateLimited = (retryAfterMs: number): TransportResult => ({ status: 'retryable', statusCode: 429, retryAfterMs });

/** A fake world: a clock that only moves when someone sleeps or an attempt takes time, and a scripted transport. */
function harness(script: TransportResult[], options: { attemptMs?: number } = {}) {
  let clock = 1_000_000;
  const sent: TransportRequest[] = [];
  const sleeps: number[] = [];
  let closeCalls = 0;
  const inner: Transport = {
    send(attempt) {
      sent.push(attempt);
      clock += options.attemptMs ?? 0;
      const next = script.length > 1 ? script.shift() : script[0];
      return Promise.resolve(next ?? busy);
    },
    close() {
      closeCalls += 1;
      return Promise.resolve();
    },
  };
  const sleep: Sleep = (ms) => {
    sleeps.push(ms);
    clock += ms;
    return Promise.resolve();
  };
  const make = (overrides: Partial<RetryingTransportOptions> = {}): Transport =>
    createRetryingTransport({ transport: inner, sleep, now: () => clock, random: () => 0.5, ...overrides });
  return { make, sent, sleeps, closeCalls: () => closeCalls, now: () => clock };
}

describe('createRetryingTransport', () => {
  it('returns a success at once', async () => {
    const world = harness([ok]);
    expect(await world.make().send(request)).toEqual({ ...ok, attempts: 1 });
    expect(world.sleeps).toEqual([]);
  });

  it('does not retry a final 4xx', async () => {
    const world = harness([badRequest, ok]);
    expect(await world.make().send(request)).toEqual({ ...badRequest, attempts: 1 });
    expect(world.sent).toHaveLength(1);
  });

  it('backs off with full jitter over a doubling ceiling, then succeeds', async () => {
    const draws = [0.5, 0.25, 0.75];
    const world = harness([busy, busy, busy, ok]);
    const result = await world.make({ initialBackoffMs: 100, random: () => draws.shift() ?? 0 }).send(request);
    expect(result).toEqual({ ...ok, attempts: 4 });
    // ceilings 100, 200, 400 times the draws
    expect(world.sleeps).toEqual([50, 50, 300]);
  });

  it('caps the backoff ceiling at maxBackoffMs', async () => {
    const world = harness([busy]);
    await world.make({ initialBackoffMs: 100, maxBackoffMs: 250, maxAttempts: 6, random: () => 0.999 }).send(request);
    expect(world.sleeps).toEqual([99, 199, 249, 249, 249]);
  });

  it('stops after maxAttempts with the last retryable result', async () => {
    const world = harness([busy]);
    const result = await world.make({ maxAttempts: 3, initialBackoffMs: 10 }).send(request);
    expect(result).toEqual({ ...busy, attempts: 3 });
    expect(world.sent).toHaveLength(3);
    expect(world.sleeps).toEqual([5, 10]);
  });

  it('defaults to 5 attempts and a 1 s initial backoff', async () => {
    const world = harness([busy]);
    expect(await world.make().send(request)).toMatchObject({ status: 'retryable', attempts: 5 });
    expect(world.sleeps).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('waits at least Retry-After', async () => {
    const world = harness([rateLimited(2_000), rateLimited(0), ok]);
    expect(await world.make({ initialBackoffMs: 100 }).send(request)).toEqual({ ...ok, attempts: 3 });
    expect(world.sleeps).toEqual([2_000, 100]);
  });

  it('gives up at once, keeping retryAfterMs, when Retry-After exceeds the ceiling', async () => {
    const world = harness([rateLimited(120_000), ok]);
    const result = await world.make({ maxRetryAfterMs: 60_000 }).send(request);
    expect(result).toEqual({ ...rateLimited(120_000), attempts: 1 });
    expect(world.sleeps).toEqual([]);
  });

  it('never sleeps past the overall deadline', async () => {
    const world = harness([busy], { attemptMs: 300 });
    const start = world.now();
    const result = await world.make({ deadlineMs: 1_000, initialBackoffMs: 200, random: () => 0.99 }).send(request);
    // t=300 first answer; sleep 198 → 498; t=798 second answer; a 396 ms wait would end at 1194 > 1000
    expect(result).toEqual({ ...busy, attempts: 2 });
    expect(world.sleeps).toEqual([198]);
    expect(world.now() - start).toBeLessThanOrEqual(1_000);
  });

  it('does not wait for a Retry-After that ends past the deadline', async () => {
    const world = harness([rateLimited(5_000), ok]);
    const result = await world.make({ deadlineMs: 4_000 }).send(request);
    expect(result).toEqual({ ...rateLimited(5_000), attempts: 1 });
    expect(world.sleeps).toEqual([]);
  });

  it('clamps an attempt timeout to the time left before the deadline', async () => {
    const world = harness([busy, ok], { attemptMs: 300 });
    await world.make({ deadlineMs: 1_000, attemptTimeoutMs: 800, initialBackoffMs: 200, random: () => 0.5 }).send(request);
    // first attempt: 800 fits in 1000, request passed unchanged; second starts at t=400: 600 left
    expect(world.sent[0]).toBe(request);
    expect(world.sent[1]).toEqual({ ...request, timeoutMs: 600 });
  });

  it('clamps a per-request timeout too', async () => {
    const world = harness([busy, ok], { attemptMs: 300 });
    await world.make({ deadlineMs: 1_000, initialBackoffMs: 200 }).send({ ...request, timeoutMs: 5_000 });
    expect(world.sent.map((attempt) => attempt.timeoutMs)).toEqual([1_000, 600]);
  });

  it('fails without sending when the caller signal is already aborted', async () => {
    const world = harness([ok]);
    const controller = new AbortController();
    controller.abort();
    const result = await world.make().send({ ...request, signal: controller.signal });
    expect(result).toMatchObject({ status: 'failure', attempts: 0, error: { name: 'AbortError', code: 'ABORTED' } });
    expect(world.sent).toHaveLength(0);
  });

  it('fails, not retryable, when the caller aborts during a wait', async () => {
    const world = harness([busy, ok]);
    const controller = new AbortController();
    const waitForAbort: Sleep = (_ms, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        controller.abort();
      });
    const result = await world.make({ sleep: waitForAbort }).send({ ...request, signal: controller.signal });
    expect(result).toMatchObject({ status: 'failure', attempts: 1, error: { name: 'AbortError', code: 'ABORTED' } });
    expect(world.sent).toHaveLength(1);
  });

  it('aborts the default sleep promptly', async () => {
    const world = harness([busy, ok]);
    const controller = new AbortController();
    const retrying = createRetryingTransport({
      transport: world.make({ maxAttempts: 1 }),
      initialBackoffMs: 600_000,
      maxBackoffMs: 600_000,
      deadlineMs: 3_600_000,
      random: () => 0.5,
    });
    const pending = retrying.send({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect(await pending).toMatchObject({ status: 'failure', error: { code: 'ABORTED' } });
  });

  it('ends a pending wait on close() with the last retryable result, and closes the inner transport', async () => {
    const world = harness([busy, ok]);
    const handle: { retrying?: Transport } = {};
    const waitForAbort: Sleep = (_ms, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        void handle.retrying?.close();
      });
    const retrying = world.make({ sleep: waitForAbort });
    handle.retrying = retrying;
    expect(await retrying.send(request)).toEqual({ ...busy, attempts: 1 });
    expect(world.closeCalls()).toBe(1);
    expect(await retrying.send(request)).toMatchObject({ status: 'failure', attempts: 0, error: { code: 'CLOSED' } });
    expect(world.sent).toHaveLength(1);
  });

  it('turns a throwing hook into a failure instead of a rejection', async () => {
    const world = harness([busy]);
    const result = await world
      .make({
        random: () => {
          throw new Error('no entropy');
        },
      })
      .send(request);
    expect(result).toMatchObject({ status: 'failure', error: { code: 'UNEXPECTED' } });
  });

  it('rejects a policy it cannot follow', () => {
    const { make } = harness([ok]);
    expect(() => make({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => make({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => make({ deadlineMs: -1 })).toThrow(RangeError);
    expect(() => make({ initialBackoffMs: Number.NaN })).toThrow(RangeError);
  });
});
