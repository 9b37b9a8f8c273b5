import type { CurrentOnlyEventType, EventType } from '@codex-analytics/events';
import type { EventParams, PageEvent } from './page-data.js';

/** A marker's family (its colour), its glyph and its name. */
export type Kind = readonly [family: string, glyph: string, name: string];

/**
 * Every event type of both eras, with how the page draws it. Typed against the events package's lists, so a type
 * added there and forgotten here fails the typecheck.
 */
export const KINDS: Record<EventType | CurrentOnlyEventType, Kind> = {
  codex_thread_initialized: ['thread', 'T', 'thread started'],
  codex_turn_event: ['turn', '◆', 'turn'],
  codex_turn_steer_event: ['steer', 'S', 'steer'],
  skill_invocation: ['skill', 'K', 'skill'],
  codex_app_mentioned: ['app', '@', 'app mentioned'],
  codex_app_used: ['app', 'A', 'app used'],
  codex_hook_run: ['hook', 'H', 'hook'],
  codex_compaction_event: ['compaction', 'C', 'compaction'],
  codex_guardian_review: ['guardian', 'G', 'guardian review'],
  codex_plugin_used: ['plugin', 'P', 'plugin used'],
  codex_plugin_installed: ['plugin', 'P', 'plugin installed'],
  codex_plugin_uninstalled: ['plugin', 'P', 'plugin uninstalled'],
  codex_plugin_enabled: ['plugin', 'P', 'plugin enabled'],
  codex_plugin_disabled: ['plugin', 'P', 'plugin disabled'],
  codex_command_execution_event: ['tool', '$', 'command'],
  codex_file_change_event: ['tool', '±', 'file change'],
  codex_mcp_tool_call_event: ['tool', 'M', 'MCP tool call'],
  codex_dynamic_tool_call_event: ['tool', 'D', 'dynamic tool call'],
  codex_collab_agent_tool_call_event: ['tool', 'Σ', 'sub-agent call'],
  codex_web_search_event: ['tool', 'W', 'web search'],
  codex_image_generation_event: ['tool', 'I', 'image generation'],
  codex_accepted_line_fingerprints: ['tool', 'L', 'accepted lines'],
};

/** How an event type is drawn; a type no era knows is `other`. */
export function kindOf(type: string): Kind {
  return Object.hasOwn(KINDS, type) ? KINDS[type as keyof typeof KINDS] : ['other', '?', type];
}

/** An event's params (an empty object when it has none). */
export function paramsOf(stored: PageEvent): EventParams {
  const params = stored.event.event_params;
  return typeof params === 'object' && params !== null ? (params as EventParams) : {};
}

/** The thread an event belongs to ('' for none). */
export function threadOf(stored: PageEvent): string {
  const threadId = paramsOf(stored).thread_id;
  return typeof threadId === 'string' ? threadId : '';
}

/** The turn an event belongs to ('' for none); a steer's accepted, else expected, turn. */
export function turnOf(stored: PageEvent): string {
  const params = paramsOf(stored);
  if (typeof params.turn_id === 'string') return params.turn_id;
  if (typeof params.accepted_turn_id === 'string') return params.accepted_turn_id;
  return typeof params.expected_turn_id === 'string' ? params.expected_turn_id : '';
}

/** Whether an event tells of success (`good`), failure (`bad`) or neither (''). */
export function outcomeOf(stored: PageEvent): '' | 'good' | 'bad' {
  const params = paramsOf(stored);
  if (stored.event.event_type === 'codex_turn_steer_event') return params.result === 'rejected' ? 'bad' : 'good';
  if (typeof params.status === 'string') return /fail|error|block|stop|interrupt|abort/.test(params.status) ? 'bad' : 'good';
  if (typeof params.terminal_status === 'string') return params.terminal_status === 'completed' ? 'good' : 'bad';
  if (typeof params.decision === 'string') return params.decision === 'denied' ? 'bad' : 'good';
  return '';
}
