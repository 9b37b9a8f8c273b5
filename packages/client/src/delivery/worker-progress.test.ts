import type { HookRunFact } from '@codex-analytics/facts';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { DroppedEvent } from '../client-events.js';
import type { ClientStats } from './delivery-report.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';
import { settle } from '../__fixtures__/test-clock.js';

/** `enqueued = sent + failed + dropped + pending`, the accounting promise (README, "Accounting"). */
function ledger(stats: ClientStats): { enqueued: number; accounted: number } {
  const dropped = Object.values(stats.dropped).reduce((sum, count) => sum + (count ?? 0), 0);
  return { enqueued: stats.enqueued, accounted: stats.sent + stats.failed + dropped + stats.pending };
}

/** A hook whose `status` getter starts throwing once `arm()` is called (after the track call read it). */
function hookThatThrowsLater(): { hook: HookRunFact; arm: () => void } {
  let armed = false;
  const target = { eventName: hook.eventName, hookSource: hook.hookSource } as Record<string, unknown>;
  Object.defineProperty(target, 'status', {
    enumerable: true,
    get: () => {
      if (armed) throw new Error('the producer has returned');
      return hook.status;
    },
  });
  return { hook: target as unknown as HookRunFact, arm: () => (armed = true) };
}

describe('the worker always makes progress', () => {
  it('drops a fact revoked after its track call (an Immer draft) as invalid_fact and sends the facts after it', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const dropped: DroppedEvent[] = [];
    client.on('dropped', (event) => dropped.push(event));
    const draft = Proxy.revocable({ ...hook }, {});
    client.trackHookRun(tracking('turn-draft'), draft.proxy);
    for (let index = 0; index < 5; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    draft.revoke();
    // No further track*, flush or shutdown: the worker alone must get past the bad fact.
    await settle();
    expect(transport.events.map((event) => event.seq)).toHaveLength(5);
    const stats = client.stats();
    expect(stats).toMatchObject({ sent: 5, pending: 0, dropped: { invalid_fact: 1 } });
    expect(ledger(stats)).toEqual({ enqueued: 6, accounted: 6 });
    expect(dropped).toEqual([
      { reason: 'invalid_fact', count: 1, unit: 'fact', factType: 'hook_run', path: '(root)', message: expect.stringContaining('could not be read') },
    ]);
  });

  it('drops a fact whose getter throws only when the worker reads it, and goes on', async () => {
    const { options, transport } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const late = hookThatThrowsLater();
    client.trackHookRun(tracking('turn-a'), hook);
    client.trackHookRun(tracking('turn-getter'), late.hook);
    client.trackHookRun(tracking('turn-b'), hook);
    late.arm();
    await settle();
    expect(transport.events).toHaveLength(2);
    expect(ledger(client.stats())).toEqual({ enqueued: 3, accounted: 3 });
    expect(client.stats().dropped).toEqual({ invalid_fact: 1 });
  });

  it('flush resolves as soon as the facts after a bad one are delivered, not at its timeout', async () => {
    const { options, clock } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const start = clock.time;
    const draft = Proxy.revocable({ ...hook }, {});
    client.trackHookRun(tracking('turn-draft'), draft.proxy);
    client.trackHookRun(tracking('turn-1'), hook);
    draft.revoke();
    let report: unknown;
    void client.flush({ timeoutMs: 60_000 }).then((value) => (report = value));
    await settle();
    expect(report).toEqual({ sent: 1, failed: 0, dropped: { invalid_fact: 1 }, pending: 0 });
    expect(clock.time).toBe(start);
  });

  it('drops a fact whose reducer throws or emits an unserializable (cyclic) event as reducer_error, and goes on', async () => {
    const { options, transport, reducer } = testSetup();
    reducer.emit = (fact, seq) => {
      if (fact.type === 'hook_run' && fact.tracking.turnId === 'turn-throw') throw new Error('reducer bug');
      if (fact.type === 'hook_run' && fact.tracking.turnId === 'turn-cycle') {
        const event: Record<string, unknown> = { event_type: 'echo', seq };
        event.self = event;
        return [event];
      }
      return [{ event_type: 'echo', seq }];
    };
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking('turn-throw'), hook);
    client.trackHookRun(tracking('turn-cycle'), hook);
    client.trackHookRun(tracking('turn-ok'), hook);
    await settle();
    expect(transport.events).toHaveLength(1);
    expect(client.stats().dropped).toEqual({ reducer_error: 2 });
    expect(ledger(client.stats())).toEqual({ enqueued: 3, accounted: 3 });
  });

  it('keeps the ledger at every moment, the fact being reduced counted as pending', async () => {
    const { options, reducer } = testSetup();
    const seen: { enqueued: number; accounted: number }[] = [];
    const client = new AnalyticsEventsClient(options);
    const emit = reducer.emit;
    reducer.emit = (fact, seq) => {
      seen.push(ledger(client.stats()));
      return emit(fact, seq);
    };
    for (let index = 0; index < 3; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    await client.flush();
    expect(seen).toHaveLength(3);
    for (const moment of seen) expect(moment.accounted).toBe(moment.enqueued);
  });
});
