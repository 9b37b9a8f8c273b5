import { describe, expect, it } from 'vitest';
import { findUnknownWireKeys, wireEraSchemas } from '@codex-analytics/events';
import type { WireEvent } from '@codex-analytics/events';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from './analytics-reducer.js';
import {
  initialize,
  resolvedConfig,
  threadResponse,
  tokenUsage,
  turnCompleted,
  turnStartRequest,
  turnStartResponse,
  turnStarted,
} from './__fixtures__/fact-builders.js';
import { exampleFacts } from '@codex-analytics/facts/testing';

async function reduce(facts: AnalyticsFact[], nowMs = () => 1_716_000_005_123): Promise<WireEvent[]> {
  const reducer = new AnalyticsReducer({ now: () => 1_716_000_000, nowMs, gitLookup: () => Promise.resolve(undefined) });
  const events: WireEvent[] = [];
  for (const fact of facts) events.push(...(await reducer.ingest(fact)));
  return events;
}

const aTurn = (completed: AnalyticsFact, extra: AnalyticsFact[] = []): AnalyticsFact[] => [
  initialize(1),
  threadResponse(1, 'thread-1'),
  turnStartRequest(1, 2, 'thread-1'),
  turnStartResponse(1, 2, 'turn-1'),
  turnStarted('turn-1'),
  resolvedConfig('turn-1', 'thread-1'),
  tokenUsage('turn-1', 'thread-1'),
  ...extra,
  completed,
];

const paramsOf = (events: WireEvent[], type: string) => events.find((event) => event.event_type === type)!.event_params as Record<string, unknown>;

describe("today's wire format (the reducer's default)", () => {
  it('a turn event has today\'s 77 keys; core\'s profile and error fill theirs, the rest of core\'s keys are null', async () => {
    const events = await reduce(
      aTurn(turnCompleted('turn-1', { status: 'failed', error: { message: 'refused', codexErrorInfo: 'other' } }), [
        exampleFacts.turn_profile,
        { type: 'turn_codex_error', error: { turnId: 'turn-1', threadId: 'thread-1', error: { kind: 'invalid_prompt', httpStatusCode: 400 } } },
      ]),
    );
    const turn = paramsOf(events, 'codex_turn_event');
    expect(Object.keys(turn)).toHaveLength(77);
    expect(turn).toMatchObject({
      critical_path_status: 'disabled',
      critical_path_duration_ms: null,
      before_first_sampling_ms: 178,
      tool_blocking_ms: 115,
      sampling_request_count: 2,
      tools_change_count: 0,
      status: 'failed',
      turn_error: 'other',
      codex_error_kind: 'invalid_prompt',
      codex_error_http_status_code: 400,
      usage_limit_window_minutes: null,
      total_tool_call_count: 0,
      session_id: 'thread-1',
    });
    for (const event of events) {
      expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(findUnknownWireKeys(event, 'current')).toEqual([]);
    }
  });

  it('counts the turn\'s tool calls from item/completed, and a command gets its own event with the item\'s values', async () => {
    const item = (type: string, id: string, extra: Record<string, unknown> = {}): AnalyticsFact => ({
      type: 'notification',
      notification: { method: 'item/completed', params: { threadId: 'thread-1', turnId: 'turn-1', item: { type, id, status: 'completed', startedAtMs: 1_000, completedAtMs: 1_250, ...extra } } },
    });
    const events = await reduce(
      aTurn(turnCompleted('turn-1'), [
        item('commandExecution', 'call-1', { source: 'unifiedExecStartup', exitCode: 0, durationMs: 240, commandActions: [{ type: 'read' }, { type: 'search' }] }),
        item('webSearch', 'ws-1'),
        item('agentMessage', 'msg-1'),
      ]),
    );
    expect(events.map((event) => event.event_type)).toEqual(['codex_thread_initialized', 'codex_command_execution_event', 'codex_web_search_event', 'codex_turn_event']);
    expect(paramsOf(events, 'codex_web_search_event')).toMatchObject({ tool_name: 'web_search', tool_event_type: null, web_search_action: null, query_present: false, query_count: 0 });
    expect(paramsOf(events, 'codex_turn_event')).toMatchObject({ total_tool_call_count: 2, shell_command_count: 1, web_search_count: 1, file_change_count: 0 });
    expect(paramsOf(events, 'codex_command_execution_event')).toMatchObject({
      item_id: 'call-1',
      tool_name: 'unified_exec',
      started_at_ms: 1_000,
      completed_at_ms: 1_250,
      duration_ms: 250,
      execution_duration_ms: 240,
      exit_code: 0,
      terminal_status: 'completed',
      command_total_action_count: 2,
      command_read_action_count: 1,
      command_search_action_count: 1,
    });
  });

  it('reports the client\'s interrupt once it was answered, at the clock of its request', async () => {
    let clock = 1_716_000_005_000;
    const interrupt: AnalyticsFact = { type: 'client_request', connectionId: 1, requestId: 9, request: { method: 'turn/interrupt', id: 9, params: { threadId: 'thread-1', turnId: 'turn-1' } } };
    const answered: AnalyticsFact = { type: 'client_response', connectionId: 1, response: { method: 'turn/interrupt', requestId: 9, response: {} } };
    const reducer = new AnalyticsReducer({ now: () => 1_716_000_000, nowMs: () => clock, gitLookup: () => Promise.resolve(undefined) });
    const events: WireEvent[] = [];
    for (const fact of aTurn(turnCompleted('turn-1', { status: 'interrupted' }), [interrupt, answered])) {
      events.push(...(await reducer.ingest(fact)));
      clock += 100;
    }
    const turn = paramsOf(events, 'codex_turn_event');
    expect(turn.explicit_client_interrupt_requested_at_ms).toBe(1_716_000_005_700);
  });

  it('gives each kind of tool item its event, valid and fully known in the current era', async () => {
    const item = (type: string, id: string, extra: Record<string, unknown>): AnalyticsFact => ({
      type: 'notification',
      notification: { method: 'item/completed', params: { threadId: 'thread-1', turnId: 'turn-1', item: { type, id, startedAtMs: 1_000, completedAtMs: 1_100, ...extra } } },
    });
    const events = await reduce(
      aTurn(turnCompleted('turn-1'), [
        item('mcpToolCall', 'mcp-1', { server: 'docs', tool: 'search', status: 'failed', arguments: {}, result: null, error: { message: 'boom' }, durationMs: 90 }),
        item('dynamicToolCall', 'dyn-1', { tool: 'lookup', arguments: {}, status: 'completed', contentItems: [{ type: 'inputText', text: 'x' }, { type: 'inputImage', imageUrl: 'data:' }], success: true, durationMs: 5 }),
        item('collabAgentToolCall', 'collab-1', { tool: 'spawnAgent', status: 'completed', senderThreadId: 'thread-1', receiverThreadIds: ['thread-2'], prompt: 'p', model: null, reasoningEffort: 'low', agentsStates: { 'thread-2': { status: 'completed' } } }),
        item('webSearch', 'ws-1', { query: 'weather', action: { type: 'openPage', url: 'https://example.com' } }),
        item('imageGeneration', 'img-1', { status: 'completed', revisedPrompt: 'a cat', result: '', savedPath: '/tmp/cat.png' }),
      ]),
    );
    expect(events.map((event) => event.event_type)).toEqual([
      'codex_thread_initialized',
      'codex_mcp_tool_call_event',
      'codex_dynamic_tool_call_event',
      'codex_collab_agent_tool_call_event',
      'codex_web_search_event',
      'codex_image_generation_event',
      'codex_turn_event',
    ]);
    for (const event of events) {
      expect(wireEraSchemas.current.event.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(findUnknownWireKeys(event, 'current')).toEqual([]);
    }
    expect(paramsOf(events, 'codex_mcp_tool_call_event')).toMatchObject({ mcp_server_name: 'docs', mcp_tool_name: 'search', mcp_error_present: true, terminal_status: 'failed', failure_kind: 'tool_error', execution_duration_ms: 90 });
    expect(paramsOf(events, 'codex_dynamic_tool_call_event')).toMatchObject({ dynamic_tool_name: 'lookup', success: true, output_content_item_count: 2, output_text_item_count: 1, output_image_item_count: 1 });
    expect(paramsOf(events, 'codex_collab_agent_tool_call_event')).toMatchObject({ tool_name: 'spawnAgent', receiver_thread_count: 1, requested_reasoning_effort: 'low', completed_agent_count: 1, failed_agent_count: 0 });
    expect(paramsOf(events, 'codex_web_search_event')).toMatchObject({ web_search_action: 'open_page', query_present: true, query_count: 1 });
    expect(paramsOf(events, 'codex_image_generation_event')).toMatchObject({ revised_prompt_present: true, saved_path_present: true });
    expect(paramsOf(events, 'codex_turn_event')).toMatchObject({
      total_tool_call_count: 5,
      mcp_tool_call_count: 1,
      dynamic_tool_call_count: 1,
      subagent_tool_call_count: 1,
      web_search_count: 1,
      image_generation_count: 1,
    });
  });
});
