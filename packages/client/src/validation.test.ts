import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import type { ClientLogger } from './client-logger.js';
import type { DroppedEvent } from './client-events.js';
import { app, hook, plugin, testSetup, tracking } from './__fixtures__/fixtures.js';

describe('invalid facts', () => {
  it('are dropped and reported with their type and failing path while the others flow', async () => {
    const messages: string[] = [];
    const logger: ClientLogger = { warn: (message) => messages.push(message) };
    const { options, reducer, transport } = testSetup({ logger });
    const client = new AnalyticsEventsClient(options);
    const dropped: DroppedEvent[] = [];
    client.on('dropped', (event) => dropped.push(event));
    client.trackHookRun(tracking('before'), hook);
    client.trackHookRun({ modelSlug: 'gpt-5', threadId: 'thread-1' } as never, hook);
    client.trackFact({ type: 'not_a_fact' } as never);
    client.trackHookRun(tracking('after'), hook);
    const report = await client.flush();
    expect(report).toEqual({ sent: 2, failed: 0, dropped: { invalid_fact: 2 }, pending: 0 });
    expect(reducer.facts.map((fact) => fact.type === 'hook_run' && fact.tracking.turnId)).toEqual(['before', 'after']);
    expect(transport.events).toHaveLength(2);
    expect(dropped[0]).toMatchObject({ reason: 'invalid_fact', count: 1, unit: 'fact', factType: 'hook_run', path: 'tracking.turnId' });
    expect(dropped[1]).toMatchObject({ reason: 'invalid_fact', factType: 'not_a_fact', path: 'type' });
    expect(messages.some((message) => message.includes('hook_run') && message.includes('tracking.turnId'))).toBe(true);
  });

  it('never copies field values into the report', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const dropped: DroppedEvent[] = [];
    client.on('dropped', (event) => dropped.push(event));
    client.trackHookRun(tracking(), { ...hook, status: 'secret-status-value' } as never);
    await client.flush();
    expect(dropped).toHaveLength(1);
    expect(JSON.stringify(dropped)).not.toContain('secret-status-value');
  });
});

describe('garbage from a JS caller', () => {
  it('never throws from any track* call', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile getter');
        },
        ownKeys() {
          throw new Error('hostile keys');
        },
      },
    );
    const values: unknown[] = [undefined, null, 42, 'text', [], {}, hostile];
    const methods = [
      'trackSkillInvocations',
      'trackInitialize',
      'trackSubagentThreadStarted',
      'trackGuardianReview',
      'trackAppMentioned',
      'trackRequest',
      'trackAppUsed',
      'trackHookRun',
      'trackPluginUsed',
      'trackCompaction',
      'trackTurnResolvedConfig',
      'trackTurnTokenUsage',
      'trackTurnProfile',
      'trackTurnCodexError',
      'trackPluginInstalled',
      'trackPluginUninstalled',
      'trackPluginEnabled',
      'trackPluginDisabled',
      'trackResponse',
      'trackErrorResponse',
      'trackNotification',
      'trackFact',
    ] as const;
    let calls = 0;
    for (const method of methods) {
      for (const value of values) {
        const methodsByName = client as unknown as Record<string, (...args: unknown[]) => unknown>;
        expect(() => methodsByName[method]?.(value, value, value, value)).not.toThrow();
        calls += 1;
      }
    }
    const report = await client.flush();
    expect(report.sent).toBe(0);
    // Empty arrays for skills and mentions are no-ops; every other call is dropped as invalid.
    expect(report.dropped.invalid_fact).toBe(calls - 2);
  });

  it('does not dedupe arguments too malformed to give a key', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    client.trackAppUsed(null as never, app());
    client.trackAppUsed(null as never, app());
    client.trackPluginUsed(tracking(), { pluginId: null } as never);
    client.trackPluginUsed(tracking(), { pluginId: null } as never);
    client.trackPluginUsed(tracking(), plugin());
    expect((await client.flush()).dropped).toEqual({ invalid_fact: 4 });
  });
});

describe('a misbehaving reducer', () => {
  it('drops the fact it failed on (reducer_error) and keeps going', async () => {
    const { options, reducer } = testSetup();
    reducer.emit = (fact, seq) => {
      if (seq === 1) throw new Error('reducer bug');
      if (seq === 2) return [{ event_type: 'echo', value: BigInt(1) }];
      return [{ event_type: 'echo', seq, fact_type: fact.type }];
    };
    const client = new AnalyticsEventsClient(options);
    const dropped: DroppedEvent[] = [];
    client.on('dropped', (event) => dropped.push(event));
    for (let index = 0; index < 4; index += 1) client.trackHookRun(tracking(), hook);
    expect(await client.flush()).toEqual({ sent: 2, failed: 0, dropped: { reducer_error: 2 }, pending: 0 });
    expect(dropped[0]).toMatchObject({ reason: 'reducer_error', unit: 'fact', factType: 'hook_run' });
  });
});
