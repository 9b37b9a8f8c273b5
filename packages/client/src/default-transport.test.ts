import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { silentLogger } from './client-logger.js';
import { chatgptAuth, hook, tracking } from './__fixtures__/fixtures.js';
import { EchoReducer } from './__fixtures__/fake-reducer.js';
import { TestClock } from './__fixtures__/test-clock.js';

let agent: MockAgent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

describe('the default transport', () => {
  it('goes through the given dispatcher, and retries are the client’s own (the transport makes one attempt per send)', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    const origin = agent.get('https://chatgpt.example');
    const path = '/backend-api/codex/analytics-events/events';
    const bodies: string[] = [];
    origin.intercept({ path, method: 'POST' }).reply(503, 'busy');
    origin
      .intercept({
        path,
        method: 'POST',
        headers: { authorization: 'Bearer secret-token', 'chatgpt-account-id': 'account-1', 'content-type': 'application/json' },
        // MockAgent hands the body over as sent: the client sends it as UTF-8 bytes.
        body: (body: unknown) => {
          bodies.push(typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8'));
          return true;
        },
      })
      .reply(200, '{}');
    const clock = new TestClock();
    const client = new AnalyticsEventsClient({
      authManager: chatgptAuth(),
      baseUrl: 'https://chatgpt.example/backend-api',
      dispatcher: agent,
      reducer: new EchoReducer(),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0,
      logger: silentLogger,
    });
    client.trackHookRun(tracking(), hook);
    // The default linger (50 ms) holds the partly filled batch first; the virtual clock serves it.
    for (let step = 0; step < 100 && client.stats().sent === 0; step += 1) await clock.advance(1);
    expect(client.stats()).toMatchObject({ sent: 1, requests: 2, retries: 1, pending: 0 });
    expect(new Set(bodies)).toEqual(new Set(['{"events":[{"event_type":"echo","seq":0,"fact_type":"hook_run"}]}']));
    agent.assertNoPendingInterceptors();
    await client.shutdown({ timeoutMs: 0 });
  });
});
