import type { AppInvocation, HookRunFact } from '@codex-analytics/facts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import type { ClientStats } from './delivery-report.js';
import { chatgptAuth, hook, runtime, tracking } from '../__fixtures__/fixtures.js';
import { startTestServer } from '../__fixtures__/test-server.js';
import type { Reply } from '../__fixtures__/test-server.js';

// The accounting invariant and worker progress, over random sequences of facts (good, throwing, cyclic, invalid,
// huge) against a real server on 127.0.0.1 with a random fault schedule (retryable statuses, Retry-After, resets,
// delays) that ends healthy. Bounded in `npm test`; `SOAK=1` runs it much longer.
const SOAK = process.env.SOAK === '1';
const NUM_RUNS = SOAK ? 400 : 10;
const MAX_FACTS = SOAK ? 120 : 30;

type FactSpec =
  | { kind: 'hook' }
  | { kind: 'mentions'; count: number }
  | { kind: 'cycle' }
  | { kind: 'getter' }
  | { kind: 'revoked' }
  | { kind: 'revokedEarly' }
  | { kind: 'invalid' }
  | { kind: 'huge'; count: number };

const factArb: fc.Arbitrary<FactSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'hook' as const }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }).map((count) => ({ kind: 'mentions' as const, count })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cycle' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'getter' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'revoked' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'revokedEarly' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: SOAK ? 5_000 : 1_500 }).map((count) => ({ kind: 'huge' as const, count })) },
);

const pauseArb = fc.constantFrom('none', 'none', 'microtask', 'immediate', 'sleep');

const faultArb: fc.Arbitrary<Reply> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ statusCode: 200 }) },
  { weight: 3, arbitrary: fc.constantFrom(500, 502, 503, 504, 408).map((statusCode) => ({ statusCode })) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1').map((seconds) => ({ statusCode: 429, headers: { 'retry-after': seconds } })) },
  { weight: 1, arbitrary: fc.constant({ statusCode: 503, headers: { 'retry-after': '1' } }) },
  { weight: 2, arbitrary: fc.constant({ statusCode: 0, reset: true }) },
  { weight: 2, arbitrary: fc.record({ statusCode: fc.constantFrom(200, 503), delayMs: fc.integer({ min: 1, max: 25 }) }) },
);

const limitsArb = fc.record({
  // Small enough to exercise the bounds and many requests, large enough that a run stays around a second.
  maxBatchEvents: fc.integer({ min: SOAK ? 1 : 10, max: 50 }),
  maxInFlightRequests: fc.integer({ min: 1, max: 4 }),
  maxPendingFacts: fc.integer({ min: 150, max: SOAK ? 2_000 : 600 }),
  // From sending at once to holding a partly filled batch past most pauses of the schedule.
  lingerMs: fc.integer({ min: 0, max: 60 }),
});

interface Scenario {
  steps: { fact: FactSpec; pause: string }[];
  schedule: Reply[];
  limits: { maxBatchEvents: number; maxInFlightRequests: number; maxPendingFacts: number; lingerMs: number };
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  steps: fc.array(fc.record({ fact: factArb, pause: pauseArb }), { minLength: 1, maxLength: MAX_FACTS }),
  schedule: fc.array(faultArb, { maxLength: SOAK ? 60 : 25 }),
  limits: limitsArb,
});

function totalDropped(stats: ClientStats): number {
  return Object.values(stats.dropped).reduce((sum, count) => sum + (count ?? 0), 0);
}

/** The promise under test: `enqueued = sent + failed + dropped + pending`, at this moment. */
function checkLedger(client: AnalyticsEventsClient, where: string, violations: string[]): void {
  const stats = client.stats();
  const accounted = stats.sent + stats.failed + totalDropped(stats) + stats.pending;
  if (accounted !== stats.enqueued) violations.push(`${where}: enqueued ${stats.enqueued} != accounted ${accounted} ${JSON.stringify(stats)}`);
}

const mentionList = (prefix: string, count: number): AppInvocation[] =>
  Array.from({ length: count }, (_, index) => ({ connectorId: `${prefix}_${index}`, appName: 'App', invocationType: 'explicit' }));

function pause(kind: string): Promise<void> {
  switch (kind) {
    case 'microtask':
      return Promise.resolve();
    case 'immediate':
      return new Promise((resolve) => setImmediate(resolve));
    case 'sleep':
      return new Promise((resolve) => setTimeout(resolve, 3));
    default:
      return Promise.resolve();
  }
}

/** What a good fact must put on the wire: its turn id and the events (by connector id, or one hook event). */
interface Expected {
  turnId: string;
  events: number;
  /** A huge fact may lose events to the pending bounds: at most `events`, never twice. */
  atMost: boolean;
}

async function runScenario({ steps, schedule, limits }: Scenario): Promise<void> {
  const server = await startTestServer((index) => schedule[index] ?? { statusCode: 200 });
  const warnings: string[] = [];
  const logger: ClientLogger = { warn: (message) => warnings.push(message) };
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: server.baseUrl,
    logger,
    runtimeMetadata: runtime,
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    initialBackoffMs: 2,
    maxBackoffMs: 20,
    maxRetryAfterMs: 20,
    requestTimeoutMs: 5_000,
    ...limits,
  });
  const violations: string[] = [];
  for (const name of ['sent', 'retry', 'dropped', 'failed'] as const) client.on(name, () => checkLedger(client, `on ${name}`, violations));
  const expected: Expected[] = [];
  const forbidden = new Set<string>();
  const revokeLater: (() => void)[] = [];
  try {
    for (let index = 0; index < steps.length; index += 1) {
      const step = steps[index];
      if (step === undefined) continue;
      const { fact, pause: pauseKind } = step;
      const turnId = `${fact.kind}-${index}`;
      const queueFullBefore = client.stats().dropped.queue_full ?? 0;
      let good: Expected | undefined;
      switch (fact.kind) {
        case 'hook':
          client.trackHookRun(tracking(turnId), hook);
          good = { turnId, events: 1, atMost: false };
          break;
        case 'mentions':
          client.trackAppMentioned(tracking(turnId), mentionList(turnId, fact.count));
          good = { turnId, events: fact.count, atMost: false };
          break;
        case 'cycle': {
          // A cycle outside what the schema reads: the fact is valid and must be delivered.
          const cyclic = { ...hook } as HookRunFact & { self?: unknown };
          cyclic.self = cyclic;
          client.trackHookRun(tracking(turnId), cyclic);
          good = { turnId, events: 1, atMost: false };
          break;
        }
        case 'getter': {
          let armed = false;
          const late = { eventName: hook.eventName, hookSource: hook.hookSource } as Record<string, unknown>;
          Object.defineProperty(late, 'status', {
            enumerable: true,
            get: () => {
              if (armed) throw new Error('draft finalized');
              return hook.status;
            },
          });
          client.trackHookRun(tracking(turnId), late as unknown as HookRunFact);
          revokeLater.push(() => (armed = true));
          forbidden.add(turnId);
          break;
        }
        case 'revoked': {
          const draft = Proxy.revocable({ ...hook }, {});
          client.trackHookRun(tracking(turnId), draft.proxy);
          revokeLater.push(draft.revoke);
          forbidden.add(turnId);
          break;
        }
        case 'revokedEarly': {
          const draft = Proxy.revocable({ ...hook }, {});
          draft.revoke();
          client.trackHookRun(tracking(turnId), draft.proxy);
          forbidden.add(turnId);
          break;
        }
        case 'invalid':
          client.trackHookRun({ ...tracking(turnId), threadId: 7 } as never, hook);
          forbidden.add(turnId);
          break;
        case 'huge':
          client.trackAppMentioned(tracking(turnId), mentionList(turnId, fact.count));
          good = { turnId, events: fact.count, atMost: true };
          break;
      }
      // A drop at the call (bounds reached) is synchronous: such a fact must not arrive.
      const droppedNow = (client.stats().dropped.queue_full ?? 0) > queueFullBefore;
      if (good !== undefined && !droppedNow) expected.push(good);
      if (good !== undefined && droppedNow) forbidden.add(turnId);
      // Getters and proxies start throwing once the caller's synchronous code is done, before the worker reads them.
      for (const revoke of revokeLater.splice(0)) revoke();
      checkLedger(client, `after step ${index}`, violations);
      await pause(pauseKind);
      checkLedger(client, `after pause ${index}`, violations);
    }
    // The server is healthy once its schedule is used up, so everything accepted must get through.
    const report = await client.flush({ timeoutMs: 30_000 });
    checkLedger(client, 'after flush', violations);
    expect(violations).toEqual([]);
    expect(report.pending).toBe(0);
    expect(report.failed).toBe(0);

    const byTurn = new Map<string, string[]>();
    for (const event of server.accepted()) {
      const params = event.event_params as { turn_id?: string; connector_id?: string };
      const turnId = params.turn_id ?? '';
      const list = byTurn.get(turnId) ?? [];
      list.push(params.connector_id ?? 'hook');
      byTurn.set(turnId, list);
    }
    for (const turnId of forbidden) expect(byTurn.has(turnId), `${turnId} must not be delivered`).toBe(false);
    const stats = client.stats();
    const hugeDropped = stats.dropped.pending_full ?? 0;
    for (const { turnId, events, atMost } of expected) {
      const got = byTurn.get(turnId) ?? [];
      // Exactly once: no event twice, and every event, unless the pending bounds cut events (a huge fact expanded
      // past them, and the facts queued behind it find them full): then at most once, and the cut is counted below.
      expect(new Set(got).size, `${turnId} duplicated`).toBe(got.length);
      if (atMost || hugeDropped > 0) expect(got.length).toBeLessThanOrEqual(events);
      else expect(got.length, `${turnId} delivered`).toBe(events);
    }
    const delivered = [...byTurn.values()].reduce((sum, list) => sum + list.length, 0);
    expect(delivered).toBe(stats.sent);
    expect(stats.sent + hugeDropped).toBe(expected.reduce((sum, item) => sum + item.events, 0));
  } finally {
    await client.shutdown({ timeoutMs: 1_000 });
    checkLedger(client, 'after shutdown', violations);
    await server.close();
  }
  expect(violations).toEqual([]);
}

describe('enqueued = sent + failed + dropped + pending, and the worker always makes progress', () => {
  it(
    'holds at every moment over random facts and fault schedules, delivering every valid fact exactly once',
    async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: NUM_RUNS, endOnFailure: true });
    },
    SOAK ? 3_600_000 : 120_000,
  );
});
