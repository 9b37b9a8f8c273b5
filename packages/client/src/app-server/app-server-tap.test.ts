import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { createAppServerTap } from './app-server-tap.js';
import type { AppServerTapOptions } from './app-server-tap.js';
import type { DroppedEvent } from '../client-events.js';
import type { AnalyticsEventsClientOptions } from '../client-options.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { chatgptAuth, runtime } from '../__fixtures__/fixtures.js';
import { silentLogger } from '../client-logger.js';

const THREAD = 'thread-1';

function setup(tapOptions: Partial<AppServerTapOptions> = {}, clientOptions: Partial<AnalyticsEventsClientOptions> = {}) {
  const transport = new FakeTransport();
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    logger: silentLogger,
    runtimeMetadata: runtime,
    now: () => 1_716_000_000_000,
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    wireEra: 'seed',
    ...clientOptions,
  });
  const tap = createAppServerTap(client, { connectionId: 7, rpcTransport: 'stdio', ...tapOptions });
  const dropped: DroppedEvent[] = [];
  client.on('dropped', (event) => dropped.push(event));
  const events = async () => {
    await client.flush({ timeoutMs: 1_000 });
    return transport.events as { event_type: string; event_params: Record<string, unknown> }[];
  };
  return { client, tap, transport, dropped, events };
}

const initialize = (id: number | string = 0) => ({
  id,
  method: 'initialize',
  params: { clientInfo: { name: 'codex_vscode', title: 'VS Code', version: '1.2.3' }, capabilities: { experimentalApi: true } },
});
const initializeResult = (id: number | string = 0) => ({ id, result: { userAgent: 'codex_vscode/0.169.0', platformOs: 'linux' } });
const threadStart = (id: number) => ({ id, method: 'thread/start', params: { cwd: '/repo' } });
const threadResult = (id: number, threadId = THREAD, extra: Record<string, unknown> = {}) => ({
  id,
  result: {
    thread: { id: threadId, ephemeral: false, createdAt: 1_716_000_000, source: 'vscode', turns: [], preview: '' },
    model: 'gpt-5-codex',
    modelProvider: 'openai',
    serviceTier: null,
    approvalPolicy: 'on-request',
    approvalsReviewer: 'user',
    sandbox: { type: 'workspaceWrite', writableRoots: ['/repo'], networkAccess: true },
    reasoningEffort: 'medium',
    ...extra,
  },
});
const turnStart = (id: number, params: Record<string, unknown> = {}) => ({
  id,
  method: 'turn/start',
  params: { threadId: THREAD, input: [{ type: 'text', text: 'hi', text_elements: [] }, { type: 'localImage', path: '/a.png' }], ...params },
});
const protocolTurn = (turnId: string, fields: Record<string, unknown> = {}) => ({
  id: turnId,
  items: [],
  status: 'inProgress',
  error: null,
  startedAt: null,
  completedAt: null,
  durationMs: null,
  ...fields,
});
const turnResult = (id: number, turnId: string) => ({ id, result: { turn: protocolTurn(turnId) } });
const turnStarted = (turnId: string) => ({ method: 'turn/started', params: { threadId: THREAD, turn: protocolTurn(turnId, { startedAt: 1_716_000_001 }) } });
const turnCompleted = (turnId: string) => ({
  method: 'turn/completed',
  params: { threadId: THREAD, turn: protocolTurn(turnId, { status: 'completed', startedAt: 1_716_000_001, completedAt: 1_716_000_009, durationMs: 8_000 }) },
  emittedAtMs: 1_716_000_009_000,
});

/** The five messages of the issue: nothing hand-built, one turn event out. */
function playTurn(tap: ReturnType<typeof createAppServerTap>, asText: boolean): void {
  const send = (direction: 'toServer' | 'fromServer', message: unknown) => tap[direction](asText ? JSON.stringify(message) : message);
  send('toServer', initialize());
  send('fromServer', initializeResult());
  send('toServer', { method: 'initialized' });
  send('toServer', threadStart(1));
  send('fromServer', threadResult(1));
  send('toServer', turnStart(2, { effort: 'high', collaborationMode: { mode: 'plan', settings: {} } }));
  send('fromServer', turnResult(2, 'turn-1'));
  send('fromServer', turnStarted('turn-1'));
  send('fromServer', { method: 'item/agentMessage/delta', params: { delta: 'hello' } });
  send('fromServer', turnCompleted('turn-1'));
}

describe('createAppServerTap: raw JSON-RPC in, the right facts out', () => {
  it.each([false, true])('initialize, thread/start, turn/start, turn/started, turn/completed give the thread and turn events (as text: %s)', async (asText) => {
    const { tap, events } = setup();
    playTurn(tap, asText);
    const sent = await events();
    expect(sent.map((event) => event.event_type)).toEqual(['codex_thread_initialized', 'codex_turn_event']);
    expect(sent[0]!.event_params.app_server_client).toEqual({
      product_client_id: 'codex_vscode',
      client_name: 'codex_vscode',
      client_version: '1.2.3',
      rpc_transport: 'stdio',
      experimental_api_enabled: true,
    });
    expect(sent[1]!.event_params).toMatchObject({
      thread_id: THREAD,
      turn_id: 'turn-1',
      model: 'gpt-5-codex',
      model_provider: 'openai',
      sandbox_policy: 'workspace_write',
      sandbox_network_access: true,
      reasoning_effort: 'high',
      reasoning_summary: null,
      service_tier: 'default',
      approval_policy: 'on-request',
      approvals_reviewer: 'user',
      collaboration_mode: 'plan',
      num_input_images: 1,
      is_first_turn: true,
      status: 'completed',
      started_at: 1_716_000_001,
      duration_ms: 8_000,
      thread_source: 'user',
    });
    expect(tap.stats()).toMatchObject({ malformed: 0, resolvedConfigs: 1, pendingRequests: 0 });
  });

  it('takes the product client id from the option when given, and reports a missing capabilities block as null', async () => {
    const { tap, events } = setup({ productClientId: 'codex_cli_rs' });
    tap.toServer({ id: 'init', method: 'initialize', params: { clientInfo: { name: 'codex-tui', version: '0.9.0' } } });
    tap.fromServer(initializeResult('init'));
    tap.toServer(threadStart(1));
    tap.fromServer(threadResult(1));
    const [thread] = await events();
    expect(thread!.event_params.app_server_client).toMatchObject({ product_client_id: 'codex_cli_rs', experimental_api_enabled: null });
  });

  it('records no initialize for a refused one, and later turns carry the overrides of earlier turns', async () => {
    const { tap, events } = setup();
    tap.toServer(initialize(0));
    tap.fromServer({ id: 0, error: { code: -32600, message: 'Not initialized' } });
    tap.toServer(threadStart(1));
    tap.fromServer(threadResult(1));
    expect(await events()).toEqual([]);
    tap.toServer(initialize(2));
    tap.fromServer(initializeResult(2));
    tap.toServer(threadStart(3));
    tap.fromServer(threadResult(3));
    tap.toServer(turnStart(4, { model: 'gpt-5-mini', personality: 'friendly' }));
    tap.fromServer(turnResult(4, 'turn-1'));
    tap.fromServer(turnCompleted('turn-1'));
    tap.toServer(turnStart(5, { input: [] }));
    tap.fromServer(turnResult(5, 'turn-2'));
    tap.fromServer(turnCompleted('turn-2'));
    const turns = (await events()).filter((event) => event.event_type === 'codex_turn_event').map((event) => event.event_params);
    expect(turns.map((turn) => [turn.turn_id, turn.model, turn.personality, turn.is_first_turn, turn.num_input_images])).toEqual([
      ['turn-1', 'gpt-5-mini', 'friendly', true, 1],
      ['turn-2', 'gpt-5-mini', 'friendly', false, 0],
    ]);
  });

  it('steers: an accepted one counts on the turn, a refused one is classified as upstream', async () => {
    const { tap, events } = setup();
    playTurn(tap, false);
    tap.toServer(turnStart(10));
    tap.fromServer(turnResult(10, 'turn-2'));
    tap.toServer({ id: 11, method: 'turn/steer', params: { threadId: THREAD, expectedTurnId: 'turn-2', input: [] } });
    tap.fromServer({ id: 11, result: { turnId: 'turn-2' } });
    tap.toServer({ id: 12, method: 'turn/steer', params: { threadId: THREAD, expectedTurnId: 'turn-1', input: [] } });
    tap.fromServer({ id: 12, error: { code: -32600, message: 'expected active turn id `turn-1` but found `turn-2`' } });
    tap.toServer({ id: 13, method: 'turn/steer', params: { threadId: THREAD, expectedTurnId: 'turn-2', input: [] } });
    tap.fromServer({
      id: 13,
      error: { code: -32600, message: 'cannot steer a review turn', data: { codexErrorInfo: { activeTurnNotSteerable: { turnKind: 'review' } } } },
    });
    tap.fromServer(turnCompleted('turn-2'));
    const sent = await events();
    const steers = sent.filter((event) => event.event_type === 'codex_turn_steer_event').map((event) => event.event_params);
    expect(steers.map((steer) => [steer.result, steer.rejection_reason])).toEqual([
      ['accepted', null],
      ['rejected', 'expected_turn_mismatch'],
      ['rejected', 'non_steerable_review'],
    ]);
    const turn2 = sent.find((event) => event.event_type === 'codex_turn_event' && event.event_params.turn_id === 'turn-2');
    expect(turn2?.event_params.steer_count).toBe(1);
  });

  it('a turn/start answered with an error reports nothing for it', async () => {
    const { tap, events } = setup();
    playTurn(tap, false);
    tap.toServer(turnStart(20));
    tap.fromServer({ id: 20, error: { code: -32602, message: 'Input exceeds the maximum length', data: { input_error_code: 'input_too_large' } } });
    expect((await events()).map((event) => event.event_type)).toEqual(['codex_thread_initialized', 'codex_turn_event']);
  });

  it('skips what no event reads without queueing a fact: other requests, notifications, server requests, replies', () => {
    const { client, tap } = setup();
    const before = client.stats().enqueued;
    tap.toServer({ id: 1, method: 'thread/list', params: {} });
    tap.fromServer({ id: 1, result: { data: [] } });
    tap.toServer({ method: 'initialized' });
    tap.fromServer({ method: 'item/agentMessage/delta', params: { delta: 'x' } });
    tap.fromServer({ id: 99, method: 'item/commandExecution/requestApproval', params: {} });
    tap.toServer({ id: 99, result: { decision: 'accept' } });
    tap.fromServer({ id: 'never-asked', result: {} });
    tap.fromServer({ id: null, error: { code: -32700, message: 'Parse error' } });
    expect(client.stats().enqueued).toBe(before);
    expect(tap.stats()).toMatchObject({ messages: 8, facts: 0, skipped: 8, malformed: 0 });
  });

  it('a malformed message never throws: counted by the tap and reported as an invalid fact with its path', () => {
    const { client, tap, dropped } = setup();
    const inputs: unknown[] = ['{not json', '[1,2]', 42, null, { method: 7 }, { id: { nested: true }, method: 'turn/start' }, { id: 1.5, result: {} }, { hello: 'world' }];
    for (const input of inputs) {
      expect(() => tap.fromServer(input)).not.toThrow();
      expect(() => tap.toServer(input)).not.toThrow();
    }
    const throwing = Object.defineProperty({}, 'method', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(() => tap.toServer(throwing)).not.toThrow();
    expect(tap.stats().malformed).toBe(inputs.length * 2 + 1);
    expect(client.stats().dropped.invalid_fact).toBe(inputs.length * 2 + 1);
    expect(dropped[0]).toMatchObject({ reason: 'invalid_fact', unit: 'fact', factType: 'jsonrpc_message', path: '(root)' });
    expect(dropped.map((event) => event.path)).toContain('method');
    expect(dropped.map((event) => event.path)).toContain('id');
  });

  it('keeps at most maxPendingRequests unanswered requests, counting evictions; a reply to an evicted one is skipped', async () => {
    const { tap, events } = setup({ maxPendingRequests: 2 });
    tap.toServer(initialize(0));
    tap.toServer(threadStart(1));
    tap.toServer(threadStart(2));
    expect(tap.stats()).toMatchObject({ pendingRequests: 2, evictedRequests: 1 });
    tap.fromServer(initializeResult(0));
    expect(tap.stats().skipped).toBe(1);
    tap.fromServer(threadResult(2));
    expect(await events()).toEqual([]);
  });

  it('without resolved configs from traffic, the turn waits for trackTurnResolvedConfig', async () => {
    const { tap, events } = setup({ resolvedConfig: false });
    playTurn(tap, false);
    expect((await events()).map((event) => event.event_type)).toEqual(['codex_thread_initialized']);
    expect(tap.stats().resolvedConfigs).toBe(0);
  });

  it('invariant: whatever arrives, the tap never throws and its caps hold', async () => {
    const { tap, client } = setup({ maxPendingRequests: 8, maxThreads: 4 });
    const method = fc.constantFrom('initialize', 'thread/start', 'thread/fork', 'turn/start', 'turn/steer', 'turn/started', 'turn/completed', 'item/started');
    const id = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('a', 'b'), fc.constant(null), fc.double());
    const message = fc.oneof(
      fc.record({ id, method, params: fc.anything() }, { requiredKeys: [] }),
      fc.record({ id, result: fc.anything() }, { requiredKeys: [] }),
      fc.record({ id, error: fc.anything() }, { requiredKeys: [] }),
      fc.anything(),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), message), { maxLength: 40 }), (messages) => {
        for (const [toServer, input] of messages) {
          if (toServer) tap.toServer(input);
          else tap.fromServer(input);
        }
        const stats = tap.stats();
        expect(stats.pendingRequests).toBeLessThanOrEqual(8);
        expect(stats.threads).toBeLessThanOrEqual(4);
      }),
      { numRuns: 200 },
    );
    const stats = tap.stats();
    expect(stats.skipped + stats.malformed).toBeLessThanOrEqual(stats.messages);
    await client.flush({ timeoutMs: 2_000 });
    expect(client.stats().dropped.invalid_fact ?? 0).toBeGreaterThanOrEqual(stats.malformed);
  });

  // Issue 21, finding 8: a 10.4 MB skipped notification given as text was parsed whole just to read its method
  // (143-211 ms of event loop). The invariant: a long text the tap skips is recognised from its envelope, never parsed.
  it('a long text it skips (a streamed delta, a reply to nobody, a client reply) is never parsed whole', () => {
    const { tap } = setup();
    const big = 'x'.repeat(10 * 1024 * 1024);
    const texts: ['toServer' | 'fromServer', string][] = [
      ['fromServer', JSON.stringify({ method: 'item/agentMessage/delta', params: { threadId: THREAD, delta: big } })],
      ['fromServer', JSON.stringify({ jsonrpc: '2.0', method: 'item/completed', params: { item: { text: big } } })],
      ['fromServer', JSON.stringify({ id: 41, result: { thread: { turns: [big] } } })],
      ['toServer', JSON.stringify({ id: 'approval-1', result: { decision: 'accept', note: big } })],
      ['toServer', JSON.stringify({ id: 5, method: 'fs/writeFile', params: { contents: big } })],
    ];
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const [direction, text] of texts) tap[direction](text);
      const parsedLong = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 1_024);
      expect(parsedLong).toHaveLength(0);
    } finally {
      parse.mockRestore();
    }
    expect(tap.stats()).toMatchObject({ messages: 5, skipped: 5, malformed: 0, facts: 0 });
  });

  it('a long text it reads (a pending request\'s reply, a turn notification, a read method) is parsed and recorded', async () => {
    const { tap, events } = setup();
    const pad = 'y'.repeat(40_000);
    const send = (direction: 'toServer' | 'fromServer', message: unknown) => tap[direction](JSON.stringify(message));
    send('toServer', initialize());
    send('fromServer', { ...initializeResult(), pad });
    send('toServer', { ...threadStart(1), pad });
    send('fromServer', threadResult(1, THREAD, { pad }));
    send('toServer', turnStart(2, { pad }));
    send('fromServer', { id: 2, result: { turn: protocolTurn('turn-1'), pad } });
    send('fromServer', { ...turnStarted('turn-1'), pad });
    const before = tap.stats().facts;
    send('fromServer', { method: 'item/completed', params: { threadId: THREAD, turnId: 'turn-1', item: { type: 'commandExecution', id: 'call-1', aggregatedOutput: pad } } });
    send('fromServer', { method: 'item/completed', params: { threadId: THREAD, turnId: 'turn-1', item: { type: 'agentMessage', id: 'msg-1', text: pad } } });
    expect(tap.stats().facts).toBe(before + 1);
    send('fromServer', { ...turnCompleted('turn-1'), pad });
    expect((await events()).map((event) => event.event_type)).toEqual(['codex_thread_initialized', 'codex_turn_event']);
  });

  // The peek must never change what is recorded: the same messages as objects and as (long) texts give the same facts.
  it('property: long texts and the same messages as objects record the same facts and the same events', async () => {
    const method = fc.constantFrom('initialize', 'thread/start', 'turn/start', 'turn/steer', 'turn/started', 'turn/completed', 'item/started', 'thread/list');
    const id = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom('a', 'b'));
    const pad = fc.constantFrom('', 'p'.repeat(20_000));
    const message = fc.oneof(
      fc.record({ id, method, params: fc.record({ threadId: fc.constant(THREAD), pad }) }, { requiredKeys: ['method'] }),
      fc.record({ jsonrpc: fc.constant('2.0'), id, result: fc.record({ pad, turn: fc.constant(protocolTurn('turn-1')) }) }),
      fc.record({ id, error: fc.record({ code: fc.constant(-32600), message: fc.constant('bad'), pad }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), message), { maxLength: 30 }), async (messages) => {
        const asObjects = setup();
        const asTexts = setup();
        for (const [toServer, input] of messages) {
          asObjects.tap[toServer ? 'toServer' : 'fromServer'](structuredClone(input));
          asTexts.tap[toServer ? 'toServer' : 'fromServer'](JSON.stringify(input));
        }
        const objectStats = asObjects.tap.stats();
        const textStats = asTexts.tap.stats();
        expect(textStats).toEqual(objectStats);
        expect(asTexts.client.stats().enqueued).toBe(asObjects.client.stats().enqueued);
        expect(await asTexts.events()).toEqual(await asObjects.events());
      }),
      { numRuns: 60 },
    );
  });

  it('an integer id beyond 2^53 - 1 is refused with a message that says why', () => {
    const { tap, dropped } = setup();
    tap.toServer('{"id":9007199254740993,"method":"turn/start","params":{"threadId":"thread-1","input":[]}}');
    tap.fromServer({ id: 2 ** 60, result: {} });
    expect(tap.stats().malformed).toBe(2);
    expect(dropped).toHaveLength(2);
    for (const event of dropped) {
      expect(event).toMatchObject({ factType: 'jsonrpc_message', path: 'id' });
      expect(event.message).toContain('beyond 2^53 - 1 (9007199254740991)');
      expect(event.message).toContain('use smaller integer ids, or string ids');
    }
  });

  it('takes the turn\'s tokens from thread/tokenUsage/updated, unless told that core reports them', async () => {
    const usage = (totalTokens: number) => ({ totalTokens, inputTokens: totalTokens - 30, cachedInputTokens: 30, outputTokens: 20, reasoningOutputTokens: 5 });
    const run = async (tokenUsage: boolean) => {
      const { tap, events } = setup({ tokenUsage });
      tap.toServer(initialize());
      tap.fromServer(initializeResult());
      tap.toServer(threadStart(1));
      tap.fromServer(threadResult(1));
      tap.toServer(turnStart(2));
      tap.fromServer(turnResult(2, 'turn-1'));
      tap.fromServer(turnStarted('turn-1'));
      tap.fromServer({ method: 'thread/tokenUsage/updated', params: { threadId: THREAD, turnId: 'turn-1', tokenUsage: { total: usage(150), last: usage(150) } } });
      tap.fromServer({ method: 'thread/tokenUsage/updated', params: { threadId: THREAD, turnId: 'turn-1', tokenUsage: { total: usage(300), last: usage(150) } } });
      tap.fromServer(turnCompleted('turn-1'));
      const turn = (await events()).find((event) => event.event_type === 'codex_turn_event')!;
      return { params: turn.event_params, stats: tap.stats() };
    };
    const derived = await run(true);
    expect(derived.params).toMatchObject({ input_tokens: 270, cached_input_tokens: 30, output_tokens: 20, reasoning_output_tokens: 5, total_tokens: 300 });
    expect(derived.stats.tokenUsages).toBe(1);
    const fromCore = await run(false);
    expect(fromCore.params).toMatchObject({ input_tokens: null, total_tokens: null });
    expect(fromCore.stats.tokenUsages).toBe(0);
  });
});
