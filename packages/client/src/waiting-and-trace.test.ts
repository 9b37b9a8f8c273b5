import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { createAppServerTap } from './app-server/app-server-tap.js';
import type { AcceptedEvent, EmittedEvent } from './client-events.js';
import type { AnalyticsEventsClientOptions } from './client-options.js';
import { FakeTransport } from './__fixtures__/fake-transport.js';
import { chatgptAuth, runtime } from './__fixtures__/fixtures.js';

function newClient(overrides: Partial<AnalyticsEventsClientOptions> = {}) {
  const warnings: string[] = [];
  const debug: string[] = [];
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport: new FakeTransport(),
    logger: { warn: (message) => warnings.push(message), debug: (message) => debug.push(message) },
    runtimeMetadata: runtime,
    now: () => 1_716_000_000_000,
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    ...overrides,
  });
  return { client, warnings, debug };
}

/** The session: initialize, thread/start, turn/start, turn/started, turn/completed, and no resolved config. */
function playWithoutConfig(client: AnalyticsEventsClient): void {
  const tap = createAppServerTap(client, { connectionId: 1, rpcTransport: 'stdio', resolvedConfig: false });
  tap.toServer({ id: 0, method: 'initialize', params: { clientInfo: { name: 'my-client', version: '1.0.0' }, capabilities: null } });
  tap.fromServer({ id: 0, result: {} });
  tap.toServer({ id: 1, method: 'thread/start', params: {} });
  tap.fromServer({ id: 1, result: { thread: { id: 'thread-1', ephemeral: false, createdAt: 1, source: 'cli', turns: [] }, model: 'gpt-5' } });
  tap.toServer({ id: 2, method: 'turn/start', params: { threadId: 'thread-1', input: [] } });
  tap.toServer({ id: 3, method: 'turn/steer', params: { threadId: 'thread-1', expectedTurnId: 'turn-1', input: [] } });
  const turn = { id: 'turn-1', items: [], status: 'inProgress', error: null, startedAt: 1, completedAt: null, durationMs: null };
  tap.fromServer({ id: 2, result: { turn } });
  tap.fromServer({ method: 'turn/started', params: { threadId: 'thread-1', turn } });
  tap.fromServer({ method: 'turn/completed', params: { threadId: 'thread-1', turn: { ...turn, status: 'completed', completedAt: 2, durationMs: 1000 } } });
}

describe('nothing pending without a reason', () => {
  it('stats().waiting names the turn and the fact it waits for, and the unanswered steer', async () => {
    const { client } = newClient();
    playWithoutConfig(client);
    await client.flush();
    const stats = client.stats();
    expect(stats.pending).toBe(0);
    expect(stats.waiting).toEqual({
      turns: 1,
      requests: 1,
      waitingTurns: [{ turnId: 'turn-1', threadId: 'thread-1', waitingFor: ['turn_resolved_config'] }],
      waitingRequests: [{ connectionId: 1, requestId: 3, method: 'turn/steer', threadId: 'thread-1', waitingFor: ['turn_steer_response'] }],
    });
  });

  it('stats() lists at most 10 of each, with exact totals; waiting(limit) gives more', async () => {
    const { client } = newClient();
    for (let turn = 0; turn < 25; turn += 1) client.trackNotification({ method: 'turn/completed', params: { threadId: 't', turn: { id: `turn-${turn}`, items: [], status: 'completed', error: null, startedAt: null, completedAt: 2, durationMs: 5 } } });
    await client.flush();
    expect(client.stats().waiting).toMatchObject({ turns: 25 });
    expect(client.stats().waiting?.waitingTurns).toHaveLength(10);
    expect(client.waiting(25)?.waitingTurns).toHaveLength(25);
  });

  it('shutdown says once, plainly, which turns never got their facts', async () => {
    const { client, warnings } = newClient();
    playWithoutConfig(client);
    await client.shutdown();
    await client.shutdown();
    expect(warnings.filter((message) => message.includes('codex_turn_event'))).toEqual([
      'analytics: 1 turn(s) never got every fact their codex_turn_event needs, so none was sent; missing: turn_resolved_config 1. ' +
        'The reducer README says which track* call or app-server message supplies each.',
    ]);
  });

  it('a disabled client or a reducer that cannot say reports null', () => {
    expect(AnalyticsEventsClient.disabled().stats().waiting).toBeNull();
    const { client } = newClient({ reducer: { ingest: () => Promise.resolve([]) } });
    expect(client.stats().waiting).toBeNull();
  });
});

describe('the trace (debug level, accepted and emitted listeners), off by default', () => {
  it('logs nothing at debug level unless debug is on', async () => {
    const { client, debug } = newClient();
    playWithoutConfig(client);
    await client.flush();
    expect(debug).toEqual([]);
  });

  it('with debug on, each accepted fact and each emitted event is one line with types only', async () => {
    const { client, debug } = newClient({ debug: true });
    playWithoutConfig(client);
    await client.flush();
    expect(debug.slice(0, 4)).toEqual([
      'fact #1 accepted: initialize',
      'fact #2 accepted: client_response',
      'fact #2 emitted: codex_thread_initialized',
      'fact #3 accepted: client_request',
    ]);
    expect(debug.join('\n')).not.toContain('my-client');
    expect(debug.filter((line) => line.includes('accepted'))).toHaveLength(client.stats().reducedFacts);
  });

  it('the accepted and emitted listeners get the parsed fact with its clock, and the event', async () => {
    const { client } = newClient();
    const accepted: AcceptedEvent[] = [];
    const emitted: EmittedEvent[] = [];
    client.on('accepted', (event) => accepted.push(event));
    client.on('emitted', (event) => emitted.push(event));
    client.trackFact({ type: 'not_a_fact' } as never);
    playWithoutConfig(client);
    await client.flush();
    expect(accepted.map((event) => event.fact.type)).toEqual([
      'initialize',
      'client_response',
      'client_request',
      'client_request',
      'client_response',
      'notification',
      'notification',
    ]);
    expect(accepted[0]).toMatchObject({ seq: 2, atMs: 1_716_000_000_000 });
    expect(emitted).toEqual([{ seq: 3, event: expect.objectContaining({ event_type: 'codex_thread_initialized' }) as unknown }]);
  });
});

describe('accepted and emitted, fact by fact', () => {
  it('pair each event with the fact it came from (same seq, that fact, its dequeue time), with listeners added mid-stream and invalid facts between', async () => {
    let clock = 1_716_000_000_000;
    const { client } = newClient({ now: () => (clock += 7) });
    const accepted: AcceptedEvent[] = [];
    const emitted: EmittedEvent[] = [];
    const hook = { eventName: 'Stop', hookSource: 'user', status: 'completed' } as const;
    const track = (index: number) => client.trackHookRun({ modelSlug: 'm', threadId: 'thread-1', turnId: `turn-${index}` }, hook);
    for (let index = 0; index < 20; index += 1) track(index);
    await client.flush();
    client.on('emitted', (event) => emitted.push(event));
    for (let index = 20; index < 40; index += 1) {
      track(index);
      if (index % 5 === 0) client.trackFact({ type: 'not_a_fact' } as never);
    }
    await client.flush();
    client.on('accepted', (event) => accepted.push(event));
    for (let index = 40; index < 60; index += 1) track(index);
    await client.flush();

    const turnOf = (event: EmittedEvent) => (event.event.event_params as { turn_id?: string }).turn_id;
    expect(emitted.map(turnOf)).toEqual(Array.from({ length: 40 }, (_, index) => `turn-${index + 20}`));
    expect(accepted.map((event) => (event.fact as { tracking: { turnId: string } }).tracking.turnId)).toEqual(
      Array.from({ length: 20 }, (_, index) => `turn-${index + 40}`),
    );
    // 20 hook runs, then 20 with 4 invalid facts among them, then 20: the seq counts every fact taken off the queue.
    expect(emitted.slice(20).map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => 45 + index));
    expect(accepted.map((event) => event.seq)).toEqual(emitted.slice(20).map((event) => event.seq));
    const times = accepted.map((event) => event.atMs);
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
