import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import type { ClientLogger } from './client-logger.js';
import type { SentEvent } from './client-events.js';
import { hook, testSetup, tracking } from './__fixtures__/fixtures.js';
import { ok, status } from './__fixtures__/fake-transport.js';
import { settle } from './__fixtures__/test-clock.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('listeners', () => {
  it('get typed sent events, and stop after unsubscribing', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const sent: SentEvent[] = [];
    const unsubscribe = client.on('sent', (event) => sent.push(event));
    client.trackHookRun(tracking(), hook);
    await client.flush();
    unsubscribe();
    client.trackHookRun(tracking(), hook);
    await client.flush();
    expect(sent).toEqual([{ events: 1, statusCode: 200, attempt: 1 }]);
  });

  it('that throw are caught and logged; the other listeners and the delivery carry on', async () => {
    const messages: string[] = [];
    const logger: ClientLogger = { warn: (message) => messages.push(message) };
    const { options } = testSetup({ logger });
    const client = new AnalyticsEventsClient(options);
    let calls = 0;
    client.on('sent', () => {
      throw new Error('listener bug');
    });
    client.on('sent', () => {
      calls += 1;
    });
    client.trackHookRun(tracking(), hook);
    expect((await client.flush()).sent).toBe(1);
    expect(calls).toBe(1);
    expect(messages).toEqual(["an analytics 'sent' listener threw; ignored"]);
    expect(unhandled).toEqual([]);
  });
});

describe('no unhandled rejection, whatever happens', () => {
  it('survives a rejecting auth manager, a throwing transport, logger, listeners and reducer together', async () => {
    let authCalls = 0;
    const authManager: AuthManager = {
      auth: () => {
        authCalls += 1;
        return authCalls % 2 === 0 ? Promise.reject(new Error('auth down')) : Promise.resolve(undefined);
      },
      chatgptAuthorizationHeaderForAuth: () => Promise.reject(new Error('no header')),
      chatgptBearerAuthorizationHeaderForAuth: () => undefined,
    };
    const logger: ClientLogger = {
      warn: () => {
        throw new Error('logger bug');
      },
    };
    const { options, reducer, transport, clock } = testSetup({ authManager, logger, maxBatchEvents: 1 });
    reducer.emit = (_fact, seq) => {
      if (seq % 3 === 0) throw new Error('reducer bug');
      return [{ event_type: 'echo', seq }];
    };
    transport.respond((_request, index) => {
      if (index % 2 === 0) throw new Error('transport bug');
      return index % 3 === 0 ? status(503) : ok;
    });
    const client = new AnalyticsEventsClient(options);
    for (const name of ['sent', 'dropped', 'failed', 'retry'] as const) {
      client.on(name, () => {
        throw new Error(`${name} listener bug`);
      });
    }
    for (let index = 0; index < 30; index += 1) client.trackHookRun(tracking(), hook);
    client.trackFact({ type: 'bad' } as never);
    await clock.advance(5_000);
    const shutting = client.shutdown({ timeoutMs: 1_000 });
    await clock.advance(1_000);
    const report = await shutting;
    await settle();
    expect(unhandled).toEqual([]);
    expect(report.pending).toBe(0);
    expect(report.dropped).toMatchObject({ reducer_error: 10, invalid_fact: 1 });
    expect((report.dropped.no_auth ?? 0) + (report.dropped.auth_error ?? 0)).toBe(20);
  });
});
