import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { Collector } from './collector-options.js';
import { READ_COOKIE, READ_TOKEN_HEADER, readTicketMs } from './read-access.js';
import { startCollector } from './start-collector.js';

const readToken = 'read-token-0123456789';
const readRoutes = ['/', '/index.html', '/api/events', '/api/stats', '/api/rejections', '/api/stream', '/api/faults', '/api/agents'];

/** Opens a stream and resolves with its status and first chunk (then closes it). */
async function firstChunk(url: string, dispatcher: Agent, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await request(url, { dispatcher, headers });
  const chunk = await response.body[Symbol.asyncIterator]().next();
  response.body.destroy();
  return { status: response.statusCode, text: chunk.done === true ? '' : (chunk.value as Buffer).toString('utf8') };
}

describe('readers of a collector that asks for its read token (requireReadToken, on loopback)', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;
  let dispatcher: Agent;
  const clock = { now: Date.parse('2025-04-01T12:00:00Z') };

  beforeEach(async () => {
    collector = await startCollector({ readToken, requireReadToken: true, now: () => clock.now });
    http = createTestHttp();
    dispatcher = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
    expect((await http.postEvents(collector, [hookRunEvent('thread-secret')])).status).toBe(200);
  });
  afterEach(async () => {
    await http.close();
    await dispatcher.destroy();
    await collector.close();
  });

  it('answers 401 without the token on every read route and the stream, showing no event', async () => {
    for (const path of readRoutes) {
      const attempts: Record<string, string>[] = [{}, { [READ_TOKEN_HEADER]: 'wrong-token-0123456789' }, { cookie: `${READ_COOKIE}=1.abc` }];
      for (const headers of attempts) {
        const response = await http.send(`${collector.url}${path}`, { headers });
        expect({ path, status: response.status }).toEqual({ path, status: 401 });
        expect(response.text).not.toContain('thread-secret');
      }
    }
    expect((await http.send(`${collector.url}/api/events`, { method: 'DELETE' })).status).toBe(401);
    expect(collector.events()).toHaveLength(1);
    // The page without the token is the form asking for it.
    const page = await http.send(`${collector.url}/`);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('sessionStorage');
    // Logged as refusals (not counted in stats, which count the events endpoint only).
    const log = (await http.send(`${collector.url}/api/rejections`, { headers: { [READ_TOKEN_HEADER]: readToken } })).json() as { rejections: { reason: string }[] };
    expect(log.rejections.filter((rejection) => rejection.reason === 'unauthorized_reader').length).toBeGreaterThan(readRoutes.length);
  });

  it('lets a reader with the token in the header read every route', async () => {
    for (const path of readRoutes.filter((path) => path !== '/api/stream')) {
      const response = await http.send(`${collector.url}${path}`, { headers: { [READ_TOKEN_HEADER]: readToken } });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
    const stream = await firstChunk(`${collector.url}/api/stream?after=0`, dispatcher, { [READ_TOKEN_HEADER]: readToken });
    expect(stream.status).toBe(200);
  });

  it('POST /api/session checks the token and sets an HttpOnly, SameSite=Strict ticket cookie that opens the stream and the page until it ends', async () => {
    expect((await http.send(`${collector.url}/api/session`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await http.send(`${collector.url}/api/session`, { method: 'POST', body: '{}', headers: { [READ_TOKEN_HEADER]: 'wrong-token-0123456789' } })).status).toBe(401);
    const session = await http.send(`${collector.url}/api/session`, { method: 'POST', body: '{}', headers: { [READ_TOKEN_HEADER]: readToken } });
    expect(session.status).toBe(204);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(readToken);
    const cookie = setCookie.split(';')[0]!;

    const stream = await firstChunk(`${collector.url}/api/stream?after=0`, dispatcher, { cookie });
    expect(stream.status).toBe(200);
    expect((await http.send(`${collector.url}/`, { headers: { cookie } })).status).toBe(200);

    // A forged signature, and the same ticket once it ended, are refused.
    const [name, value] = cookie.split('=') as [string, string];
    const forged = `${name}=${value.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await http.send(`${collector.url}/api/stats`, { headers: { cookie: forged } })).status).toBe(401);
    clock.now += readTicketMs + 1;
    expect((await firstChunk(`${collector.url}/api/stream`, dispatcher, { cookie })).status).toBe(401);
  });

  it('leaves the events endpoint to the writer rules (no read token needed to write)', async () => {
    expect((await http.postEvents(collector, [hookRunEvent('thread-2')])).status).toBe(200);
  });
});

describe('readers on loopback by default', () => {
  it('need no token, as before', async () => {
    const collector = await startCollector({ readToken });
    const http = createTestHttp();
    try {
      for (const path of readRoutes.filter((path) => path !== '/api/stream')) expect((await http.send(`${collector.url}${path}`)).status).toBe(200);
    } finally {
      await http.close();
      await collector.close();
    }
  });
});
