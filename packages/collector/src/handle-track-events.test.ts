import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp, testAccessToken, testAccountId } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

describe('POST /codex/analytics-events/events', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;
  const clock = { now: 0 };

  beforeEach(async () => {
    clock.now = 1_700_000_000_000;
    collector = await startCollector({ maxBodyBytes: 2048, now: () => clock.now });
    http = createTestHttp();
  });

  afterEach(async () => {
    await http.close();
    await collector.close();
  });

  it.each([
    ['no authorization header', { 'chatgpt-account-id': testAccountId }, 'missing authorization header'],
    ['no chatgpt-account-id header', { authorization: `Bearer ${testAccessToken}` }, 'missing chatgpt-account-id header'],
    ['an empty account id', { authorization: `Bearer ${testAccessToken}`, 'chatgpt-account-id': ' ' }, 'missing chatgpt-account-id header'],
    ['an unknown scheme', { authorization: 'Basic dXNlcjpwYXNz', 'chatgpt-account-id': testAccountId }, 'unsupported authorization scheme'],
    ['a scheme without credential', { authorization: 'Bearer', 'chatgpt-account-id': testAccountId }, 'authorization must be'],
    ['a malformed AgentAssertion', { authorization: 'AgentAssertion !!!', 'chatgpt-account-id': testAccountId }, 'not base64url'],
  ])('answers 401 for %s and stores nothing', async (_name, headers, message) => {
    const response = await http.postEvents(collector, [hookRunEvent()], { ...headers, 'content-type': 'application/json' });

    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ error: 'unauthorized', message: expect.stringContaining(message) });
    expect(response.text).not.toContain('dXNlcjpwYXNz');
    expect(collector.events()).toEqual([]);
    expect(collector.stats().rejections.unauthorized).toBe(1);
  });

  it('answers 413 to a body whose content-length is over the cap, without storing it', async () => {
    const events = Array.from({ length: 20 }, (_, index) => hookRunEvent(`thread-${index}`));

    const response = await http.postEvents(collector, events);

    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(response.json().error).toBe('payload_too_large');
    expect(collector.events()).toEqual([]);
    expect(collector.stats().rejections.payload_too_large).toBe(1);
  });

  it('answers 413 as soon as a streamed body passes the cap, before the client has finished sending', async () => {
    const { port } = collector;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/codex/analytics-events/events', headers: bearerHeaders });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on('error', reject);
      // No content-length (chunked) and no end(): the answer can only come from the cap.
      request.write(Buffer.alloc(3000, 0x20));
    });

    expect(status).toBe(413);
    expect(collector.stats().rejections.payload_too_large).toBe(1);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body: '{"events": [' });

    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_json', message: expect.stringContaining('not JSON') });
    expect(collector.stats().rejections.invalid_json).toBe(1);
  });

  it('strict: answers 400 listing the index, event_type and path of every schema failure, and stores none of the batch', async () => {
    await collector.close();
    collector = await startCollector({ maxBodyBytes: 2048, now: () => clock.now, strict: true });
    const badHook = hookRunEvent() as { event_params: Record<string, unknown> };
    badHook.event_params.hook_name = 'NotAHook';
    badHook.event_params.extra_field = 1;
    const body = JSON.stringify({
      events: [appUsedEvent(), badHook, { event_type: 'codex_unknown', event_params: {} }, 42],
      unexpected: true,
    });

    const response = await http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body });

    expect(response.status).toBe(400);
    const answer = response.json();
    expect(answer.error).toBe('invalid_events');
    const errors = answer.errors as { index: number | null; event_type: string | null; path: string; message: string }[];
    const listed = errors.map(({ index, event_type, path }) => ({
      index,
      event_type,
      path,
    }));
    expect(listed).toEqual(
      expect.arrayContaining([
        { index: 1, event_type: 'codex_hook_run', path: 'event_params.hook_name' },
        { index: 1, event_type: 'codex_hook_run', path: 'event_params.extra_field' },
        { index: 2, event_type: 'codex_unknown', path: 'event_type' },
        { index: 3, event_type: null, path: '' },
        { index: null, event_type: null, path: 'unexpected' },
      ]),
    );
    expect(listed).toHaveLength(5);
    expect(listed.some((error) => error.index === 0)).toBe(false);
    expect(errors[0]!.message).toEqual(expect.any(String));
    expect(collector.events()).toEqual([]);
    expect(collector.stats().rejections.invalid_events).toBe(1);
  });

  it('stores every event of a valid body with its arrival time, account id and scheme, and never the token', async () => {
    const events = [hookRunEvent('thread-a'), appUsedEvent('thread-b'), pluginInstalledEvent()];

    const response = await http.postEvents(collector, events);

    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ accepted: 3 });
    expect(collector.events()).toEqual(
      events.map((event, index) => ({
        id: index + 1,
        requestId: 1,
        receivedAt: clock.now,
        accountId: testAccountId,
        authScheme: 'bearer',
        agentRuntimeId: null,
        event,
      })),
    );
    expect(JSON.stringify(collector.events())).not.toContain(testAccessToken);
    expect(collector.stats()).toMatchObject({ requests: 1, acceptedRequests: 1, acceptedEvents: 3, storedEvents: 3 });
    expect(collector.stats().eventsByType).toMatchObject({ codex_hook_run: 1, codex_app_used: 1, codex_plugin_installed: 1 });
  });

  it('serves the endpoint under /backend-api as well, as the real base URL has it', async () => {
    clock.now += 5;
    const response = await http.postEvents(collector, [hookRunEvent()], bearerHeaders, '/backend-api/codex/analytics-events/events');

    expect(response.status).toBe(200);
    expect(collector.events()).toMatchObject([{ id: 1, receivedAt: clock.now }]);
  });

  it('accepts an empty batch and numbers requests and events across batches', async () => {
    expect((await http.postEvents(collector, [])).status).toBe(200);
    await http.postEvents(collector, [hookRunEvent()]);
    await http.postEvents(collector, [appUsedEvent(), hookRunEvent()]);

    expect(collector.events().map(({ id, requestId }) => [id, requestId])).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
    expect(collector.stats()).toMatchObject({ requests: 3, acceptedRequests: 3, acceptedEvents: 3 });
  });

  it('answers 405 to other methods on the endpoint and 404 to unknown paths', async () => {
    const get = await http.send(collector.eventsUrl);
    const unknown = await http.send(`${collector.url}/backend-api/nothing-here`);

    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(unknown.status).toBe(404);
    expect(collector.stats().requests).toBe(0);
  });
});

describe('a 400 for a body with 20,000 invalid events', () => {
  it('lists the first 100 errors, counts them all, and keeps them in the rejection log', async () => {
    const collector = await startCollector();
    const http = createTestHttp();
    try {
      const events = Array.from({ length: 20_000 }, (_, index) => (index === 3 ? hookRunEvent() : { event_type: 'codex_hook_run', event_params: {} }));

      const response = await http.postEvents(collector, events);

      expect(response.status).toBe(400);
      const answer = response.json() as { errors: { index: number }[]; errorCount: number };
      expect(answer.errors).toHaveLength(100);
      expect(answer.errors[0]).toEqual({ index: 0, event_type: 'codex_hook_run', path: 'event_params.thread_id', code: 'invalid_type', message: expect.any(String) });
      expect(answer.errors.some((error) => error.index === 3)).toBe(false);
      expect(answer).toMatchObject({ error: 'invalid_events', failingEvents: 19_999, message: expect.stringContaining('the first 100 are listed') });
      expect(answer.errorCount).toBeGreaterThan(19_999);
      expect(collector.events()).toEqual([]);

      const { rejections } = (await http.send(`${collector.url}/api/rejections`)).json();
      expect(rejections).toEqual([
        expect.objectContaining({ reason: 'invalid_events', status: 400, errors: answer.errors, errorCount: answer.errorCount, accountId: testAccountId }),
      ]);
    } finally {
      await http.close();
      await collector.close();
    }
  }, 60_000);
});

describe('POST /codex/analytics-events/events with events of today\'s wire format', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;

  beforeEach(async () => {
    collector = await startCollector();
    http = createTestHttp();
  });

  afterEach(async () => {
    await http.close();
    await collector.close();
  });

  const todaysThreadEvent = () => {
    const event = hookRunEvent() as unknown as { event_params: Record<string, unknown> };
    event.event_params.session_id = 'session-1';
    event.event_params.brand_new_key = { nested: true };
    return event;
  };

  it('stores them with every key, an unknown event type as it came, and counts the unknown keys and types in stats()', async () => {
    const future = { event_type: 'codex_future_event', event_params: { thread_id: 'thread-f', anything: [1, 2] } };
    const response = await http.postEvents(collector, [hookRunEvent(), todaysThreadEvent(), future] as never[]);

    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 3, drift: [{ index: 1, unknownKeys: ['event_params.session_id', 'event_params.brand_new_key'] }, { index: 2, stored: true }] });
    expect(collector.events().map((stored) => stored.event)).toEqual([hookRunEvent(), todaysThreadEvent(), future]);
    expect(collector.events({ eventType: 'codex_future_event', threadId: 'thread-f' }).map((stored) => stored.event)).toEqual([future]);
    expect(collector.stats().eventsByType).toMatchObject({ codex_hook_run: 2, codex_future_event: 1, codex_command_execution_event: 0 });
    expect(collector.stats().drift).toEqual({
      currentEraEvents: 1,
      driftedEvents: 2,
      unstoredEvents: 0,
      byEventType: {
        codex_hook_run: { events: 1, keys: { 'event_params.session_id': 1, 'event_params.brand_new_key': 1 } },
        codex_future_event: { events: 1, keys: { event_type: 1 } },
      },
    });
    expect(collector.stats().rejections.invalid_events).toBe(0);
  });

  it('writes them to the NDJSON file and reloads them on restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collector-today-'));
    try {
      await collector.close();
      collector = await startCollector({ out: join(dir, 'events.ndjson') });
      const future = { event_type: 'codex_future_event', event_params: { thread_id: 'thread-f' } };
      expect((await http.postEvents(collector, [todaysThreadEvent(), future] as never[])).status).toBe(200);
      await collector.close();
      collector = await startCollector({ out: join(dir, 'events.ndjson'), logger: { warn: (message) => expect.fail(message) } });

      expect(collector.events().map((stored) => stored.event)).toEqual([todaysThreadEvent(), future]);
      expect(collector.stats().eventsByType.codex_future_event).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('strict: refuses them as before', async () => {
    await collector.close();
    collector = await startCollector({ strict: true });

    const response = await http.postEvents(collector, [todaysThreadEvent()] as never[]);
    expect((await http.postEvents(collector, [{ event_type: 'codex_future_event', event_params: {} }] as never[])).status).toBe(400);

    expect(response.status).toBe(400);
    expect(collector.events()).toEqual([]);
    expect(collector.stats().drift.driftedEvents).toBe(0);
  });
});

describe('a large body being parsed and validated', () => {
  it.each([
    ['invalid JSON at its end', (text: string) => `${text.slice(0, -2)} x]}`, 400],
    ['valid, with --out', (text: string) => text, 200],
  ])('(%s) does not hold up a small request sent once it has arrived: that one is answered first', async (_name, shape, status) => {
    const dir = mkdtempSync(join(tmpdir(), 'collector-large-'));
    const collector = await startCollector({ out: join(dir, 'events.ndjson') });
    const socket = connect(collector.port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      const events = Array.from({ length: 30_000 }, (_, index) => hookRunEvent(`thread-${index}`));
      const body = shape(JSON.stringify({ events }));
      const order: string[] = [];
      let smallAnswer = '';
      socket.on('data', (chunk: Buffer) => {
        smallAnswer += chunk.toString();
        if (smallAnswer.includes('\r\n\r\n') && !order.includes('small')) order.push('small');
      });

      const large = new Promise<number>((resolve, reject) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port: collector.port,
          method: 'POST',
          path: '/codex/analytics-events/events',
          headers: { ...bearerHeaders, 'content-length': Buffer.byteLength(body) },
        });
        request.on('response', (response) => {
          order.push('large');
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        // Once the last byte of the large body is handed over, the small request follows on its own connection.
        request.end(body, () => socket.write(`GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:${collector.port}\r\n\r\n`));
      });

      expect(await large).toBe(status);
      while (!order.includes('small')) await once(socket, 'data');
      expect(order).toEqual(['small', 'large']);
      expect(smallAnswer.startsWith('HTTP/1.1 200')).toBe(true);
    } finally {
      socket.destroy();
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
