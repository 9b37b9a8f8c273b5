import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from './create-http-transport.js';
import type { HttpTransportOptions } from './create-http-transport.js';
import type { Transport, TransportRequest } from './transport.js';
import { TransportError } from './transport-error.js';

const origin = 'https://analytics.test';
const url = `${origin}/codex/analytics-events/events`;
const path = '/codex/analytics-events/events';
const now = Date.UTC(2025, 0, 1, 12, 0, 0);

let mockAgent: MockAgent;
let transport: Transport | undefined;

beforeEach(() => {
  mockAgent = new MockAgent();
  mockAgent.disableNetConnect();
});

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  await mockAgent.close();
});

function makeTransport(options: HttpTransportOptions = {}): Transport {
  transport = createHttpTransport({ dispatcher: mockAgent, retry: false, now: () => now, ...options });
  return transport;
}

function post(overrides: Partial<TransportRequest> = {}): TransportRequest {
  return { url, headers: { 'content-type': 'application/json' }, body: '{"events":[]}', ...overrides };
}

// The interceptor type is not exported from undici's entry point, so it is inferred here.
function intercept() {
  return mockAgent.get(origin).intercept({ path, method: 'POST' });
}

describe('createHttpTransport: status classes', () => {
  it.each([200, 201, 202, 204])('%i is success, with lower-cased headers and the body text', async (statusCode) => {
    const body = statusCode === 204 ? '' : '{"ok":true}';
    intercept().reply(statusCode, body, { headers: { 'X-Request-Id': 'abc' } });
    const result = await makeTransport().send(post());
    expect(result).toEqual({ status: 'success', statusCode, headers: { 'x-request-id': 'abc' }, body });
  });

  it.each([301, 400, 401, 403, 404, 413, 422, 501, 505])('%i is a final failure with its status', async (statusCode) => {
    intercept().reply(statusCode, 'nope');
    const result = await makeTransport().send(post());
    expect(result).toMatchObject({ status: 'failure', statusCode, body: 'nope' });
    if (result.status !== 'failure') throw new Error('unreachable');
    expect(TransportError.isInstance(result.error)).toBe(true);
    expect(result.error).toMatchObject({ code: 'HTTP_STATUS', statusCode });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retryable with its status', async (statusCode) => {
    intercept().reply(statusCode, 'later');
    const result = await makeTransport().send(post());
    expect(result).toMatchObject({ status: 'retryable', statusCode, body: 'later' });
    expect(result).not.toHaveProperty('retryAfterMs');
  });
});

describe('createHttpTransport: Retry-After', () => {
  it('reads delta-seconds', async () => {
    intercept().reply(429, '', { headers: { 'retry-after': '3' } });
    expect(await makeTransport().send(post())).toMatchObject({ status: 'retryable', statusCode: 429, retryAfterMs: 3_000 });
  });

  it('reads an HTTP date relative to the injected clock', async () => {
    intercept().reply(503, '', { headers: { 'retry-after': 'Wed, 01 Jan 2025 12:00:42 GMT' } });
    expect(await makeTransport().send(post())).toMatchObject({ status: 'retryable', statusCode: 503, retryAfterMs: 42_000 });
  });

  it('ignores a malformed value', async () => {
    intercept().reply(503, '', { headers: { 'retry-after': 'whenever' } });
    expect(await makeTransport().send(post())).not.toHaveProperty('retryAfterMs');
  });
});

describe('createHttpTransport: the request', () => {
  it('sends method, headers and a string body as given', async () => {
    const seen: { method?: string; headers?: unknown; body?: unknown }[] = [];
    intercept().reply((options) => {
      seen.push({ method: options.method, headers: options.headers, body: options.body });
      return { statusCode: 200, data: '' };
    });
    const headers = { authorization: 'Bearer t0k3n', 'chatgpt-account-id': 'acc-1', 'content-type': 'application/json' };
    await makeTransport().send({ url, headers, body: '{"events":[1]}' });
    expect(seen).toEqual([{ method: 'POST', headers, body: '{"events":[1]}' }]);
  });

  it('sends a byte body unchanged', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    let received: unknown;
    intercept().reply((options) => {
      received = options.body;
      return { statusCode: 200, data: '' };
    });
    await makeTransport().send(post({ body: bytes }));
    expect(Buffer.from(received as Uint8Array)).toEqual(Buffer.from(bytes));
  });

  it('sends a GET without a body', async () => {
    mockAgent.get(origin).intercept({ path: '/status', method: 'GET' }).reply(200, 'fine');
    const result = await makeTransport().send({ url: `${origin}/status`, method: 'GET', headers: {} });
    expect(result).toMatchObject({ status: 'success', body: 'fine' });
  });

  it('keeps at most maxResponseBodyBytes of the response', async () => {
    intercept().reply(500, 'x'.repeat(10_000));
    const result = await makeTransport({ maxResponseBodyBytes: 16 }).send(post());
    expect(result).toMatchObject({ status: 'retryable', body: 'x'.repeat(16) });
  });

  it('turns an invalid URL into a failure instead of a throw', async () => {
    const result = await makeTransport().send(post({ url: 'not a url' }));
    expect(result.status).toBe('failure');
    if (result.status !== 'failure') throw new Error('unreachable');
    expect(result.error).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('createHttpTransport: errors as data', () => {
  it('times out a slow response as retryable', async () => {
    intercept().reply(200, 'late').delay(5_000);
    const result = await makeTransport({ timeoutMs: 20 }).send(post());
    expect(result.status).toBe('retryable');
    if (result.status !== 'retryable') throw new Error('unreachable');
    expect(result.error).toMatchObject({ code: 'TIMEOUT' });
  });

  it('lets a request override the timeout', async () => {
    intercept().reply(200, 'late').delay(5_000);
    const result = await makeTransport({ timeoutMs: 60_000 }).send(post({ timeoutMs: 20 }));
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'TIMEOUT' } });
  });

  it('reports a reset connection as a retryable network error', async () => {
    intercept().replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const result = await makeTransport().send(post());
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'NETWORK', causeCode: 'ECONNRESET' } });
  });

  it('reports a socket error nested in a cause as retryable', async () => {
    const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    intercept().replyWithError(new Error('wrapped', { cause: socketError }));
    const result = await makeTransport().send(post());
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'NETWORK', causeCode: 'UND_ERR_SOCKET' } });
  });

  it('does not retry an unknown error', async () => {
    intercept().replyWithError(new Error('something odd'));
    expect(await makeTransport().send(post())).toMatchObject({ status: 'failure', error: { code: 'UNEXPECTED' } });
  });

  it('fails at once, without sending, when the caller signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await makeTransport().send(post({ signal: controller.signal }));
    expect(result).toMatchObject({ status: 'failure', error: { name: 'AbortError', code: 'ABORTED' } });
    expect(mockAgent.pendingInterceptors()).toHaveLength(0);
  });

  it('fails (not retryable) when the caller aborts while waiting for the response', async () => {
    intercept().reply(200, 'late').delay(5_000);
    const controller = new AbortController();
    const pending = makeTransport().send(post({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('shutdown deadline')), 5);
    const result = await pending;
    expect(result).toMatchObject({ status: 'failure', error: { name: 'AbortError', code: 'ABORTED' } });
  });
});

describe('createHttpTransport: lifecycle', () => {
  it('does not close an injected dispatcher, and refuses to send once closed', async () => {
    intercept().reply(200, 'one');
    const first = makeTransport();
    await first.close();
    expect(await first.send(post())).toMatchObject({ status: 'failure', error: { code: 'CLOSED' } });
    const second = makeTransport();
    expect(await second.send(post())).toMatchObject({ status: 'success', body: 'one' });
  });

  it('reports a dispatcher closed by its owner as CLOSED, not retryable', async () => {
    const ownersAgent = new MockAgent();
    ownersAgent.disableNetConnect();
    const sender = createHttpTransport({ dispatcher: ownersAgent, retry: false });
    await ownersAgent.close();
    expect(await sender.send(post())).toMatchObject({ status: 'failure', error: { code: 'CLOSED' } });
  });

  it('rejects options it cannot honour at construction', () => {
    expect(() => createHttpTransport({ dispatcher: mockAgent, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createHttpTransport({ dispatcher: mockAgent, maxResponseBodyBytes: -1 })).toThrow(RangeError);
  });
});

describe('createHttpTransport: retry composition', () => {
  it('wraps the transport in the retry policy by default', async () => {
    intercept().reply(200, 'ok');
    transport = createHttpTransport({ dispatcher: mockAgent });
    expect(await transport.send(post())).toMatchObject({ status: 'success', attempts: 1 });
  });

  it('retries with the given policy', async () => {
    intercept().reply(503, 'busy');
    intercept().reply(200, 'ok');
    const sleeps: number[] = [];
    const result = await makeTransport({
      retry: { random: () => 0.5, sleep: (ms) => Promise.resolve(void sleeps.push(ms)) },
    }).send(post());
    expect(result).toMatchObject({ status: 'success', body: 'ok', attempts: 2 });
    expect(sleeps).toEqual([500]);
  });

  it('makes a single attempt with retry: false', async () => {
    intercept().reply(503, 'busy');
    intercept().reply(200, 'ok');
    expect(await makeTransport({ retry: false }).send(post())).toMatchObject({ status: 'retryable', statusCode: 503 });
    expect(mockAgent.pendingInterceptors()).toHaveLength(1);
  });
});
