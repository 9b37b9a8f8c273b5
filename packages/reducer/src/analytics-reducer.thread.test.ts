import { describe, expect, it } from 'vitest';
import { AnalyticsReducer } from './analytics-reducer.js';
import { APP_SERVER_CLIENT, expectJson } from './__fixtures__/expect-json.js';
import { RUNTIME, compaction, ingestAll, initialize, subagentThreadStarted, threadResponse } from './__fixtures__/fact-builders.js';
import { exampleEvents } from '@codex-analytics/events/testing';

const SUBAGENT_RUNTIME = { codex_rs_version: '0.98.0', runtime_os: 'linux', runtime_os_version: '24.04', runtime_arch: 'x86_64' };

function newReducer(warnings: string[] = []): AnalyticsReducer<'seed'> {
  return new AnalyticsReducer({
    wireEra: 'seed',
    now: () => 1_716_000_500,
    runtimeMetadata: SUBAGENT_RUNTIME,
    logger: { warn: (message) => warnings.push(message) },
    gitLookup: () => Promise.resolve(undefined),
  });
}

describe('codex_thread_initialized from thread responses', () => {
  it('emits the full shape for thread/start with the connection client and runtime', async () => {
    const events = await ingestAll(newReducer(), [initialize(1), threadResponse(1, 'thread-1')]);
    expect(events).toHaveLength(1);
    // The events package's example thread event (its runtime is RUNTIME), on this suite's app-server client.
    const example = exampleEvents.codex_thread_initialized;
    expectJson(events[0], { ...example, event_params: { ...example.event_params, app_server_client: APP_SERVER_CLIENT } });
  });

  it('emits nothing for a thread response before initialize, nothing for initialize alone, then the resumed thread', async () => {
    const reducer = newReducer();
    expect(await ingestAll(reducer, [threadResponse(1, 'thread-1')])).toEqual([]);
    expect(await ingestAll(reducer, [initialize(1, { transport: 'websocket', experimental: false })])).toEqual([]);
    const events = await ingestAll(reducer, [threadResponse(1, 'thread-1', { method: 'thread/resume' })]);
    expect(events).toHaveLength(1);
    expect(events[0]!.event_params).toMatchObject({
      initialization_mode: 'resumed',
      app_server_client: { rpc_transport: 'websocket', experimental_api_enabled: false },
      runtime: RUNTIME,
    });
  });

  it('does not record thread metadata for a response seen before initialize', async () => {
    const warnings: string[] = [];
    const reducer = newReducer(warnings);
    const events = await ingestAll(reducer, [threadResponse(1, 'thread-1'), initialize(1), compaction('thread-1')]);
    expect(events).toEqual([]);
    expect(warnings).toEqual(['dropping compaction analytics event: missing thread connection metadata']);
  });

  it('names fork mode, maps session sources, and reports a null experimental flag without capabilities', async () => {
    const reducer = newReducer();
    const events = await ingestAll(reducer, [
      initialize(2, { transport: 'stdio', experimental: null }),
      threadResponse(2, 'fork-1', { method: 'thread/fork', source: 'cli' }),
      threadResponse(2, 'app-1', { source: 'appServer' }),
      threadResponse(2, 'custom-1', { source: { custom: 'atlas' } }),
      threadResponse(2, 'unknown-1', { source: 'unknown' }),
      threadResponse(2, 'exec-1', { source: 'exec' }),
    ]);
    const params = events.map((event) => event.event_params as Record<string, unknown>);
    expect(params.map((p) => [p.thread_id, p.initialization_mode, p.thread_source])).toEqual([
      ['fork-1', 'forked', 'user'],
      ['app-1', 'new', null],
      ['custom-1', 'new', null],
      ['unknown-1', 'new', null],
      ['exec-1', 'new', 'user'],
    ]);
    expect(params[0]!.app_server_client).toEqual({ ...APP_SERVER_CLIENT, rpc_transport: 'stdio', experimental_api_enabled: null });
  });

  it('reports a negative createdAt as 0', async () => {
    const events = await ingestAll(newReducer(), [initialize(1), threadResponse(1, 't', { createdAt: -5 })]);
    expect(events[0]!.event_params).toHaveProperty('created_at', 0);
  });

  it('reports a spawned sub-agent thread with its source and parent', async () => {
    const source = {
      subAgent: { thread_spawn: { parent_thread_id: 'thread-1', depth: 1, agent_path: null, agent_nickname: 'scout', agent_role: 'explorer' } },
    };
    const events = await ingestAll(newReducer(), [initialize(1), threadResponse(1, 'child-1', { method: 'thread/resume', source })]);
    expect(events[0]!.event_params).toMatchObject({
      thread_source: 'subagent',
      subagent_source: 'thread_spawn',
      parent_thread_id: 'thread-1',
    });
  });
});

describe('compaction after a sub-agent thread', () => {
  it('carries the thread lineage recorded from the thread/resume response', async () => {
    const source = { subAgent: { thread_spawn: { parent_thread_id: 'parent-1', depth: 1, agent_nickname: null, agent_role: null } } };
    const events = await ingestAll(newReducer(), [
      initialize(1),
      threadResponse(1, 'child-1', { method: 'thread/resume', source }),
      compaction('child-1'),
    ]);
    expect(events).toHaveLength(2);
    expect(events[1]!.event_params).toMatchObject({ thread_source: 'subagent', subagent_source: 'thread_spawn', parent_thread_id: 'parent-1' });
  });
});

describe('codex_thread_initialized from sub-agent threads', () => {
  const base = {
    product_client_id: 'codex_cli_rs',
    client_name: 'codex-tui',
    client_version: '0.99.0',
    rpc_transport: 'in_process',
    experimental_api_enabled: null,
  };

  function expected(subagentSource: string, parentThreadId: string | null) {
    return {
      event_type: 'codex_thread_initialized',
      event_params: {
        thread_id: 'sub-thread-1',
        app_server_client: base,
        runtime: SUBAGENT_RUNTIME,
        model: 'gpt-5',
        ephemeral: true,
        thread_source: 'subagent',
        initialization_mode: 'new',
        subagent_source: subagentSource,
        parent_thread_id: parentThreadId,
        created_at: 1_716_000_400,
      },
    };
  }

  it.each([
    ['review', 'review', null, null],
    ['compact', 'compact', null, null],
    ['memory_consolidation', 'memory_consolidation', null, null],
    ['other ("guardian")', { other: 'guardian' }, null, null],
    ['other with an explicit parent', { other: 'guardian' }, 'thread-9', 'thread-9'],
  ] as const)('%s', async (_name, subagentSource, parentThreadId, expectedParent) => {
    const events = await ingestAll(newReducer(), [subagentThreadStarted({ subagentSource, parentThreadId })]);
    const sourceName = typeof subagentSource === 'string' ? subagentSource : subagentSource.other;
    expectJson(events, [expected(sourceName, expectedParent)]);
  });

  it('thread_spawn takes its parent from the source', async () => {
    const subagentSource = { thread_spawn: { parent_thread_id: 'thread-1', depth: 2, agent_nickname: 'a', agent_role: 'b' } };
    const events = await ingestAll(newReducer(), [subagentThreadStarted({ subagentSource })]);
    expectJson(events, [expected('thread_spawn', 'thread-1')]);
  });

  it('publishes without any initialize and records no thread metadata', async () => {
    const warnings: string[] = [];
    const reducer = newReducer(warnings);
    const events = await ingestAll(reducer, [subagentThreadStarted(), compaction('sub-thread-1')]);
    expect(events).toHaveLength(1);
    expect(warnings).toEqual(['dropping compaction analytics event: missing thread connection metadata']);
  });
});
