import type { CurrentTrackEventRequest } from '@codex-analytics/events';
import type { ThreadToday, ToolCallCounts, TurnToday } from './current-era-state.js';
import type { ConnectionState, ThreadMetadata } from './reducer-state.js';

// Today's per-item events, built from an app-server `item/completed` notification (codex-rs/app-server-protocol
// v2/ThreadItem.ts: `commandExecution`, `fileChange`, ...), with the key order and values of the real client
// (tooling/conformance/recordings/codex-0.171.0: exec-command, file-change). Keys only Codex core knows (the model
// response ids, the code cell, the sandbox backend, approval reviews the connection never saw) are null, or the
// value the real client sends when nothing was reviewed (`final_approval_outcome: "unknown"`, review counts 0).

/** Which count of the turn event a completed item adds to (undefined: not a tool call). */
const COUNTED: Record<string, keyof Omit<ToolCallCounts, 'total'>> = {
  commandExecution: 'shellCommand',
  fileChange: 'fileChange',
  mcpToolCall: 'mcpToolCall',
  dynamicToolCall: 'dynamicToolCall',
  collabAgentToolCall: 'subagentToolCall',
  webSearch: 'webSearch',
  imageGeneration: 'imageGeneration',
};

/** The app-server item types that are tool calls (v2 `ThreadItem`): counted on today's turn event, each with its own event. */
export const TOOL_ITEM_TYPES: readonly string[] = Object.keys(COUNTED);

/** Counts a completed item of the turn. */
export function countToolItem(counts: ToolCallCounts, itemType: unknown): void {
  const key = typeof itemType === 'string' ? COUNTED[itemType] : undefined;
  if (key === undefined) return;
  counts[key] += 1;
  counts.total += 1;
}

export interface ToolItemContext {
  threadId: string;
  turnId: string;
  connection: ConnectionState;
  thread: ThreadMetadata;
  threadToday: ThreadToday | undefined;
  turnToday: TurnToday;
}

type Item = Record<string, unknown>;

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const countOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);

/** `completed`, `failed`, `rejected` (declined) or `interrupted` (never finished), from the item's `status`. */
function terminalStatus(status: unknown): string {
  if (status === 'completed') return 'completed';
  if (status === 'failed') return 'failed';
  if (status === 'declined') return 'rejected';
  return 'interrupted';
}

function failureKind(status: unknown): string | null {
  if (status === 'failed') return 'tool_error';
  if (status === 'declined') return 'approval_denied';
  return null;
}

/**
 * The keys of upstream's `CodexToolItemEventBase`, in the wire's order. `toolEventType` is `model_tool_call` for a
 * function the model called, null for a built-in of the model API (web search), as the real client sends them.
 */
function base(item: Item, context: ToolItemContext, toolName: string, executionDurationMs: number | null, toolEventType: string | null = 'model_tool_call'): Record<string, unknown> {
  const startedAtMs = countOrNull(item.startedAtMs) ?? 0;
  const completedAtMs = countOrNull(item.completedAtMs) ?? startedAtMs;
  return {
    thread_id: context.threadId,
    session_id: context.threadToday?.sessionId ?? context.threadId,
    turn_id: context.turnId,
    root_turn_id: context.turnToday.rootTurnId,
    item_id: String(item.id),
    cell_id: null,
    parent_call_id: null,
    originating_response_id: null,
    subsequent_response_id: null,
    app_server_client: context.connection.appServerClient,
    runtime: context.connection.runtime,
    thread_source: context.threadToday?.threadSource ?? null,
    subagent_source: context.thread.subagent_source,
    parent_thread_id: context.thread.parent_thread_id,
    tool_name: toolName,
    tool_event_type: toolEventType,
    started_at_ms: startedAtMs,
    completed_at_ms: completedAtMs,
    duration_ms: Math.max(0, completedAtMs - startedAtMs),
    execution_duration_ms: executionDurationMs,
    review_count: 0,
    guardian_review_count: 0,
    user_review_count: 0,
    final_approval_outcome: 'unknown',
    terminal_status: terminalStatus(item.status),
    failure_kind: failureKind(item.status),
    requested_additional_permissions: false,
    requested_network_access: false,
  };
}

function commandExecutionEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const actions = Array.isArray(item.commandActions) ? (item.commandActions as unknown[]) : [];
  const ofType = (type: string) => actions.filter((action) => (action as { type?: unknown } | null)?.type === type).length;
  const source = stringOrNull(item.source) ?? 'agent';
  return {
    event_type: 'codex_command_execution_event',
    event_params: {
      sandbox_backend: null,
      model_slug: context.turnToday.model,
      reasoning_effort: context.turnToday.reasoningEffort,
      ...base(item, context, source.startsWith('unifiedExec') ? 'unified_exec' : 'shell', countOrNull(item.durationMs)),
      plugin_id: stringOrNull(item.pluginId),
      script_path: stringOrNull(item.scriptPath),
      command_execution_source: source,
      exit_code: typeof item.exitCode === 'number' && Number.isSafeInteger(item.exitCode) ? item.exitCode : null,
      command_total_action_count: actions.length,
      command_read_action_count: ofType('read'),
      command_list_files_action_count: ofType('listFiles'),
      command_search_action_count: ofType('search'),
      command_unknown_action_count: ofType('unknown'),
    },
  } as CurrentTrackEventRequest;
}

function fileChangeEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const changes = Array.isArray(item.changes) ? (item.changes as unknown[]) : [];
  const kinds = changes.map((change) => (change as { kind?: { type?: unknown; move_path?: unknown; movePath?: unknown } } | null)?.kind);
  const ofType = (type: string) => kinds.filter((kind) => kind?.type === type).length;
  const moves = kinds.filter((kind) => kind?.type === 'update' && typeof (kind.move_path ?? kind.movePath) === 'string').length;
  return {
    event_type: 'codex_file_change_event',
    event_params: {
      ...base(item, context, 'apply_patch', null),
      file_change_count: changes.length,
      file_add_count: ofType('add'),
      file_update_count: ofType('update') - moves,
      file_delete_count: ofType('delete'),
      file_move_count: moves,
    },
  } as CurrentTrackEventRequest;
}

const WEB_SEARCH_ACTIONS: Record<string, string> = { search: 'search', openPage: 'open_page', findInPage: 'find_in_page' };

function webSearchEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const action = item.action as { type?: unknown; queries?: unknown } | null | undefined;
  const actionType = typeof action?.type === 'string' ? (WEB_SEARCH_ACTIONS[action.type] ?? 'other') : null;
  const query = stringOrNull(item.query);
  const queries = Array.isArray(action?.queries) ? action.queries.length : null;
  return {
    event_type: 'codex_web_search_event',
    event_params: {
      ...base({ status: 'completed', ...item }, context, 'web_search', null, null),
      web_search_action: actionType,
      query_present: query !== null && query !== '',
      query_count: queries ?? (query !== null && query !== '' ? 1 : 0),
    },
  } as CurrentTrackEventRequest;
}

function mcpToolCallEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const tool = stringOrNull(item.tool) ?? '';
  return {
    event_type: 'codex_mcp_tool_call_event',
    event_params: {
      ...base(item, context, tool, countOrNull(item.durationMs)),
      mcp_server_name: stringOrNull(item.server) ?? '',
      mcp_tool_name: tool,
      mcp_error_present: item.error !== null && item.error !== undefined,
      plugin_id: null,
      connector_id: null,
    },
  } as CurrentTrackEventRequest;
}

function dynamicToolCallEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const tool = stringOrNull(item.tool) ?? '';
  const contents = Array.isArray(item.contentItems) ? (item.contentItems as unknown[]) : null;
  const ofType = (type: string) => (contents === null ? null : contents.filter((content) => (content as { type?: unknown } | null)?.type === type).length);
  return {
    event_type: 'codex_dynamic_tool_call_event',
    event_params: {
      ...base(item, context, tool, countOrNull(item.durationMs)),
      dynamic_tool_name: tool,
      success: typeof item.success === 'boolean' ? item.success : null,
      output_content_item_count: contents === null ? null : contents.length,
      output_text_item_count: ofType('inputText'),
      output_image_item_count: ofType('inputImage'),
      output_audio_item_count: contents === null ? null : 0,
    },
  } as CurrentTrackEventRequest;
}

function collabAgentToolCallEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  const receivers = Array.isArray(item.receiverThreadIds) ? (item.receiverThreadIds as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  const states = typeof item.agentsStates === 'object' && item.agentsStates !== null ? Object.values(item.agentsStates as Record<string, unknown>) : [];
  const withStatus = (status: string) => states.filter((state) => (state as { status?: unknown } | null)?.status === status).length;
  return {
    event_type: 'codex_collab_agent_tool_call_event',
    event_params: {
      ...base(item, context, stringOrNull(item.tool) ?? '', null),
      sender_thread_id: stringOrNull(item.senderThreadId) ?? context.threadId,
      receiver_thread_count: receivers.length,
      receiver_thread_ids: receivers,
      requested_model: stringOrNull(item.model),
      requested_reasoning_effort: stringOrNull(item.reasoningEffort),
      agent_state_count: states.length,
      completed_agent_count: withStatus('completed'),
      failed_agent_count: withStatus('errored'),
    },
  } as CurrentTrackEventRequest;
}

function imageGenerationEvent(item: Item, context: ToolItemContext): CurrentTrackEventRequest {
  return {
    event_type: 'codex_image_generation_event',
    event_params: {
      ...base(item, context, 'image_generation', null, null),
      revised_prompt_present: typeof item.revisedPrompt === 'string' && item.revisedPrompt !== '',
      saved_path_present: typeof item.savedPath === 'string' && item.savedPath !== '',
      transparent_background: null,
      imagegen_request_id: null,
    },
  } as CurrentTrackEventRequest;
}

const BUILDERS: Record<string, (item: Item, context: ToolItemContext) => CurrentTrackEventRequest> = {
  commandExecution: commandExecutionEvent,
  fileChange: fileChangeEvent,
  webSearch: webSearchEvent,
  mcpToolCall: mcpToolCallEvent,
  dynamicToolCall: dynamicToolCallEvent,
  collabAgentToolCall: collabAgentToolCallEvent,
  imageGeneration: imageGenerationEvent,
};

/**
 * The tool item event of a completed item (`item/completed`), or undefined for an item that is not a tool call. The
 * command, file change and web search events are checked key for key against Codex 0.171.0; the MCP, dynamic tool,
 * sub-agent and image generation events follow upstream's `events.rs` and the item's protocol shape (v2
 * `ThreadItem`), unchecked against a real recording (the scripted model cannot make Codex run those tools here).
 */
export function toolItemEvent(item: unknown, context: ToolItemContext): CurrentTrackEventRequest | undefined {
  if (typeof item !== 'object' || item === null || typeof (item as Item).id !== 'string') return undefined;
  const record = item as Item;
  const build = typeof record.type === 'string' ? BUILDERS[record.type] : undefined;
  return build === undefined ? undefined : build(record, context);
}
