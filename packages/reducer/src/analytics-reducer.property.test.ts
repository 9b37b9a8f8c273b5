import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnknownWireKeys, trackEventRequestSchema, wireEraSchemas } from '@codex-analytics/events';
import type { TrackEventRequest, WireEvent } from '@codex-analytics/events';
import { analyticsFactSchema } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from './analytics-reducer.js';
import {
  SAMPLE_PLUGIN,
  compaction,
  errorResponse,
  guardianReview,
  initialize,
  resolvedConfig,
  subagentThreadStarted,
  threadResponse,
  tokenUsage,
  turnCompleted,
  turnStartRequest,
  turnStartResponse,
  turnStarted,
  turnSteerRequest,
  turnSteerResponse,
} from './__fixtures__/fact-builders.js';

// Small id pools so that random sequences often join: requests meet responses, turns complete, threads repeat.
const connection = fc.integer({ min: 1, max: 3 });
const requestId = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom('1', 'a'));
const thread = fc.constantFrom('thread-1', 'thread-2', 'thread-3');
const turn = fc.constantFrom('turn-1', 'turn-2', 'turn-3');
const tracking = fc.record({ modelSlug: fc.constant('gpt-5'), threadId: thread, turnId: turn });

const fact: fc.Arbitrary<AnalyticsFact> = fc.oneof(
  connection.map((id) => initialize(id)),
  fc
    .tuple(connection, thread, fc.constantFrom('thread/start', 'thread/resume', 'thread/fork') as fc.Arbitrary<'thread/start'>, fc.integer({ min: -10, max: 2_000_000_000 }))
    .map(([id, threadId, method, createdAt]) => threadResponse(id, threadId, { method, createdAt })),
  fc.tuple(connection, requestId, thread, fc.nat(3)).map(([id, request, threadId, images]) => turnStartRequest(id, request, threadId, images)),
  fc.tuple(connection, requestId, turn).map(([id, request, turnId]) => turnStartResponse(id, request, turnId)),
  fc.tuple(connection, requestId, thread, turn, fc.nat(2)).map(([id, request, threadId, turnId, images]) => turnSteerRequest(id, request, threadId, turnId, images)),
  fc.tuple(connection, requestId, turn).map(([id, request, turnId]) => turnSteerResponse(id, request, turnId)),
  fc
    .tuple(connection, requestId, fc.constantFrom(null, { kind: 'turn_steer', error: 'no_active_turn' } as const, { kind: 'input', error: 'empty' } as const))
    .map(([id, request, errorType]) => errorResponse(id, request, errorType)),
  fc.tuple(turn, fc.option(fc.integer({ min: -5, max: 2_000_000_000 }))).map(([turnId, startedAt]) => turnStarted(turnId, startedAt)),
  fc
    .tuple(turn, fc.constantFrom('completed', 'failed', 'interrupted', 'inProgress'), fc.option(fc.integer({ min: -5, max: 2_000_000_000 })))
    .map(([turnId, status, completedAt]) => turnCompleted(turnId, { status, completedAt })),
  fc.tuple(turn, thread).map(([turnId, threadId]) => resolvedConfig(turnId, threadId)),
  fc.tuple(turn, thread).map(([turnId, threadId]) => tokenUsage(turnId, threadId)),
  thread.map((threadId) => compaction(threadId)),
  thread.map((threadId) => guardianReview({ threadId })),
  thread.map((threadId) => subagentThreadStarted({ threadId })),
  tracking.map((context): AnalyticsFact => ({ type: 'app_used', tracking: context, app: { connectorId: 'drive', appName: null, invocationType: null } })),
  tracking.map((context): AnalyticsFact => ({ type: 'plugin_used', tracking: context, plugin: SAMPLE_PLUGIN })),
  tracking.map((context): AnalyticsFact => ({ type: 'hook_run', tracking: context, hook: { eventName: 'Stop', hookSource: 'user', status: 'running' } })),
  tracking.map(
    (context): AnalyticsFact => ({
      type: 'skill_invoked',
      tracking: context,
      invocations: [{ skillName: 'doc', skillScope: 'user', skillPath: '/home/me/skills/doc/SKILL.md', invocationType: 'explicit' }],
    }),
  ),
);

function newReducerOptions() {
  return {
    now: () => 1_716_000_000,
    runtimeMetadata: { codex_rs_version: '0.99.0', runtime_os: 'linux', runtime_os_version: '24.04', runtime_arch: 'x86_64' },
    gitLookup: () => Promise.resolve(undefined),
    canonicalizePath: () => undefined,
  };
}

function newReducer(limits?: { maxTurns?: number; maxPendingRequests?: number }): AnalyticsReducer<'seed'> {
  return new AnalyticsReducer({ wireEra: 'seed', ...newReducerOptions(), limits });
}

async function run(reducer: AnalyticsReducer<'seed'>, facts: readonly AnalyticsFact[]): Promise<TrackEventRequest[]> {
  const events: TrackEventRequest[] = [];
  for (const item of facts) events.push(...(await reducer.ingest(analyticsFactSchema.parse(item))));
  return events;
}

describe('AnalyticsReducer properties', () => {
  it('never throws, emits only valid events, each turn id at most once, and replays identically', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { maxLength: 60 }), async (facts) => {
        const events = await run(newReducer(), facts);
        for (const event of events) expect(trackEventRequestSchema.safeParse(event).success).toBe(true);
        // A turn's state is deleted when its event is emitted, so a turn id emits again only after another
        // turn/start response for it: never more events than turn/start responses.
        const turnEvents = events.filter((event) => event.event_type === 'codex_turn_event');
        const turnStarts = facts.filter((item) => item.type === 'client_response' && item.response.method === 'turn/start');
        expect(turnEvents.length).toBeLessThanOrEqual(turnStarts.length);
        const replay = await run(newReducer(), facts);
        expect(JSON.stringify(replay)).toBe(JSON.stringify(events));
      }),
      { numRuns: 300 },
    );
  });

  it('emits a turn id at most once when each turn is started once', async () => {
    const uniqueTurnStart = fc.array(fact, { maxLength: 60 }).map((facts) => {
      const seen = new Set<string>();
      return facts.filter((item) => {
        if (item.type !== 'client_response' || item.response.method !== 'turn/start') return true;
        const turnId = (item.response.response as { turn: { id: string } }).turn.id;
        if (seen.has(turnId)) return false;
        seen.add(turnId);
        return true;
      });
    });
    await fc.assert(
      fc.asyncProperty(uniqueTurnStart, async (facts) => {
        const events = await run(newReducer(), facts);
        const turnIds = events.filter((event) => event.event_type === 'codex_turn_event').map((event) => event.event_params.turn_id);
        expect(new Set(turnIds).size).toBe(turnIds.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its state within the configured caps whatever the sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { maxLength: 80 }), async (facts) => {
        const reducer = newReducer({ maxTurns: 2, maxPendingRequests: 2 });
        await run(reducer, facts);
        const stats = reducer.stats();
        expect(stats.turns).toBeLessThanOrEqual(2);
        expect(stats.pendingRequests).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });
});

// Today's wire format (`wireEra: 'current'`, the default) is the seed reducer's output projected, plus the per-item
// events of completed tool calls. The invariant: whatever the facts, every event is valid in the current era with no
// key it does not know; the events are the seed's, type for type and in order, with tool item events inserted; and a
// projected event keeps every value the seed event had (only the thread's source is today's own).
const toolItem = fc
  .tuple(thread, turn, fc.constantFrom('commandExecution', 'fileChange', 'webSearch', 'agentMessage'), fc.constantFrom('completed', 'failed', 'declined'), fc.nat(5))
  .map(([threadId, turnId, type, status, n]): AnalyticsFact => ({
    type: 'notification',
    notification: {
      method: 'item/completed',
      params: {
        threadId,
        turnId,
        item: {
          type,
          id: `call-${n}`,
          status,
          source: 'unifiedExecStartup',
          exitCode: n,
          commandActions: Array.from({ length: n }, (_, index) => ({ type: ['read', 'search', 'unknown'][index % 3], command: 'x' })),
          changes: Array.from({ length: n }, (_, index) => ({ path: `f${index}`, kind: { type: ['add', 'update', 'delete'][index % 3] } })),
          durationMs: n,
          startedAtMs: 1_716_000_000_000 + n,
          completedAtMs: 1_716_000_000_010 + n,
        },
      },
    },
  }));

describe("AnalyticsReducer in today's wire format", () => {
  it('property: valid and fully known in the current era, the seed events projected in order, values kept, tool items inserted', async () => {
    const toolEvents = new Set(['codex_command_execution_event', 'codex_file_change_event', 'codex_web_search_event', 'codex_mcp_tool_call_event', 'codex_dynamic_tool_call_event', 'codex_collab_agent_tool_call_event', 'codex_image_generation_event']);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fact, toolItem), { maxLength: 60 }), async (facts) => {
        const today = new AnalyticsReducer({ ...newReducerOptions(), wireEra: 'current' });
        const current: WireEvent[] = [];
        for (const item of facts) current.push(...(await today.ingest(analyticsFactSchema.parse(item))));
        const seed = await run(newReducer(), facts);
        for (const event of current) {
          expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
          expect(findUnknownWireKeys(event, 'current')).toEqual([]);
        }
        const projected = current.filter((event) => !toolEvents.has(event.event_type));
        expect(projected.map((event) => event.event_type)).toEqual(seed.map((event) => event.event_type));
        for (const [index, event] of projected.entries()) {
          const params = event.event_params as Record<string, unknown>;
          for (const [key, value] of Object.entries(seed[index]!.event_params)) {
            if (key === 'thread_source' || key === 'error' || !(key in params)) continue;
            expect({ [key]: params[key] }).toEqual({ [key]: value });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
