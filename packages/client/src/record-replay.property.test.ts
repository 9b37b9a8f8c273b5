import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { createAppServerTap } from './app-server-tap.js';
import type { AppServerTap } from './app-server-tap.js';
import { replayFactRecording } from './fact-recording.js';
import { FakeTransport } from './__tests__/fake-transport.js';
import { chatgptAuth, hook, runtime, tracking } from './__tests__/fixtures.js';
import { silentLogger } from './client-logger.js';

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
