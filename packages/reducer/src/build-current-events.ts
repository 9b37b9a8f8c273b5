import type { CurrentTrackEventRequest, TrackEventRequest } from '@codex-analytics/events';
import type { TurnProfile } from '@codex-analytics/facts';
import type { ThreadToday, TurnToday } from './current-era-state.js';

// Today's wire format (the "current" era) of the events the seed also has, built from the seed-era event and what
// the traffic adds, with the real client's key order (tooling/conformance/recordings/codex-0.171.0). Keys only Codex
// core knows (critical-path and sampling timings, plugins active at the turn's start, image preparations, voice
// sessions, the error kind and its HTTP status, the usage-limit window, ...) are null: a host whose core knows them
// reports them with its own facts or events. Events whose shape did not change (skills, apps, hooks, plugins,
// guardian reviews) are emitted as in the seed era, which today's format accepts.

type Params = Record<string, unknown>;

function threadKeys(seed: Params, today: ThreadToday | undefined): { session_id: string; thread_source: string | null } {
  // A sub-agent thread core started (no thread response) shares its parent's session.
  const session = today?.sessionId ?? (typeof seed.parent_thread_id === 'string' ? seed.parent_thread_id : String(seed.thread_id));
  return { session_id: session, thread_source: today?.threadSource ?? null };
}

/**
 * The lineage keys, in the wire's order: a sub-agent thread keeps the source core gave it; any other thread reports
 * its own `threadSource` (null for a thread an app-server client started).
 */
function lineage(seed: Params, threadSource: string | null): Params {
  return {
    thread_source: seed.subagent_source === null ? threadSource : seed.thread_source,
    subagent_source: seed.subagent_source,
    parent_thread_id: seed.parent_thread_id,
  };
}

export function currentThreadInitialized(seed: Params, today: ThreadToday | undefined): Params {
  const { session_id, thread_source } = threadKeys(seed, today);
  return {
    thread_id: seed.thread_id,
    session_id,
    app_server_client: seed.app_server_client,
    runtime: seed.runtime,
    model: seed.model,
    ephemeral: seed.ephemeral,
    is_worktree: null,
    thread_source: lineage(seed, thread_source).thread_source,
    initialization_mode: seed.initialization_mode,
    subagent_source: seed.subagent_source,
    parent_thread_id: seed.parent_thread_id,
    forked_from_thread_id: today?.forkedFromThreadId ?? null,
    created_at: seed.created_at,
  };
}

export function currentTurnSteer(seed: Params, today: ThreadToday | undefined): Params {
  const { session_id, thread_source } = threadKeys(seed, today);
  return {
    thread_id: seed.thread_id,
    session_id,
    expected_turn_id: seed.expected_turn_id,
    accepted_turn_id: seed.accepted_turn_id,
    app_server_client: seed.app_server_client,
    runtime: seed.runtime,
    ...lineage(seed, thread_source),
    num_input_images: seed.num_input_images,
    result: seed.result,
    rejection_reason: seed.rejection_reason,
    created_at: seed.created_at,
  };
}

const CRITICAL_PATH_KEYS = [
  'critical_path_duration_ms',
  'critical_path_inference_ms',
  'critical_path_sampling_ms',
  'critical_path_compaction_ms',
  'critical_path_auto_review_ms',
  'critical_path_auto_review_overhead_ms',
  'critical_path_user_wait_ms',
  'critical_path_tools_ms',
  'critical_path_overhead_ms',
  'critical_path_unknown_ms',
] as const;

const SAMPLING_KEYS = [
  'before_first_sampling_ms',
  'sampling_ms',
  'compaction_ms',
  'between_sampling_overhead_ms',
  'tool_blocking_ms',
  'after_last_sampling_ms',
  'sampling_request_count',
  'sampling_retry_count',
  'tools_change_count',
] as const;

const nulls = (keys: readonly string[]): Params => Object.fromEntries(keys.map((key) => [key, null]));

/** The critical path and sampling keys from core's profile of the turn (`trackTurnProfile`), null without one. */
function profileKeys(profile: TurnProfile | null): { criticalPath: Params; sampling: Params } {
  if (profile === null) return { criticalPath: { critical_path_status: null, ...nulls(CRITICAL_PATH_KEYS) }, sampling: nulls(SAMPLING_KEYS) };
  const path = profile.criticalPath;
  const ms = (value: number | null | undefined) => value ?? null;
  return {
    criticalPath: {
      critical_path_status: path?.status ?? null,
      critical_path_duration_ms: ms(path?.durationMs),
      critical_path_inference_ms: ms(path?.inferenceMs),
      critical_path_sampling_ms: ms(path?.samplingMs),
      critical_path_compaction_ms: ms(path?.compactionMs),
      critical_path_auto_review_ms: ms(path?.autoReviewMs),
      critical_path_auto_review_overhead_ms: ms(path?.autoReviewOverheadMs),
      critical_path_user_wait_ms: ms(path?.userWaitMs),
      critical_path_tools_ms: ms(path?.toolsMs),
      critical_path_overhead_ms: ms(path?.overheadMs),
      critical_path_unknown_ms: ms(path?.unknownMs),
    },
    sampling: {
      before_first_sampling_ms: profile.beforeFirstSamplingMs,
      sampling_ms: profile.samplingMs,
      compaction_ms: profile.compactionMs ?? null,
      between_sampling_overhead_ms: profile.betweenSamplingOverheadMs,
      tool_blocking_ms: profile.toolBlockingMs,
      after_last_sampling_ms: profile.afterLastSamplingMs,
      sampling_request_count: profile.samplingRequestCount,
      sampling_retry_count: profile.samplingRetryCount,
      tools_change_count: profile.toolsChangeCount ?? null,
    },
  };
}

export function currentTurnEvent(seed: Params, thread: ThreadToday | undefined, turn: TurnToday, cacheWriteInputTokens: number | null): Params {
  const { session_id, thread_source } = threadKeys(seed, thread);
  const { counts, codexError } = turn;
  const { criticalPath, sampling } = profileKeys(turn.profile);
  return {
    ...criticalPath,
    thread_id: seed.thread_id,
    session_id,
    turn_id: seed.turn_id,
    active_plugin_ids_at_turn_start: null,
    voice_session_id: null,
    root_turn_id: turn.rootTurnId,
    turn_trigger: null,
    codex_turn_source: null,
    submission_type: seed.submission_type,
    app_server_client: seed.app_server_client,
    runtime: seed.runtime,
    ephemeral: seed.ephemeral,
    thread_source: lineage(seed, thread_source).thread_source,
    initialization_mode: seed.initialization_mode,
    subagent_source: seed.subagent_source,
    parent_thread_id: seed.parent_thread_id,
    model: seed.model,
    model_provider: seed.model_provider,
    sandbox_policy: seed.sandbox_policy,
    reasoning_effort: seed.reasoning_effort,
    reasoning_summary: seed.reasoning_summary,
    service_tier: seed.service_tier,
    approval_policy: seed.approval_policy,
    approvals_reviewer: seed.approvals_reviewer,
    guardian_v2_enabled: null,
    multi_agent_version: null,
    sandbox_network_access: seed.sandbox_network_access,
    collaboration_mode: seed.collaboration_mode,
    personality: seed.personality,
    workspace_kind: null,
    num_input_images: seed.num_input_images,
    image_preparations: null,
    is_first_turn: seed.is_first_turn,
    status: seed.status,
    explicit_client_interrupt_requested_at_ms: turn.interruptRequestedAtMs,
    turn_error: seed.turn_error,
    codex_error_kind: codexError?.kind ?? null,
    codex_error_http_status_code: codexError?.httpStatusCode ?? null,
    usage_limit_window_minutes: codexError?.usageLimitWindowMinutes ?? null,
    steer_count: seed.steer_count,
    total_tool_call_count: counts.total,
    shell_command_count: counts.shellCommand,
    file_change_count: counts.fileChange,
    mcp_tool_call_count: counts.mcpToolCall,
    dynamic_tool_call_count: counts.dynamicToolCall,
    subagent_tool_call_count: counts.subagentToolCall,
    web_search_count: counts.webSearch,
    image_generation_count: counts.imageGeneration,
    input_tokens: seed.input_tokens,
    cached_input_tokens: seed.cached_input_tokens,
    cache_write_input_tokens: seed.input_tokens === null ? null : cacheWriteInputTokens,
    output_tokens: seed.output_tokens,
    reasoning_output_tokens: seed.reasoning_output_tokens,
    total_tokens: seed.total_tokens,
    ...sampling,
    duration_ms: seed.duration_ms,
    started_at: seed.started_at,
    completed_at: seed.completed_at,
  };
}

export function currentCompaction(seed: Params, today: ThreadToday | undefined): Params {
  const { session_id, thread_source } = threadKeys(seed, today);
  return {
    thread_id: seed.thread_id,
    session_id,
    turn_id: seed.turn_id,
    app_server_client: seed.app_server_client,
    runtime: seed.runtime,
    ...lineage(seed, thread_source),
    trigger: seed.trigger,
    reason: seed.reason,
    implementation: seed.implementation,
    phase: seed.phase,
    strategy: seed.strategy,
    status: seed.status,
    voice_session_id: null,
    codex_error_kind: null,
    codex_error_http_status_code: null,
    usage_limit_window_minutes: null,
    active_context_tokens_before: seed.active_context_tokens_before,
    active_context_tokens_after: seed.active_context_tokens_after,
    retained_image_count: null,
    compaction_summary_tokens: null,
    cached_input_tokens: null,
    cache_write_input_tokens: null,
    started_at: seed.started_at,
    completed_at: seed.completed_at,
    duration_ms: seed.duration_ms,
  };
}

/** Wraps today's params of `event` back into an event of the same type. */
export function withParams(event: TrackEventRequest, params: Params): CurrentTrackEventRequest {
  return { event_type: event.event_type, event_params: params } as CurrentTrackEventRequest;
}
