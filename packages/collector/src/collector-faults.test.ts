import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import { createFaultController } from './collector-faults.js';
import type { Collector, CollectorOptions } from './collector-options.js';
import { startCollector } from './start-collector.js';

describe('createFaultController', () => {
  it('applies one fault per request, drop before rate limit before failure, each until its count runs out', () => {
    const faults = createFaultController({
      failNext: { count: 2, status: 503 },
      rateLimit: { retryAfterSeconds: 3 },
      dropConnection: { count: 1 },
    });

    expect([faults.take(), faults.take(), faults.take(), faults.take(), faults.take()]).toEqual([
      { kind: 'drop' },
      { kind: 'rate_limit', retryAfterSeconds: 3 },
      { kind: 'fail', status: 503, body: undefined },
      { kind: 'fail', status: 503, body: undefined },
      { kind: 'none' },
    ]);
  });

  it('reports what is left and clears everything with {}', () => {
    const faults = createFaultController({ failNext: { count: 3 }, latencyMs: 20 });
    faults.take();

    expect(faults.current()).toEqual({
      failNext: { count: 2, status: 500, body: undefined },
      rateLimit: null,
      dropConnection: null,
      latencyMs: 20,
      target: 'events',
    });
    faults.set({});
    expect(faults.current()).toMatchObject({ failNext: null, latencyMs: 0 });
  });

  it('hits the agent endpoints only with target backend', () => {
    expect(createFaultController({}).hits('agent')).toBe(false);
    expect(createFaultController({ target: 'backend' }).hits('agent')).toBe(true);
    expect(createFaultController({}).hits('events')).toBe(true);
  });

  it.each([
    [{ failNext: { count: 1, status: 200 } }, 'faults.failNext.status'],
    [{ failNext: { count: -1 } }, 'faults.failNext.count'],
    [{ rateLimit: {} }, 'faults.rateLimit.retryAfterSeconds'],
    [{ latencyMs: 'slow' }, 'faults.latencyMs'],
    [{ dropConnections: 1 }, 'faults'],
    ['nope', 'faults'],
  ])('rejects %j naming %s', (input, where) => {
    expect(() => createFaultController(input)).toThrow(new RegExp(`^invalid ${where.replace(/\./g, '\\.')}`));
  });
});

describe('faults over HTTP', () => {
  let collector: Collector | undefined;
  const http = createTestHttp();

  afterEach(async () => {
    await collector?.close();
    collector = undefined;
  });

  afterAll(async () => {
    await http.close();
  });

  const start = async (options: CollectorOptions = {}) => {
    collector = await startCollector(options);
    return collector;
  };

  it('fails the next N requests with the status, then accepts again', async () => {
    const server = await start({ faults: { failNext: { count: 2, status: 503 } } });

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await http.postEvents(server, [hookRunEvent()])).status);

    expect(statuses).toEqual([503, 503, 200]);
    expect(server.events()).toHaveLength(1);
    expect(server.stats()).toMatchObject({ requests: 3, acceptedRequests: 1, rejections: { fault_status: 2 } });
  });

  it('answers a failure with the given body', async () => {
    const server = await start({ faults: { failNext: { count: 1, status: 502, body: 'bad gateway' } } });

    const response = await http.postEvents(server, [hookRunEvent()]);

    expect(response.status).toBe(502);
    expect(response.text).toBe('bad gateway');
  });

  it('answers 429 with Retry-After in seconds', async () => {
    const server = await start({ faults: { rateLimit: { count: 1, retryAfterSeconds: 7 } } });

    const limited = await http.postEvents(server, [hookRunEvent()]);
    const next = await http.postEvents(server, [hookRunEvent()]);

    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(next.status).toBe(200);
    expect(server.stats().rejections.fault_rate_limited).toBe(1);
  });

  it('drops the connection without a response', async () => {
    const server = await start({ faults: { dropConnection: {} } });

    await expect(http.postEvents(server, [hookRunEvent()])).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect((await http.postEvents(server, [hookRunEvent()])).status).toBe(200);
    expect(server.stats().rejections.fault_dropped).toBe(1);
    expect(server.events()).toHaveLength(1);
  });

  it('holds each response for the latency before handling it', async () => {
    const sleeps: { ms: number; release: () => void }[] = [];
    let sleepStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (sleepStarted = resolve));
    const server = await start({
      faults: { latencyMs: 250 },
      sleep: (ms) =>
        new Promise<void>((release) => {
          sleeps.push({ ms, release });
          sleepStarted();
        }),
    });

    let settled = false;
    const pending = http.postEvents(server, [hookRunEvent()]).finally(() => (settled = true));
    await started;
    // Round-trips to the server: the held request still has no answer and nothing is stored.
    await http.send(`${server.url}/api/stats`);

    expect(sleeps.map(({ ms }) => ms)).toEqual([250]);
    expect(settled).toBe(false);
    expect(server.events()).toEqual([]);
    sleeps[0]!.release();
    expect((await pending).status).toBe(200);
    expect(server.events()).toHaveLength(1);
  });

  it('is set by setFaults() and by POST /api/faults, read by GET and cleared by DELETE', async () => {
    const server = await start();
    server.setFaults({ failNext: { count: 1, status: 500 } });
    expect((await http.postEvents(server, [hookRunEvent()])).status).toBe(500);

    const posted = await http.send(`${server.url}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: { count: 2, status: 504 } }),
    });
    expect(posted.status).toBe(200);
    expect(posted.json()).toMatchObject({ failNext: { count: 2, status: 504 } });
    expect((await http.postEvents(server, [hookRunEvent()])).status).toBe(504);
    expect((await http.send(`${server.url}/api/faults`)).json()).toMatchObject({ failNext: { count: 1, status: 504 } });
    expect(server.faults()).toMatchObject({ failNext: { count: 1 } });

    expect((await http.send(`${server.url}/api/faults`, { method: 'DELETE' })).json()).toMatchObject({ failNext: null });
    expect((await http.postEvents(server, [hookRunEvent()])).status).toBe(200);
  });

  it('refuses an invalid faults body with 400 and keeps the current faults', async () => {
    const server = await start({ faults: { failNext: { count: 1 } } });

    const response = await http.send(`${server.url}/api/faults`, { method: 'POST', body: JSON.stringify({ failNext: { count: 'x' } }) });

    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_faults', message: expect.stringContaining('faults.failNext.count') });
    expect(server.faults().failNext).toMatchObject({ count: 1 });
  });

  it('never faults the read side, and faults the agent endpoints only with target backend', async () => {
    const server = await start({ faults: { failNext: { count: 1, status: 500 } } });
    const authenticate = () =>
      http.send(`${server.backendUrl}/authenticate_app_v2`, { headers: { authorization: bearerHeaders.authorization } });

    expect((await http.send(`${server.url}/api/stats`)).status).toBe(200);
    expect((await http.send(`${server.url}/`)).status).toBe(200);
    expect((await authenticate()).status).toBe(200);
    expect(server.faults().failNext).toMatchObject({ count: 1 });

    server.setFaults({ failNext: { count: 1, status: 503 }, target: 'backend' });
    expect((await authenticate()).status).toBe(503);
    expect(server.stats().rejections.fault_status).toBe(0);
  });
});
