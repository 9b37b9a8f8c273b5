import { createStaticAuthManager } from '@codex-analytics/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import type { ClientLogger } from './client-logger.js';
import { MAX_FRAGMENT_CHARS, redactResponseText } from './redact-response-text.js';
import { hook, runtime, tracking } from './__fixtures__/fixtures.js';
import { startTestServer } from './__fixtures__/test-server.js';
import type { TestServer } from './__fixtures__/test-server.js';

// Planted secrets: the request's own credentials, and credentials of other shapes a server might echo.
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFudGVkLXVzZXIifQ.c2lnbmF0dXJlLXBsYW50ZWQ';
const ACCOUNT_ID = 'acct-4f1d9c2e-planted';
const OTHER_KEY = 'sk-proj-PLANTEDkey0123456789abcdef';
const OTHER_BEARER = 'Bearer planted.opaque.token';
const SECRETS = [ACCESS_TOKEN, ...ACCESS_TOKEN.split('.'), ACCOUNT_ID, OTHER_KEY, 'planted.opaque.token', 'PLANTED'];

describe('redactResponseText', () => {
  it('removes the values the request carried, in every escaped form', () => {
    const carried = [`Bearer ${ACCESS_TOKEN}`, ACCOUNT_ID];
    const text = `forbidden: ${JSON.stringify({ authorization: `Bearer ${ACCESS_TOKEN}` })} ${encodeURIComponent(ACCOUNT_ID)} ${ACCOUNT_ID}`;
    const safe = redactResponseText(text, carried);
    for (const secret of SECRETS) expect(safe).not.toContain(secret);
    expect(safe).toContain('forbidden');
  });

  it('removes anything shaped like a bearer token, a JWT, an API key or a long token run', () => {
    const text = `a ${OTHER_BEARER} b eyJfoo.eyJbar.baz c ${OTHER_KEY} d api_key=abc123 e 0123456789abcdef0123456789abcdef f`;
    const safe = redactResponseText(text);
    for (const secret of ['planted.opaque.token', 'eyJfoo', OTHER_KEY, 'abc123', '0123456789abcdef0123456789abcdef']) {
      expect(safe).not.toContain(secret);
    }
    expect(safe).toContain('a ');
  });

  it('never cuts a secret in half, flattens control characters and caps the length', () => {
    const text = `${'x '.repeat(95)}${ACCESS_TOKEN}\n\u001b[31mred`;
    const safe = redactResponseText(text, [ACCESS_TOKEN]);
    expect(safe.length).toBeLessThanOrEqual(MAX_FRAGMENT_CHARS + 1);
    expect(safe).not.toMatch(/[\u0000-\u001f]/);
    for (const part of ACCESS_TOKEN.split('.')) expect(safe).not.toContain(part.slice(0, 12));
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('no secret in any output', () => {
  it('a server that echoes the request headers in its error bodies leaks nothing into warnings, listeners, reports or stats', async () => {
    const echo = (headers: Record<string, unknown>): string =>
      JSON.stringify({ error: 'denied', echo: headers, hint: `try ${OTHER_BEARER} or ${OTHER_KEY}` });
    server = await startTestServer((index) => {
      if (index === 0) return { statusCode: 403, body: echo };
      if (index === 1) return { statusCode: 400, body: (headers) => `bad request, Authorization: ${String(headers.authorization)}` };
      if (index === 2) return { statusCode: 503, body: echo };
      if (index === 3) return { statusCode: 0, reset: true };
      return { statusCode: 401, body: (headers) => `${String(headers['chatgpt-account-id'])} ${String(headers.authorization)}` };
    });
    const outputs: unknown[] = [];
    const logger: ClientLogger = { warn: (message) => outputs.push(message) };
    const client = new AnalyticsEventsClient({
      authManager: createStaticAuthManager({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID }),
      baseUrl: server.baseUrl,
      logger,
      runtimeMetadata: runtime,
      maxBatchEvents: 1,
      maxInFlightRequests: 1,
      initialBackoffMs: 1,
      maxBackoffMs: 5,
    });
    for (const name of ['sent', 'retry', 'dropped', 'failed'] as const) client.on(name, (event) => outputs.push(event));
    for (let index = 0; index < 4; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    outputs.push(await client.flush({ timeoutMs: 5_000 }));
    outputs.push(client.stats());
    outputs.push(await client.shutdown({ timeoutMs: 1_000 }));
    // The server did echo the credentials (so the test can fail), and the client reported the failures.
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(outputs.filter((output) => typeof output === 'object' && output !== null && 'reason' in output).length).toBeGreaterThan(0);
    const everything = JSON.stringify(outputs);
    expect(everything).toContain('status 403');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it('an ingest token goes with every request, and a server echoing it leaks it into nothing the client outputs', async () => {
    const INGEST = 'ingest-token-planted-4c0f9e2a7d31';
    server = await startTestServer((index) => {
      if (index === 0) return { statusCode: 400, body: (headers) => `bad request, ingest token ${String(headers['x-codex-analytics-ingest-token'])}` };
      if (index === 1) return { statusCode: 503, body: (headers) => JSON.stringify({ echo: headers }) };
      return { statusCode: 200 };
    });
    const outputs: unknown[] = [];
    const client = new AnalyticsEventsClient({
      authManager: createStaticAuthManager({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID }),
      baseUrl: server.baseUrl,
      ingestToken: INGEST,
      logger: { warn: (message) => outputs.push(message) },
      runtimeMetadata: runtime,
      maxBatchEvents: 1,
      maxInFlightRequests: 1,
      initialBackoffMs: 1,
      maxBackoffMs: 5,
    });
    for (const name of ['sent', 'retry', 'dropped', 'failed'] as const) client.on(name, (event) => outputs.push(event));
    for (let index = 0; index < 3; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    outputs.push(await client.flush({ timeoutMs: 5_000 }));
    outputs.push(await client.shutdown({ timeoutMs: 1_000 }));
    expect(server.received.length).toBeGreaterThanOrEqual(3);
    for (const request of server.received) expect(request.headers['x-codex-analytics-ingest-token']).toBe(INGEST);
    const everything = JSON.stringify(outputs);
    expect(everything).toContain('status 400');
    expect(everything).not.toContain(INGEST);
  });
});
