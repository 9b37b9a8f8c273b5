import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { isLoopbackHost } from './request-guard.js';
import { startCollector } from './start-collector.js';

/** A raw request with the exact Host header given (undici would set its own). */
function rawRequest(
  collector: Collector,
  { method = 'GET', path, headers = {}, body }: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: collector.port, method, path, headers, setHost: false, agent: false });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('Host and Origin checks', () => {
  let collector: Collector;
  const http = createTestHttp();

  beforeEach(async () => {
    collector = await startCollector({ logger: { warn: () => undefined } });
    await http.postEvents(collector, [hookRunEvent('thread-secret')]);
  });

  afterEach(async () => {
    await collector.close();
  });

  afterAll(async () => {
    await http.close();
  });

  it.each(['/api/events', '/api/stats', '/api/stream?after=0', '/', '/api/rejections'])(
    'answers 403 without any event to %s with a Host that names another site (DNS rebinding)',
    async (path) => {
      const response = await rawRequest(collector, { path, headers: { host: `evil.example:${collector.port}` } });

      expect(response.status).toBe(403);
      expect(JSON.parse(response.text)).toMatchObject({ error: 'forbidden_host' });
      expect(response.text).not.toContain('thread-secret');
    },
  );

  it.each([
    ['evil.example', 403],
    [`127.0.0.1:${1}`, 403],
    ['127.0.0.1', 403],
    ['', 403],
    ['127.0.0.1:PORT', 200],
    ['localhost:PORT', 200],
    ['LOCALHOST:PORT', 200],
    ['[::1]:PORT', 200],
  ])('Host %j → %i', async (host, status) => {
    const response = await rawRequest(collector, { path: '/api/stats', headers: { host: host.replace('PORT', String(collector.port)) } });

    expect(response.status).toBe(status);
  });

  it('refuses a cross-site text/plain POST to /api/faults and keeps the faults', async () => {
    const host = `127.0.0.1:${collector.port}`;
    const crossSite = await rawRequest(collector, {
      method: 'POST',
      path: '/api/faults',
      headers: { host, origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ failNext: { count: 100 } }),
    });
    const crossSiteJson = await rawRequest(collector, {
      method: 'POST',
      path: '/api/faults',
      headers: { host, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: { count: 100 } }),
    });
    const textPlain = await rawRequest(collector, {
      method: 'POST',
      path: '/api/faults',
      headers: { host, 'content-type': 'text/plain' },
      body: JSON.stringify({ failNext: { count: 100 } }),
    });
    const deleteEvents = await rawRequest(collector, { method: 'DELETE', path: '/api/events', headers: { host, origin: 'null' } });

    expect([crossSite.status, crossSiteJson.status, textPlain.status, deleteEvents.status]).toEqual([403, 403, 415, 403]);
    expect(JSON.parse(crossSite.text)).toMatchObject({ error: 'forbidden_origin' });
    expect(JSON.parse(textPlain.text)).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('application/json') });
    expect(collector.faults().failNext).toBeNull();
    expect(collector.events()).toHaveLength(1);
  });

  it('accepts a same-origin JSON POST, from the page or without an Origin', async () => {
    const host = `localhost:${collector.port}`;
    const fromPage = await rawRequest(collector, {
      method: 'POST',
      path: '/api/faults',
      headers: { host, origin: `http://localhost:${collector.port}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ failNext: { count: 2 } }),
    });
    expect(fromPage.status).toBe(200);
    expect(collector.faults().failNext).toMatchObject({ count: 2 });
  });

  it('grants no CORS: a preflight and a cross-origin read get no access-control headers', async () => {
    const host = `127.0.0.1:${collector.port}`;
    const preflight = await rawRequest(collector, {
      method: 'OPTIONS',
      path: '/api/faults',
      headers: { host, origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const read = await rawRequest(collector, { path: '/api/events', headers: { host, origin: 'http://evil.example' } });

    for (const response of [preflight, read]) {
      expect(response.status).toBe(403);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(read.text).not.toContain('thread-secret');
  });

  it('refuses events that are not sent as JSON, counts and lists the refusal', async () => {
    const response = await http.send(collector.eventsUrl, {
      method: 'POST',
      headers: { ...bearerHeaders, 'content-type': 'text/plain' },
      body: JSON.stringify({ events: [hookRunEvent()] }),
    });

    expect(response.status).toBe(415);
    expect(collector.stats().rejections.unsupported_media_type).toBe(1);
    const { rejections } = (await http.send(`${collector.url}/api/rejections`)).json();
    expect(rejections).toEqual([
      expect.objectContaining({ reason: 'unsupported_media_type', status: 415, method: 'POST', path: '/codex/analytics-events/events' }),
    ]);
    expect(collector.events()).toHaveLength(1);
  });
});

describe('listening beyond loopback', () => {
  it('tells loopback hosts from the others', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '', '192.168.1.2', 'example.com', 'fe80::1'].map(isLoopbackHost)).toEqual([false, false, false, false, false, false]);
  });

  it('refuses a non-loopback host without allowNonLoopback, saying what to do', async () => {
    await expect(startCollector({ host: '0.0.0.0' })).rejects.toThrow(/not a loopback address.*--allow-non-loopback/);
  });

  it('listens on every interface with allowNonLoopback, and warns once', async () => {
    const warnings: string[] = [];
    // Beyond loopback a read token and a writer rule are required (issue 24).
    const readToken = 'read-token-0123456789';
    const collector = await startCollector({
      host: '0.0.0.0',
      allowNonLoopback: true,
      readToken,
      allowAccounts: ['account-1'],
      logger: { warn: (message) => warnings.push(message) },
    });
    try {
      const http = createTestHttp();
      expect((await http.send(`${collector.url}/api/stats`, { headers: { 'x-codex-analytics-read-token': readToken } })).status).toBe(200);
      await http.close();
      expect(warnings).toEqual([expect.stringContaining('other machines can reach')]);
    } finally {
      await collector.close();
    }
  });
});
