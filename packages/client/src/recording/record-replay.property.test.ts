import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { createAppServerTap } from '../app-server/app-server-tap.js';
import type { AppServerTap } from '../app-server/app-server-tap.js';
import { replayFactRecording } from './fact-recording.js';
import { FACT_SLICE_ITEMS } from '../delivery/reduce-fact.js';
import { runCli } from './replay-cli.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { app, chatgptAuth, hook, runtime, skill, tracking } from '../__fixtures__/fixtures.js';
import { startTestServer } from '../__fixtures__/test-server.js';
import { silentLogger } from '../client-logger.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-analytics-replay-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const turn = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  items: [],
  status: 'inProgress',
  error: null,
  startedAt: null,
  completedAt: null,
  durationMs: null,
  ...fields,
});
const thread = { id: 'thread-1', ephemeral: false, createdAt: 1_716_000_000, source: 'cli', turns: [] };

type Step = (tap: AppServerTap, client: AnalyticsEventsClient) => void;

/** The connection and its thread, played first in every run. */
const setup: Step[] = [
  (tap) => tap.toServer({ id: 0, method: 'initialize', params: { clientInfo: { name: 'codex-tui', version: '1.0.0' }, capabilities: null } }),
  (tap) => tap.fromServer({ id: 0, result: {} }),
  (tap) => tap.toServer({ id: 1, method: 'thread/start', params: {} }),
  (tap) => tap.fromServer({ id: 1, result: { thread, model: 'gpt-5', modelProvider: 'openai', approvalPolicy: 'never', approvalsReviewer: 'user', sandbox: { type: 'readOnly' } } }),
];

/** The messages and calls of the rest of the session; a run plays any subset of them in any order. */
const steps: Step[] = [
  ...[1, 2].flatMap((n) => [
    (tap: AppServerTap) => tap.toServer({ id: 10 + n, method: 'turn/start', params: { threadId: 'thread-1', input: [] } }),
    (tap: AppServerTap) => tap.fromServer({ id: 10 + n, result: { turn: turn(`turn-${n}`) } }),
    (tap: AppServerTap) => tap.fromServer({ method: 'turn/completed', params: { threadId: 'thread-1', turn: turn(`turn-${n}`, { status: 'completed', completedAt: 1_716_000_100 }) } }),
    (tap: AppServerTap) => tap.toServer({ id: 20 + n, method: 'turn/steer', params: { threadId: 'thread-1', expectedTurnId: `turn-${n}`, input: [] } }),
    (tap: AppServerTap) => tap.fromServer(n === 1 ? { id: 20 + n, result: { turnId: `turn-${n}` } } : { id: 20 + n, error: { code: -32600, message: 'no active turn to steer' } }),
  ]),
  (_tap, client) => client.trackHookRun(tracking('turn-1'), hook),
  (_tap, client) => client.trackSubagentThreadStarted({ threadId: 'sub-1', parentThreadId: 'thread-1', productClientId: 'p', clientName: 'c', clientVersion: '1', model: 'gpt-5', ephemeral: true, subagentSource: 'review', createdAt: 1 }),
  (tap) => tap.fromServer('{not json'),
];

describe('record and replay, over any order of a session', () => {
  it('invariant: what the client sent is what its recording replays to, byte for byte', async () => {
    let run = 0;
    let steers = 0;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(steps.map((_, index) => index)), fc.integer({ min: 1, max: 5_000 }), async (order, tickMs) => {
        run += 1;
        const path = join(dir, `run-${run}.ndjson`);
        const transport = new FakeTransport();
        let clock = 1_716_000_000_000;
        const client = new AnalyticsEventsClient({
          authManager: chatgptAuth(),
          baseUrl: 'https://chatgpt.example/backend-api/',
          transport,
          logger: silentLogger,
          runtimeMetadata: runtime,
          now: () => (clock += tickMs),
          reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
          recordFacts: { path },
        });
        const tap = createAppServerTap(client, { connectionId: 3, rpcTransport: 'stdio' });
        for (const step of setup) step(tap, client);
        for (const index of order) steps[index]!(tap, client);
        await client.shutdown();
        const replayed = await replayFactRecording(readFileSync(path, 'utf8'), { gitLookup: () => Promise.resolve(undefined) });
        expect(replayed.issues).toEqual([]);
        expect(replayed.events.map((event) => JSON.stringify(event))).toEqual(transport.events.map((event) => JSON.stringify(event)));
        steers += transport.events.filter((event) => event.event_type === 'codex_turn_steer_event').length;
      }),
      // The whole session in order, at three clock speeds, runs every time beside the random orders: each gives two
      // steer events, so the clock-dependent events are always part of the runs, whatever the random orders draw.
      { numRuns: 40, examples: [1, 997, 5_000].map((tickMs) => [steps.map((_, index) => index), tickMs] as [number[], number]) },
    );
    // The clock-dependent events (a steer's `created_at`) were part of the runs.
    expect(steers).toBeGreaterThan(5);
  });
});

/** Facts a client records in a run: any mix of steers (clock-dependent), list facts long enough to be sliced, and more. */
type FactStep =
  | { kind: 'steer'; answered: boolean }
  | { kind: 'mentions'; count: number }
  | { kind: 'skills'; count: number }
  | { kind: 'hook' };

const factStep: fc.Arbitrary<FactStep> = fc.oneof(
  fc.record({ kind: fc.constant('steer' as const), answered: fc.boolean() }),
  fc.record({ kind: fc.constant('mentions' as const), count: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: FACT_SLICE_ITEMS + 1, max: 3 * FACT_SLICE_ITEMS })) }),
  fc.record({ kind: fc.constant('skills' as const), count: fc.oneof(fc.constant(1), fc.integer({ min: FACT_SLICE_ITEMS + 1, max: 2 * FACT_SLICE_ITEMS })) }),
  fc.record({ kind: fc.constant('hook' as const) }),
);

function playFactStep(tap: AppServerTap, client: AnalyticsEventsClient, step: FactStep, index: number): void {
  switch (step.kind) {
    case 'steer': {
      const id = 100 + index;
      tap.toServer({ id, method: 'turn/steer', params: { threadId: 'thread-1', expectedTurnId: 'turn-1', input: [] } });
      tap.fromServer(step.answered ? { id, result: { turnId: 'turn-1' } } : { id, error: { code: -32600, message: 'no active turn to steer' } });
      return;
    }
    case 'mentions':
      client.trackAppMentioned(tracking('turn-1'), Array.from({ length: step.count }, (_, item) => app(`connector_${index}_${item}`)));
      return;
    case 'skills':
      client.trackSkillInvocations(tracking('turn-1'), Array.from({ length: step.count }, (_, item) => ({ ...skill, skillName: `skill-${item}` })));
      return;
    case 'hook':
      client.trackHookRun(tracking('turn-1'), hook);
      return;
  }
}

describe('record, then replay with --to, over any facts and any slicing', () => {
  it('invariant: the events `replay --to` sends are the recording client\'s, byte for byte, clocks included', async () => {
    const server = await startTestServer();
    let run = 0;
    let steers = 0;
    let sliced = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(factStep, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 5_000 }), async (factSteps, tickMs) => {
          run += 1;
          const path = join(dir, `sliced-${run}.ndjson`);
          const transport = new FakeTransport();
          let clock = 1_700_000_000_000;
          const client = new AnalyticsEventsClient({
            authManager: chatgptAuth(),
            baseUrl: 'https://chatgpt.example/backend-api/',
            transport,
            logger: silentLogger,
            runtimeMetadata: runtime,
            // Every read of the clock moves it: each fact is reduced at its own time, and a steer's created_at shows it.
            now: () => (clock += tickMs),
            reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
            recordFacts: { path },
          });
          const tap = createAppServerTap(client, { connectionId: 3, rpcTransport: 'stdio' });
          for (const step of setup) step(tap, client);
          factSteps.forEach((step, index) => playFactStep(tap, client, step, index));
          await client.shutdown();
          const recorded = transport.events.map((event) => JSON.stringify(event));
          const before = server.accepted().length;
          const out: string[] = [];
          const status = await runCli(['replay', path, '--to', server.baseUrl], {
            stdout: (text) => out.push(text),
            stderr: (text) => out.push(text),
            env: { CODEX_ANALYTICS_ACCESS_TOKEN: 'token', CODEX_ANALYTICS_ACCOUNT_ID: 'account' },
            // One request at a time: the events arrive in the order they were emitted.
            limits: { maxInFlightRequests: 1 },
          });
          expect(status).toBe(0);
          expect(server.accepted().slice(before).map((event) => JSON.stringify(event))).toEqual(recorded);
          steers += transport.events.filter((event) => event.event_type === 'codex_turn_steer_event').length;
          sliced += factSteps.filter((step) => step.kind !== 'steer' && step.kind !== 'hook' && step.count > FACT_SLICE_ITEMS).length;
        }),
        {
          numRuns: 15,
          // The finding's case every time: a fact reduced in slices (300 mentions), then a steer.
          examples: [[[{ kind: 'mentions', count: 300 }, { kind: 'steer', answered: false }], 3_600_000]],
        },
      );
    } finally {
      await server.close();
    }
    expect(steers).toBeGreaterThan(0);
    expect(sliced).toBeGreaterThan(0);
  });
});
