import { afterEach, describe, expect, it } from 'vitest';
import { createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { Collector, CollectorOptions } from './collector-options.js';
import { READ_TOKEN_HEADER } from './read-access.js';
import { startCollector } from './start-collector.js';

const readToken = 'read-token-0123456789';
const limits = { requestsPerSecond: 1, requestBurst: 1, bytesPerSecond: 10 * 1024 * 1024, byteBurst: 10 * 1024 * 1024 };

/** What a TLS-terminating reverse proxy in front of the collector forwards (simulated on 127.0.0.1). */
describe('behind a reverse proxy', () => {
  let collector: Collector | undefined;
  const http = createTestHttp();
  afterEach(async () => {
    await collector?.close();
  });
  const start = async (options: CollectorOptions) => {
    collector = await startCollector({ now: () => 0, ...options });
    return collector;
  };

  it('accepts the public origin (--public-origin) in Host and Origin, and only it; the ticket cookie is Secure over https', async () => {
    const running = await start({ readToken, requireReadToken: true, trustProxy: true, publicOrigins: ['https://analytics.example.com'] });
    const session = (headers: Record<string, string>) =>
      http.send(`${running.url}/api/session`, { method: 'POST', body: '{}', headers: { [READ_TOKEN_HEADER]: readToken, ...headers } });
    const proxied = await session({ host: 'analytics.example.com', origin: 'https://analytics.example.com', 'x-forwarded-proto': 'https' });
    expect(proxied.status).toBe(204);
    expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure/);
    expect((await session({ host: 'analytics.example.com', origin: 'https://evil.example' })).status).toBe(403);
    expect((await session({ host: 'other.example.com' })).status).toBe(403);
    expect(String((await session({})).headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('charges budgets to the last X-Forwarded-For hop only with trustProxy; without it, to the socket address', async () => {
    // No chatgpt-account-id: the source is the client address (and the request is refused 401 once within budget).
    const noAccount = (running: Collector, forwardedFor: string) =>
      http.send(`${running.url}/codex/analytics-events/events`, {
        method: 'POST',
        body: JSON.stringify({ events: [hookRunEvent()] }),
        headers: { authorization: 'Bearer some-access-token', 'x-forwarded-for': forwardedFor },
      });
    const trusting = await start({ trustProxy: true, rateLimits: limits });
    expect((await noAccount(trusting, '203.0.113.9, 198.51.100.1')).status).toBe(401);
    expect((await noAccount(trusting, '203.0.113.9, 198.51.100.1')).status).toBe(429);
    expect((await noAccount(trusting, '203.0.113.9, 198.51.100.2')).status).toBe(401);
    await trusting.close();
    const plain = await start({ rateLimits: limits });
    expect((await noAccount(plain, '198.51.100.1')).status).toBe(401);
    expect((await noAccount(plain, '198.51.100.2')).status).toBe(429);
  });
});
