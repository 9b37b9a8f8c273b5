import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { INGEST_TOKEN_HEADER } from './check-writer.js';
import type { Collector } from './collector-options.js';
import { READ_COOKIE, READ_TOKEN_HEADER } from './read-access.js';
import { startCollector } from './start-collector.js';

const readToken = 'READTOKEN-planted-0123456789';
const ingestToken = 'INGESTTOKEN-planted-0123456789';
const bearer = 'BEARER-planted-access-token-0123456789';

/**
 * The invariant: no credential (a request's bearer, the ingest and read tokens) is ever stored, answered, streamed or
 * logged, wherever a request carries it. Each token is planted in every header and field of accepted and refused
 * requests; then everything the collector wrote or answered is searched for it. (The embedded store and its NDJSON
 * `--out` file are the only stores: there is no ClickHouse store yet.)
 */
describe('a token planted everywhere a request can carry one', () => {
  let folder: string;
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;
  let dispatcher: Agent;
  const logs: string[] = [];
  const answers: string[] = [];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'collector-planted-'));
    collector = await startCollector({
      out: join(folder, 'events.ndjson'),
      readToken,
      requireReadToken: true,
      ingestToken,
      allowAccounts: ['account-1'],
      logger: { warn: (message) => void logs.push(message) },
    });
    http = createTestHttp();
    dispatcher = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
  });
  afterEach(async () => {
    await http.close();
    await dispatcher.destroy();
    await collector.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const send = async (path: string, init: Parameters<typeof http.send>[1] = {}) => {
    const response = await http.send(`${collector.url}${path}`, init);
    answers.push(JSON.stringify(response.headers), response.text);
    return response;
  };

  it('finds it nowhere: responses, /api/events, /api/stats, /api/rejections, the stream, the NDJSON file, the logs', async () => {
    const stream = await request(`${collector.url}/api/stream?after=0`, { dispatcher, headers: { [READ_TOKEN_HEADER]: readToken } });
    expect(stream.statusCode).toBe(200);
    let streamed = '';
    stream.body.on('data', (chunk: Buffer) => void (streamed += chunk.toString('utf8')));

    const statuses: number[] = [];
    for (const token of [bearer, readToken, ingestToken]) {
      const headers = {
        authorization: `Bearer ${token}`,
        'chatgpt-account-id': 'account-1',
        cookie: `session=${token}; ${READ_COOKIE}=${token}`,
        [READ_TOKEN_HEADER]: token,
        'x-anything': token,
        'content-type': 'application/json',
      };
      const events = [
        hookRunEvent(`thread-${token}`, token),
        { event_type: `drift_${token}`, event_params: { [token]: token, note: `before ${token} after` } },
      ];
      const post = async (extra: Record<string, string>, body: string, query = `?token=${token}`) =>
        statuses.push((await send(`/codex/analytics-events/events${query}`, { method: 'POST', headers: { ...headers, ...extra }, body })).status);

      // Accepted: an allowed account; and a valid ingest token from another account.
      await post({}, JSON.stringify({ events }));
      await post({ 'chatgpt-account-id': 'account-9', [INGEST_TOKEN_HEADER]: ingestToken }, JSON.stringify({ events }), '');
      // Refused: wrong ingest token, outside the allowlist, invalid events, not JSON, wrong media type, other origin, no bearer.
      await post({ [INGEST_TOKEN_HEADER]: token === ingestToken ? 'another-ingest-token-000' : token }, JSON.stringify({ events }));
      await post({ 'chatgpt-account-id': 'account-9' }, JSON.stringify({ events }));
      await post({}, JSON.stringify({ events: [{ event_type: 'codex_hook_run', event_params: { thread_id: token } }] }));
      await post({}, `{"events": [${token}]}`);
      await post({ 'content-type': `text/plain; x=${token}` }, JSON.stringify({ events }));
      await post({ origin: `http://${token}.example` }, JSON.stringify({ events }));
      await post({ authorization: '', 'chatgpt-account-id': token }, JSON.stringify({ events }));
      // Readers: without the read token, and with the token as a wrong one, in the query too.
      await send(`/api/events?thread_id=${token}`, { headers: { cookie: `${READ_COOKIE}=${token}` } });
      await send(`/api/events?since=${token}`, { headers: { [READ_TOKEN_HEADER]: readToken } });
      await send(`/api/stream?after=${token}`, { headers: { [READ_TOKEN_HEADER]: readToken } });
      await send(`/?token=${token}`, { headers: { [READ_TOKEN_HEADER]: token === readToken ? 'wrong-read-token-0000' : token } });
      await send('/api/session', { method: 'POST', body: '{}', headers: { [READ_TOKEN_HEADER]: token } });
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(new Set(statuses)).toEqual(new Set([200, 401, 403, 400, 415]));

    const read = (path: string) => send(path, { headers: { [READ_TOKEN_HEADER]: readToken } });
    const outputs = [
      ...answers,
      (await read('/api/events?limit=1000')).text,
      (await read('/api/stats')).text,
      (await read('/api/rejections')).text,
      JSON.stringify(collector.events()),
      JSON.stringify(collector.stats()),
      readFileSync(join(folder, 'events.ndjson'), 'utf8'),
      ...logs,
    ];
    await collector.waitForEvents(12);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stream.body.destroy();
    outputs.push(streamed);

    // The searches find what was sent (the tests see the requests landed) and never a token.
    expect(streamed).toContain('[redacted]');
    expect(collector.events()).toHaveLength(12);
    for (const token of [bearer, readToken, ingestToken]) {
      for (const output of outputs) expect(output.includes(token) ? output : 'clean').toBe('clean');
    }
  });
});
